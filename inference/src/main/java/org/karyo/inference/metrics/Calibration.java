package org.karyo.inference.metrics;

import java.util.ArrayList;
import java.util.List;
import org.karyo.inference.detect.Detection;
import org.karyo.inference.geometry.ContainedBoxes;
import org.karyo.inference.geometry.RotatedBox;

/**
 * Chooses a model's operating point from annotated cells by what the workstation is for: the
 * fewest miscounted chromosomes. For each candidate containment fraction the images' detections
 * (made once, with the rule off) are filtered as {@link ContainedBoxes} would, and the score
 * threshold with the least total |count error| is found ({@link EvaluationReport#bestCount}).
 * The rule only ever drops a box because of higher-scoring boxes, so filtering afterwards gives
 * exactly what detecting with it on would.
 */
public final class Calibration {

    /** One candidate fraction (0: rule off) and the evaluation with it. */
    public record Candidate(double contain, EvaluationReport report) {
        ThresholdMetrics point() {
            return report.bestCount();
        }
    }

    /** Every candidate, and the chosen one: least |count error|, then most exact counts, then listed first. */
    public record Result(List<Candidate> candidates, Candidate chosen) {
        public double score() {
            return chosen.point().threshold();
        }

        public double contain() {
            return chosen.contain();
        }
    }

    private Calibration() {
    }

    /**
     * @param detected images with detections in descending score order, made with the rule off
     * @param fractions candidate containment fractions, 0 (off) or in (0, 1]
     * @param operating the current operating threshold (reported beside the calibrated one)
     */
    public static Result calibrate(List<ImageEvaluation> detected, double[] fractions, double operating) {
        if (fractions.length == 0) {
            throw new IllegalArgumentException("no containment fraction to try");
        }
        List<Candidate> all = new ArrayList<>();
        Candidate chosen = null;
        for (double f : fractions) {
            List<ImageEvaluation> filtered = f == 0 ? detected : detected.stream().map(e -> contained(e, f)).toList();
            Candidate c = new Candidate(f, Evaluator.evaluate(filtered, operating));
            all.add(c);
            if (chosen == null || better(c.point(), chosen.point())) {
                chosen = c;
            }
        }
        return new Result(List.copyOf(all), chosen);
    }

    private static boolean better(ThresholdMetrics a, ThresholdMetrics b) {
        // mean errors over the same images: compare the totals they stand for, free of rounding
        long ea = Math.round(a.meanAbsCountError() * 1e9), eb = Math.round(b.meanAbsCountError() * 1e9);
        return ea < eb || (ea == eb && a.countExactShare() > b.countExactShare());
    }

    static ImageEvaluation contained(ImageEvaluation e, double fraction) {
        List<Detection> d = e.predictions();
        RotatedBox[] boxes = new RotatedBox[d.size()];
        int[] order = new int[d.size()];
        for (int i = 0; i < boxes.length; i++) {
            boxes[i] = d.get(i).box();
            order[i] = i;
            if (i > 0 && d.get(i).score() > d.get(i - 1).score()) {
                throw new IllegalArgumentException("detections must come in descending score order");
            }
        }
        List<Detection> kept = new ArrayList<>();
        for (int i : ContainedBoxes.drop(boxes, order, fraction)) {
            kept.add(d.get(i));
        }
        return new ImageEvaluation(e.gt(), kept, e.horizontal());
    }
}
