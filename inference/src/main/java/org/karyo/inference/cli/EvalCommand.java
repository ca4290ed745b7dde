package org.karyo.inference.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.karyo.core.groundtruth.GroundTruthImage;
import org.karyo.core.groundtruth.GroundTruthSet;
import org.karyo.inference.detect.Detector;
import org.karyo.inference.metrics.DetectorEvaluation;
import org.karyo.inference.metrics.ErrorBreakdown;
import org.karyo.inference.metrics.EvaluationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code karyo eval}: the papers' detection and enumeration metrics of a model on an annotated set. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
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

    @Option(
            names = "--errors",
            paramLabel = "FILE",
            description = "write each image's errors at the operating threshold by kind as CSV (duplicate, merged, "
                    + "fragment, misplaced, background false positives; boxed-wrongly and missed false negatives)")
    Path errors;

    @Option(
            names = "--truth",
            paramLabel = "counts.csv",
            description =
                    "also score each image's count at the operating "
                            + "threshold against true counts (columns cell,count; matched by file name without extension); repeatable")
    List<Path> truth = new java.util.ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AnnotatedImages annotated;
        List<org.karyo.inference.count.CountTruth> truths;
        try {
            truths = CountCommand.readTruth(truth);
            annotated = annotatedSet.read(includeUnannotated, err);
        } catch (CliFailure e) {
            err.println(e.getMessage());
            return e.exitCode;
        }
        GroundTruthSet set = annotated.set();
        List<GroundTruthImage> present = annotated.present();
        try (Detector chosen = Detectors.open(model, err, false)) {
            DetectorEvaluation.Result result =
                    DetectorEvaluation.evaluate(chosen, present, set.horizontal(), minScore, line -> {
                        err.println(line);
                        err.flush();
                    });
            if (result.report() == null) {
                err.println("no image could be evaluated");
                return ExitCodes.SOME_FAILED;
            }
            int failed = result.failed();
            EvaluationReport report = result.report();
            out.printf(
                    "%s (%s, %s IoU) with %s%n",
                    set.name(), set.format(), report.iou(), chosen.info().label());
            out.println(report.toTable());
            List<ErrorBreakdown> breakdown =
                    ErrorBreakdown.of(result.images(), chosen.thresholds().score());
            out.println("errors at the operating threshold:");
            out.println(ErrorBreakdown.summary(breakdown));
            org.karyo.inference.count.TruthScore score =
                    truths.isEmpty() ? null : truthScore(truths, result, breakdown);
            if (score != null) {
                out.println();
                if (chosen.skeletonRule() != null) {
                    out.println("(box counts at the operating threshold without the skeleton rule "
                            + chosen.skeletonRule().describe() + "; karyo count --truth applies it)");
                }
                out.print(score.report());
            }
            out.flush();
            // both files are attempted even when the first cannot be written
            boolean jsonWritten =
                    write(json, () -> score == null ? report.toJson() : withTruth(report.toJson(), score), err);
            boolean errorsWritten = write(errors, () -> errorsCsv(breakdown), err);
            boolean written = jsonWritten && errorsWritten;
            return failed > 0 || !written ? ExitCodes.SOME_FAILED : ExitCodes.OK;
        } catch (CliFailure e) {
            err.println(e.getMessage());
            return e.exitCode;
        }
    }

    /** Writes the file if one was asked for; false (with the reason on err) if it could not be. */
    private static boolean write(Path file, Supplier<String> content, PrintWriter err) {
        if (file == null) {
            return true;
        }
        try {
            Files.writeString(file, content.get());
            err.println("wrote " + file);
            return true;
        } catch (IOException e) {
            err.println("cannot write " + file + ": " + e);
            return false;
        }
    }

    /** Each image's count at the operating threshold (the annotation is not used) against its true count. */
    private static org.karyo.inference.count.TruthScore truthScore(
            List<org.karyo.inference.count.CountTruth> truths,
            DetectorEvaluation.Result result,
            List<ErrorBreakdown> breakdown) {
        List<org.karyo.inference.count.CaseSummary.CellCount> counted = new java.util.ArrayList<>();
        for (int i = 0; i < breakdown.size(); i++) {
            GroundTruthImage gt = result.images().get(i).gt();
            String name = gt.imagePath() != null ? gt.imagePath().toString() : gt.name();
            counted.add(new org.karyo.inference.count.CaseSummary.CellCount(
                    name, breakdown.get(i).predicted()));
        }
        return org.karyo.inference.count.TruthScore.of(truths, counted);
    }

    private static String withTruth(String reportJson, org.karyo.inference.count.TruthScore score) {
        try {
            com.fasterxml.jackson.databind.ObjectMapper om = new com.fasterxml.jackson.databind.ObjectMapper();
            com.fasterxml.jackson.databind.node.ObjectNode root =
                    (com.fasterxml.jackson.databind.node.ObjectNode) om.readTree(reportJson);
            root.set("truth", om.valueToTree(score.toJson()));
            return om.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String errorsCsv(List<ErrorBreakdown> rows) {
        StringBuilder sb = new StringBuilder("image,ground_truth,predicted,tp,fp,fn,fp_duplicate,fp_merged,"
                + "fp_fragment,fp_misplaced,fp_background,fn_boxed_wrongly,fn_missed\n");
        for (ErrorBreakdown r : rows) {
            sb.append(CountReport.csv(r.image()));
            for (int v : new int[] {
                r.groundTruth(),
                r.predicted(),
                r.tp(),
                r.fp(),
                r.fn(),
                r.duplicate(),
                r.merged(),
                r.fragment(),
                r.misplaced(),
                r.background(),
                r.boxedWrongly(),
                r.missed()
            }) {
                sb.append(',').append(v);
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
