package org.karyo.inference.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates detections against ground truth as the DeepCHM and DeepACEv2 papers measure
 * (docs/deepchm.md section 7): greedy one-to-one matching at IoU >= 0.5, AP over the
 * score-ranked list, and the counting metrics at the best-F1, the best-count and the operating
 * threshold.
 */
public final class Evaluator {

    /** How AP is integrated; written into every report so numbers are never compared blind. */
    public static final String AP_METHOD = "VOC all-point: precision made monotone (max to the right), "
            + "summed over recall steps; tied scores enter together";

    private Evaluator() {}

    public static EvaluationReport evaluate(List<ImageEvaluation> images, double operatingThreshold) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images to evaluate");
        }
        List<ImageMatching> matched = new ArrayList<>(images.size());
        for (ImageEvaluation e : images) {
            matched.add(ImageMatching.match(e));
        }
        ThresholdSweep probe = new ThresholdSweep(matched);
        if (probe.totalGt() == 0) {
            throw new IllegalArgumentException("no ground-truth objects: AP, recall and AER are undefined");
        }
        long horizontal = images.stream().filter(ImageEvaluation::horizontal).count();
        String iou = horizontal == 0 ? "skew" : horizontal == images.size() ? "horizontal" : "mixed";

        ThresholdMetrics operating = metricsAt(matched, operatingThreshold);
        // One walk down the ranked list yields both the PR curve (for AP) and the F1 at every
        // distinct score; the highest threshold wins among equal F1 (fewest predictions).
        ThresholdSweep sweep = new ThresholdSweep(matched);
        List<double[]> curve = new ArrayList<>();
        ThresholdMetrics best = null;
        double bestF1 = -1;
        // the counting product's own criterion: fewest miscounted chromosomes over the images,
        // then most images counted exactly, then the highest threshold
        ThresholdMetrics bestCount = null;
        long leastError = Long.MAX_VALUE;
        int mostExact = -1;
        while (sweep.hasNext()) {
            double t = sweep.nextScore();
            sweep.takeGroup();
            curve.add(new double[] {sweep.recall(), sweep.precision()});
            if (sweep.f1() > bestF1) {
                bestF1 = sweep.f1();
                best = sweep.snapshot(t);
            }
            long err = sweep.absCountError();
            if (err < leastError || (err == leastError && sweep.exactCounts() > mostExact)) {
                leastError = err;
                mostExact = sweep.exactCounts();
                bestCount = sweep.snapshot(t);
            }
        }
        if (best == null) { // no predictions at all: every threshold looks the same
            best = operating;
            bestCount = operating;
        }
        return new EvaluationReport(
                images.size(),
                probe.totalGt(),
                probe.totalPredictions(),
                iou,
                ImageMatching.IOU_THRESHOLD,
                AP_METHOD,
                averagePrecision(curve),
                best,
                operating,
                bestCount);
    }

    /** Metrics with the predictions scoring >= t. */
    public static ThresholdMetrics metricsAt(List<ImageMatching> matched, double t) {
        ThresholdSweep sweep = new ThresholdSweep(matched);
        sweep.advanceTo(t);
        return sweep.snapshot(t);
    }

    /**
     * VOC all-point AP from (recall, precision) points in decreasing-threshold order: each recall
     * step is weighted by the best precision reached at that recall or beyond. Recall never
     * reached contributes 0 (VOC's sentinel point (1, 0)).
     */
    static double averagePrecision(List<double[]> curve) {
        double ap = 0, envelope = 0;
        double[] env = new double[curve.size()];
        for (int i = curve.size() - 1; i >= 0; i--) {
            envelope = Math.max(envelope, curve.get(i)[1]);
            env[i] = envelope;
        }
        double prevRecall = 0;
        for (int i = 0; i < curve.size(); i++) {
            double r = curve.get(i)[0];
            ap += (r - prevRecall) * env[i];
            prevRecall = r;
        }
        return ap;
    }
}
