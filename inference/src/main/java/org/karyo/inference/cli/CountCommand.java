package org.karyo.inference.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.karyo.core.image.ImageReadException;
import org.karyo.inference.count.CaseSummary;
import org.karyo.inference.count.CountTruth;
import org.karyo.inference.count.CountTruthException;
import org.karyo.inference.count.TruthScore;
import org.karyo.inference.detect.DetectionResult;
import org.karyo.inference.detect.Detector;
import org.karyo.inference.detect.SgachDecoder;
import org.karyo.inference.detect.ThresholdCounter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code karyo count}: chromosome count of every metaphase image and the case summary. */
@Command(
        name = "count",
        mixinStandardHelpOptions = true,
        description = "Count the chromosomes in metaphase images (files or folders) and summarise the case.")
final class CountCommand implements Callable<Integer> {

    private static final System.Logger LOG = System.getLogger(CountCommand.class.getName());

    @Parameters(arity = "1..*", paramLabel = "IMAGES", description = "image files or folders of images")
    List<Path> inputs;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(names = "--out", paramLabel = "results.json", description = "write boxes, scores and timings as JSON")
    Path json;

    @Option(names = "--csv", paramLabel = "counts.csv", description = "write one row per image")
    Path csv;

    /** How the cells are counted: the DeepCHM model, or the classic threshold peer it must beat. */
    enum Method {
        model,
        threshold
    }

    @Option(
            names = "--method",
            paramLabel = "M",
            description = "model (default: the DeepCHM detector) or threshold "
                    + "(the classic peer: Otsu's threshold, one chromosome per connected component of at least --min-area of "
                    + "the median component area)")
    Method method = Method.model;

    @Option(
            names = "--min-area",
            paramLabel = "F",
            description = "threshold method: smallest component kept, as a "
                    + "fraction of the median component area (default: ${DEFAULT-VALUE})")
    double minArea = ThresholdCounter.DEFAULT_MIN_AREA_FRACTION;

    @Option(
            names = "--truth",
            paramLabel = "counts.csv",
            description = "score the counts against the true count of "
                    + "each cell (CSV with columns cell,count, e.g. counts.csv or karyotypes.csv; cells matched to image files "
                    + "by name without extension); repeat for several sets")
    List<Path> truth = new ArrayList<>();

    @Spec
    CommandSpec spec;

