package org.karyo.inference.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.karyo.core.geometry.ContainedBoxes;
import org.karyo.core.geometry.RotatedBox;
import org.karyo.inference.detect.Detection;

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

    private static final double[] DEFAULT_FRACTIONS = {0, 0.5, 0.6, 0.7, 0.8, 0.9};
    /**
     * Lowest score threshold considered by default: below it a trained model's boxes are mostly
     * fragments, and a lower operating point would only fit the calibration cells' noise.
     */
    public static final double DEFAULT_MIN_SCORE = 0.3;

    /** The ONNX metadata keys a calibration sets (docs/onnx-contract.md). */
    public static final String SCORE_KEY = "thresholds.score",
            CONTAIN_KEY = "thresholds.contain",
            RECORD_KEY = "thresholds.calibration";

    private Calibration() {}

    /** Containment fractions tried by default (0: rule off); a fresh array each call. */
    public static double[] defaultFractions() {
        return DEFAULT_FRACTIONS.clone();
    }

    /**
     * The operating point (score threshold and containment) with the fewest miscounted chromosomes.
     *
     * @param detected images with detections in descending score order, made with the rule off
     * @param fractions candidate containment fractions, 0 (off) or in (0, 1]
     * @param operating the current operating threshold (reported beside the calibrated one)
     */
    public static Result calibrate(List<ImageEvaluation> detected, double[] fractions, double operating) {
        return calibrate(detected, fractions, operating, 0);
    }

    /**
     * As {@link #calibrate(List, double[], double)}, considering only score thresholds of at least
     * {@code minScore}: detections below it are dropped first, which equals detecting with that
     * threshold, since neither skew-NMS nor the rule lets a lower-scoring box remove a higher one.
     */
    public static Result calibrate(
            List<ImageEvaluation> detected, double[] fractions, double operating, double minScore) {
        if (fractions.length == 0) {
            throw new IllegalArgumentException("no containment fraction to try");
        }
        List<ImageEvaluation> floor = minScore <= 0
                ? detected
                : detected.stream().map(e -> above(e, minScore)).toList();
        List<Candidate> all = new ArrayList<>();
        Candidate chosen = null;
        for (double f : fractions) {
            Candidate c = new Candidate(f, Evaluator.evaluate(contained(floor, f), operating));
            all.add(c);
            if (chosen == null || better(c.point(), chosen.point())) {
                chosen = c;
            }
        }
        return new Result(List.copyOf(all), chosen);
    }

    /** The images as a model with the containment rule at {@code fraction} (0: off) would have detected them. */
    public static List<ImageEvaluation> contained(List<ImageEvaluation> detected, double fraction) {
        return fraction == 0
                ? detected
                : detected.stream().map(e -> contained(e, fraction)).toList();
    }

    /**
     * The metadata a calibrated copy of a model carries: its new thresholds and a record of how
     * they were chosen (the data, the rule, every candidate's figures), so a later reader can
     * trust or question them.
     */
    public static Map<String, String> metadata(Result r, String data, int images) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("data", data);
        o.put("images", images);
        o.put("rule", "least total |count error|, then most exact counts");
        ArrayNode tried = o.putArray("candidates");
        for (Candidate c : r.candidates()) {
            ThresholdMetrics m = c.point();
            tried.addObject()
                    .put("contain", c.contain())
                    .put("score", m.threshold())
                    .put("meanAbsCountError", m.meanAbsCountError())
                    .put("countExact", m.countExactShare())
                    .put("f1", m.f1());
        }
        Map<String, String> md = new LinkedHashMap<>();
        md.put(SCORE_KEY, Double.toString(r.score()));
        md.put(CONTAIN_KEY, Double.toString(r.contain()));
        md.put(RECORD_KEY, o.toString());
        return md;
    }

    static ImageEvaluation above(ImageEvaluation e, double minScore) {
        return new ImageEvaluation(
                e.gt(),
                e.predictions().stream().filter(d -> d.score() >= minScore).toList(),
                e.horizontal());
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
