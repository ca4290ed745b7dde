package org.karyo.inference.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.karyo.core.groundtruth.GroundTruthImage;
import org.karyo.inference.detect.DetectionResult;
import org.karyo.inference.detect.Detector;

/**
 * Runs a detector over annotated images and scores it: what {@code karyo eval} does once the set
 * is read and the model opened, shared with the training bridge's evaluation after export so that
 * what is reported there is exactly what {@code karyo eval} would report.
 */
public final class DetectorEvaluation {

    /**
     * The report (null when no image could be evaluated), the evaluated images with their
     * detections (for per-image analyses such as {@link ErrorBreakdown}) and how many failed to run.
     */
    public record Result(EvaluationReport report, List<ImageEvaluation> images, int failed) {

        public int evaluated() {
            return images.size();
        }
    }

    private DetectorEvaluation() {}

    /**
     * Runs the detector over the images and scores it against their ground truth.
     *
     * @param detector its score threshold is the operating point; detection goes down to
     *                 {@code minScore} for the AP curve and the best-F1 sweep
     * @param images   ground truth whose image files are present
     * @param progress receives one line per image ("[i/n] name: ..."), may be a no-op
     */
    public static Result evaluate(
            Detector detector,
            List<GroundTruthImage> images,
            boolean horizontal,
            double minScore,
            Consumer<String> progress) {
        Detections d = detect(detector, images, horizontal, minScore, progress);
        if (d.images().isEmpty()) {
            return new Result(null, List.of(), d.failed());
        }
        return new Result(Evaluator.evaluate(d.images(), detector.thresholds().score()), d.images(), d.failed());
    }

    /** Each evaluated image with its detections (descending score), and how many images failed. */
    public record Detections(List<ImageEvaluation> images, int failed) {}

    /** Detects on every image down to {@code minScore} (or the operating threshold, if lower). */
    public static Detections detect(
            Detector detector,
            List<GroundTruthImage> images,
            boolean horizontal,
            double minScore,
            Consumer<String> progress) {
        double operating = detector.thresholds().score();
        // detect down to minScore: AP and the best-F1 sweep need the low-scoring boxes too;
        // greedy NMS then filtering equals filtering then NMS, so nothing else changes
        // the skeleton rule is a counting rule over the kept boxes, not a box detector: it would
        // change with every threshold, so box metrics are taken without it (karyo count applies it)
        Detector low = detector.withThresholds(detector.thresholds().withScore(Math.min(minScore, operating)))
                .withSkeletonRule(null);
        List<ImageEvaluation> evals = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < images.size(); i++) {
            GroundTruthImage gt = images.get(i);
            try {
                DetectionResult r = low.detect(gt.imagePath());
                evals.add(new ImageEvaluation(gt, r.detections(), horizontal));
                progress.accept(String.format(
                        "[%d/%d] %s: %d ground truth, %d detections >= %.2f",
                        i + 1,
                        images.size(),
                        gt.name(),
                        gt.objects().size(),
                        r.count(),
                        low.thresholds().score()));
            } catch (Exception e) {
                failed++;
                progress.accept(String.format("[%d/%d] %s: ERROR %s", i + 1, images.size(), gt.name(), e.getMessage()));
            }
        }
        return new Detections(evals, failed);
    }
}
