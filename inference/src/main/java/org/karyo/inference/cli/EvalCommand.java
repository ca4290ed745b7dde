package org.karyo.inference.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.karyo.inference.detect.Detector;
import org.karyo.inference.metrics.DetectorEvaluation;
import org.karyo.inference.metrics.EvaluationReport;
import org.karyo.inference.metrics.groundtruth.GroundTruthImage;
import org.karyo.inference.metrics.groundtruth.GroundTruthSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code karyo eval}: the papers' detection and enumeration metrics of a model on an annotated set. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a model on annotated images: AP, P/R/F1 at the best threshold, mFPs, mOD, WCR, AER.")
final class EvalCommand implements Callable<Integer> {

    @Mixin
    AnnotatedSetOptions annotatedSet = new AnnotatedSetOptions();

    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(names = "--min-score", description = "lowest score kept for the AP curve, default ${DEFAULT-VALUE}")
    double minScore = 0.05;

    @Option(names = "--include-unannotated", description = "also evaluate images that carry no annotation")
    boolean includeUnannotated;

    @Option(names = "--json", paramLabel = "FILE", description = "write the metrics as JSON")
    Path json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AnnotatedImages annotated;
        try {
            annotated = annotatedSet.read(includeUnannotated, err);
        } catch (CliFailure e) {
            err.println(e.getMessage());
            return e.exitCode;
        }
        GroundTruthSet set = annotated.set();
        List<GroundTruthImage> present = annotated.present();
        try (Detector chosen = Detectors.open(model, err, false)) {
            DetectorEvaluation.Result result = DetectorEvaluation.evaluate(chosen, present, set.horizontal(), minScore,
                    line -> {
                        err.println(line);
                        err.flush();
                    });
            if (result.report() == null) {
                err.println("no image could be evaluated");
                return Karyo.SOME_FAILED;
            }
            int failed = result.failed();
            EvaluationReport report = result.report();
            out.printf("%s (%s, %s IoU) with %s%n", set.name(), set.format(), report.iou(), chosen.info().label());
            out.println(report.toTable());
            out.flush();
            if (json != null) {
                Files.writeString(json, report.toJson());
                err.println("wrote " + json);
            }
            return failed > 0 ? Karyo.SOME_FAILED : Karyo.OK;
        } catch (CliFailure e) {
            err.println(e.getMessage());
            return e.exitCode;
        } catch (IOException e) {
            err.println("cannot write " + json + ": " + e.getMessage());
            return Karyo.SOME_FAILED;
        }
    }
}
