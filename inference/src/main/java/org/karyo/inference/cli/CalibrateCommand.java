package org.karyo.inference.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.karyo.inference.detect.Detector;
import org.karyo.inference.metrics.Calibration;
import org.karyo.inference.metrics.DetectorEvaluation;
import org.karyo.inference.metrics.ThresholdMetrics;
import org.karyo.inference.model.ModelLocator;
import org.karyo.inference.onnx.OnnxMetadataFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code karyo calibrate}: a lab's own annotated cells set the model's operating point (score
 * threshold and containment rule) to the fewest miscounted chromosomes; the result is a copy of
 * the model with those thresholds and a record of how they were chosen. The original is untouched.
 */
@Command(
        name = "calibrate",
        mixinStandardHelpOptions = true,
        description = "Set a model's operating point from annotated cells: the score threshold and containment "
                + "rule with the fewest miscounted chromosomes. Writes a calibrated copy of the model.")
final class CalibrateCommand implements Callable<Integer> {

    @Mixin
    AnnotatedSetOptions annotatedSet = new AnnotatedSetOptions();

    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the calibrated model to write")
    Path out;

    @Option(
            names = "--contain-candidates",
            split = ",",
            paramLabel = "F",
            description = "containment fractions to try, 0 = off (default: ${DEFAULT-VALUE})")
    double[] candidates = Calibration.defaultFractions();

    @Option(names = "--min-score", description = "lowest score threshold considered, default ${DEFAULT-VALUE}")
    double minScore = Calibration.DEFAULT_MIN_SCORE;

    @Option(names = "--model-version", paramLabel = "V", description = "model.version of the copy (default: unchanged)")
    String version;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            for (double f : candidates) {
                if (!(f >= 0 && f <= 1)) {
                    throw new CliFailure(ExitCodes.USAGE, "containment fractions must be in [0, 1], got " + f);
                }
            }
            Path src = model.resolve();
            if (Files.exists(out) && Files.isSameFile(src, out)) {
                throw new CliFailure(ExitCodes.USAGE, "--out must not be the model itself: " + out);
            }
            AnnotatedImages annotated = annotatedSet.read(false, err);
            Calibration.Result result;
            try (Detector chosen = Detectors.open(model, err, false)) {
                Detector off = chosen.withThresholds(chosen.thresholds().withContain(0));
                DetectorEvaluation.Detections d = DetectorEvaluation.detect(
                        off, annotated.present(), annotated.set().horizontal(), minScore, line -> {
                            err.println(line);
                            err.flush();
                        });
                if (d.failed() > 0 || d.images().isEmpty()) {
                    throw new CliFailure(
                            ExitCodes.SOME_FAILED,
                            d.failed() + " image(s) could not be detected: "
                                    + "calibrate on a set where every image runs");
                }
                result = Calibration.calibrate(
                        d.images(), candidates, chosen.thresholds().score(), minScore);
            }
            stdout.print(table(result));
            Map<String, String> md = new LinkedHashMap<>(OnnxMetadataFile.read(src));
            md.putAll(Calibration.metadata(
                    result,
                    annotatedSet.data.toAbsolutePath().normalize().toString(),
                    annotated.present().size()));
            if (version != null) {
                md.put("model.version", version);
            }
            OnnxMetadataFile.write(src, out, md);
            stdout.printf(
                    Locale.ROOT,
                    "wrote %s: thresholds.score %s, thresholds.contain %s%n",
                    out,
                    md.get(Calibration.SCORE_KEY),
                    md.get(Calibration.CONTAIN_KEY));
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

    private static String table(Calibration.Result r) {
        StringBuilder sb = new StringBuilder(String.format(
                Locale.ROOT,
                "%-10s %10s %14s %12s %8s%n",
                "contain",
                "threshold",
                "|count err|/im",
                "count exact",
                "F1 %"));
        for (Calibration.Candidate c : r.candidates()) {
            ThresholdMetrics m = c.report().bestCount();
            sb.append(String.format(
                    Locale.ROOT,
                    "%-10s %10.4f %14.2f %11.1f%% %8.2f%s%n",
                    c.contain() == 0 ? "off" : Double.toString(c.contain()),
                    m.threshold(),
                    m.meanAbsCountError(),
                    100 * m.countExactShare(),
                    100 * m.f1(),
                    c.equals(r.chosen()) ? "   <- chosen" : ""));
        }
        return sb.toString();
    }
}