    /** Counts one image file. */
    @FunctionalInterface
    interface Counter {
        DetectionResult count(Path image) throws Exception;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            List<CountTruth> truths = readTruth(truth);
            if (method == Method.threshold) {
                if (!(minArea >= 0 && minArea <= 1)) {
                    throw new CliFailure(ExitCodes.USAGE, "--min-area must be in [0, 1], got " + minArea);
                }
                ThresholdCounter peer = ThresholdCounter.of(minArea, model.polarity);
                err.println("method: threshold (Otsu + connected components >= " + minArea + " of the median area)");
                return run(peer::detect, () -> CountReport.thresholdMethod(peer), truths, out, err);
            }
            try (Detector detector = Detectors.open(model, err, true)) {
                return run(detector::detect, () -> CountReport.modelMethod(detector), truths, out, err);
            }
        } catch (CliFailure e) {
            err.println(e.getMessage());
            return e.exitCode;
        }
    }

    private int run(
            Counter counter,
            java.util.function.Supplier<java.util.Map<String, Object>> method,
            List<CountTruth> truths,
            PrintWriter out,
            PrintWriter err) {
        List<Path> files = ImageFiles.expand(inputs);
        if (files.isEmpty()) {
            throw new CliFailure(ExitCodes.USAGE, "no images found in " + inputs);
        }
        List<CountReport.Entry> entries = new ArrayList<>();
        int width = String.valueOf(files.size()).length();
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            String progress = String.format("[%" + width + "d/%d]", i + 1, files.size());
            entries.add(countOne(counter, f, progress, out));
        }
        CountReport report = CountReport.of(method.get(), entries);
        printSummary(report, out);
        TruthScore score = null;
        if (!truths.isEmpty()) {
            score = TruthScore.of(truths, report.summary().cells());
            out.println();
            out.print(score.report());
            out.flush();
        }
        write(report, score, err);
        return report.failed() > 0 ? ExitCodes.SOME_FAILED : ExitCodes.OK;
    }

    /** Every truth file is read before any image is counted, so a bad one fails at once, naming itself. */
    static List<CountTruth> readTruth(List<Path> files) {
        List<CountTruth> out = new ArrayList<>();
        for (Path f : files) {
            try {
                out.add(CountTruth.read(f));
            } catch (CountTruthException e) {
                throw new CliFailure(ExitCodes.USAGE, e.getMessage());
            }
        }
        return out;
    }

    private static CountReport.Entry countOne(Counter counter, Path f, String progress, PrintWriter out) {
        try {
            DetectionResult r = counter.count(f);
            out.printf(
                    "%s %s\t%d chromosomes\t(%.0f ms)%s%n",
                    progress,
                    f,
                    r.count(),
                    r.timings().total() / 1e6,
                    r.candidatesCapped()
                            ? "\tWARNING: " + r.candidates() + " candidate boxes, only the best "
                                    + SgachDecoder.MAX_CANDIDATES + " used: implausible model output"
                            : r.count() == 0 ? "\tWARNING: no chromosomes found: is this a metaphase?" : "");
            out.flush();
            // images by number only: their file names may name a patient
            LOG.log(
                    System.Logger.Level.INFO,
                    () -> String.format(
                            java.util.Locale.ROOT,
                            "image %s: %d boxes; ms load %.1f preprocess %.1f model %.1f decode %.1f nms %.1f",
                            progress.strip(),
                            r.count(),
                            r.timings().load() / 1e6,
                            r.timings().preprocess() / 1e6,
                            r.timings().model() / 1e6,
                            r.timings().decode() / 1e6,
                            r.timings().nms() / 1e6));
            return CountReport.Entry.ok(f, r);
        } catch (ImageReadException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "image " + progress.strip() + " not read",
                    org.karyo.core.logging.LogFiles.withheld(e));
            return failed(f, progress, e.getMessage(), out);
        } catch (Exception e) { // ONNX Runtime failure on one image must not stop the others
            LOG.log(
                    System.Logger.Level.WARNING,
                    "image " + progress.strip() + " failed",
                    org.karyo.core.logging.LogFiles.withheld(e));
            return failed(f, progress, "detection failed: " + e.getMessage(), out);
        }
    }

    private static CountReport.Entry failed(Path f, String progress, String message, PrintWriter out) {
        out.printf("%s %s\tERROR: %s%n", progress, f, message);
        out.flush();
        return CountReport.Entry.failed(f, message);
    }

    private static void printSummary(CountReport report, PrintWriter out) {
        CaseSummary s = report.summary();
        out.println();
        out.printf(
                "Cells counted: %d%s%n",
                s.cellCount(), report.failed() > 0 ? " (" + report.failed() + " file(s) could not be read)" : "");
        if (s.cellCount() > 0) {
            out.printf(
                    "Modal number: %d (%d of %d cells)%n",
                    s.modalNumber(), s.distribution().get(s.modalNumber()), s.cellCount());
            out.printf("Cells off the modal number: %d%n", s.nonModal().size());
            for (CaseSummary.CellCount c : s.nonModal()) {
                out.printf("  %s\t%d%n", c.cell(), c.count());
            }
        }
        out.flush();
    }

    private void write(CountReport report, TruthScore score, PrintWriter err) {
        try {
            if (json != null) {
                java.util.Map<String, Object> root = report.toJson();
                if (score != null) {
                    root.put("truth", score.toJson());
                }
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), root);
                err.println("wrote " + json);
            }
            if (csv != null) {
                Files.writeString(csv, report.toCsv());
                err.println("wrote " + csv);
            }
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.SOME_FAILED, "cannot write results: " + e.getMessage());
        }
    }
}
