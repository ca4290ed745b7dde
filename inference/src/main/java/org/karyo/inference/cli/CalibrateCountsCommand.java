package org.karyo.inference.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.karyo.inference.count.CountCalibration;
import org.karyo.inference.count.CountTruth;
import org.karyo.inference.detect.DetectionResult;
import org.karyo.inference.detect.Detector;
import org.karyo.inference.detect.SkeletonCountRule;
import org.karyo.inference.metrics.Calibration;
import org.karyo.inference.model.ModelLocator;
import org.karyo.inference.onnx.OnnxMetadataFile;
import org.karyo.inference.onnx.RawMaps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code karyo calibrate-counts}: a laboratory's own real cells with known counts (from their
 * karyograms) choose the model's counting settings: score threshold, containment rule and
 * skeleton rule, by the least total |count error|. Writes a calibrated copy of the model when
 * {@code --out} is given; the original is untouched.
 */
@Command(
        name = "calibrate-counts",
        mixinStandardHelpOptions = true,
        description = "Choose the score threshold, containment rule and skeleton rule on real cells whose true "
                + "counts are known (counts.csv); optionally write a calibrated copy of the model.")
final class CalibrateCountsCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "IMAGES", description = "image files or folders of the calibration cells")
    List<Path> inputs;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(
            names = "--truth",
            required = true,
            paramLabel = "counts.csv",
            description = "true count of each cell " + "(columns cell,count); repeat for several files")
    List<Path> truth;

    @Option(names = "--out", paramLabel = "FILE", description = "write the calibrated model here (default: only print)")
    Path out;

    @Option(names = "--min-score", description = "lowest score threshold tried, default ${DEFAULT-VALUE}")
    double minScore = 0.3;

    @Option(
            names = "--contain-candidates",
            split = ",",
            paramLabel = "F",
            description = "containment fractions to try, 0 = off (default: ${DEFAULT-VALUE})")
    double[] fractions = Calibration.defaultFractions();

    @Option(
            names = "--rule-candidates",
            split = ",",
            paramLabel = "R",
            description = "skeleton rules to try "
                    + "(off, merge, split, orphans, or parts joined by +; default: ${DEFAULT-VALUE})")
    List<String> rules =
            new ArrayList<>(List.of("off", "merge", "split", "orphans", "merge+orphans", "merge+split+orphans"));

    @Option(
            names = "--fill-candidates",
            split = ",",
            paramLabel = "F",
            description = "skeleton fill values tried for " + "rules that merge (default: --skeleton-fill, else 0.6)")
    double[] fills;

    @Option(
            names = "--objective",
            paramLabel = "O",
            description = "EXACT (default: most cells counted exactly, then "
                    + "most within one, then least |error|) or MAE (least |error| first)")
    CountCalibration.Objective objective = CountCalibration.Objective.EXACT;

    @Option(names = "--model-version", paramLabel = "V", description = "model.version of the copy (default: unchanged)")
    String version;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            List<CountTruth> truths = CountCommand.readTruth(truth);
            double skeleton = model.skeletonThreshold == null ? 0.5 : model.skeletonThreshold;
            double fill = model.skeletonFill == null ? 0.6 : model.skeletonFill;
            List<SkeletonCountRule.Settings> candidates = new ArrayList<>();
            for (String r : rules) {
                try {
                    SkeletonCountRule.Settings base =
                            SkeletonCountRule.Settings.parse(r).withSkeleton(skeleton);
                    if (base.merge() && fills != null) {
                        for (double f : fills) {
                            candidates.add(base.withFill(f));
                        }
                    } else {
                        candidates.add(base.withFill(fill));
                    }
                } catch (IllegalArgumentException e) {
                    throw new CliFailure(ExitCodes.USAGE, "--rule-candidates / --fill-candidates: " + e.getMessage());
                }
            }
            Path src = model.resolve();
            if (out != null && Files.exists(out) && Files.isSameFile(src, out)) {
                throw new CliFailure(ExitCodes.USAGE, "--out must not be the model itself: " + out);
            }
            List<Path> files = ImageFiles.expand(inputs);
            CountCalibration.Result result;
            List<CountCalibration.Cell> cells = new ArrayList<>();
            try (Detector opened = Detectors.open(model, err, true)) {
                Detector floor = opened.withThresholds(
                                opened.thresholds().withScore(minScore).withContain(0))
                        .withSkeletonRule(null);
                int stride = floor.info().anchors().stride();
                for (Path f : files) {
                    OptionalInt t = OptionalInt.empty();
                    for (CountTruth ct : truths) {
                        t = ct.countOf(f);
                        if (t.isPresent()) {
                            break;
                        }
                    }
                    if (t.isEmpty()) {
                        err.println(f + ": no row in the truth file(s), not used");
                        continue;
                    }
                    DetectionResult r;
                    try {
                        r = floor.detect(f, true);
                    } catch (Exception e) {
                        throw new CliFailure(
                                ExitCodes.SOME_FAILED,
                                f + ": " + e.getMessage() + " (calibrate on cells that can all be read)");
                    }
                    RawMaps m = r.maps(); // keep the saliency only: the score and delta maps are 40 MB a cell
                    RawMaps sal = new RawMaps(
                            1,
                            m.height(),
                            m.width(),
                            m.saliency(),
                            new float[m.height() * m.width()],
                            new float[5 * m.height() * m.width()]);
                    cells.add(new CountCalibration.Cell(
                            f.toString(), t.getAsInt(), r.detections(), sal, r.letterbox(), stride));
                    err.printf(
                            "%s: true %d, %d boxes at score >= %.2f%n",
                            f.getFileName(), t.getAsInt(), r.detections().size(), minScore);
                    err.flush();
                }
            }
            if (cells.isEmpty()) {
                throw new CliFailure(ExitCodes.USAGE, "no cell with a true count to calibrate on");
            }
            result = CountCalibration.calibrate(
                    cells, fractions, candidates, CountCalibration.grid(minScore, 0.99, 0.005), objective);
            stdout.printf(
                    "%d cells, objective %s; each row: that containment and rule at its own best threshold%n",
                    cells.size(), objective);
            stdout.print(result.table());
            CountCalibration.Candidate c = result.chosen();
            stdout.printf(
                    Locale.ROOT,
                    "chosen: score %.3f, containment %s, skeleton rule %s%n",
                    c.score(),
                    c.contain() == 0 ? "off" : c.contain(),
                    c.rule().format());
            if (out != null) {
                Map<String, String> md = new LinkedHashMap<>(OnnxMetadataFile.read(src));
                md.put(Calibration.SCORE_KEY, Double.toString(c.score()));
                md.put(Calibration.CONTAIN_KEY, Double.toString(c.contain()));
                md.put(SkeletonCountRule.Settings.METADATA_KEY, c.rule().format());
                md.put(Calibration.RECORD_KEY, record(result, truths, cells.size()));
                if (version != null) {
                    md.put("model.version", version);
                }
                OnnxMetadataFile.write(src, out, md);
                stdout.println("wrote " + out);
            }
            stdout.flush();
            return ExitCodes.OK;
        } catch (CliFailure e) {
            err.println(e.getMessage());
            return e.exitCode;
        } catch (ModelLocator.NoModelException e) {
            err.println(e.getMessage());
            return ExitCodes.NO_MODEL;
        } catch (IOException e) {
            err.println("cannot write " + out + ": " + e.getMessage());
            return ExitCodes.SOME_FAILED;
        }
    }

    private static String record(CountCalibration.Result r, List<CountTruth> truths, int cells) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        ArrayNode data = o.putArray("truth");
        truths.forEach(t -> data.add(t.file().toAbsolutePath().normalize().toString()));
        o.put("cells", cells);
        o.put("rule", "real cells with true counts, objective " + r.objective());
        ArrayNode tried = o.putArray("candidates");
        for (CountCalibration.Candidate c : r.candidates()) {
            tried.addObject()
                    .put("contain", c.contain())
                    .put("skeleton_rule", c.rule().format())
                    .put("score", c.score())
                    .put("meanAbsCountError", c.agreement().meanAbsoluteError())
                    .put("exact", c.agreement().exact())
                    .put("withinOne", c.agreement().withinOne());
        }
        return o.toString();
    }
}
