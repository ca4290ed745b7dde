package org.karyo.inference.model;

/**
 * T_loc (skeleton, SGAch), T_score (foreground), T_nms (skew-IoU) and the containment rule;
 * defaults come from the model.
 *
 * @param contain a box is dropped when at least this fraction of its area lies inside a
 *     higher-scoring kept box (a chromatid or arm box inside its chromosome's box, which skew-IoU
 *     cannot catch because the areas differ); 0 turns the rule off
 */
public record Thresholds(double loc, double score, double nms, double contain) {

    /** The paper's three thresholds, without the containment rule. */
    public Thresholds(double loc, double score, double nms) {
        this(loc, score, nms, 0);
    }

    public Thresholds {
        check("loc", loc);
        check("score", score);
        check("contain", contain);
        if (!(nms > 0 && nms <= 1)) {
            throw new IllegalArgumentException("nms threshold must be in (0, 1], got " + nms);
        }
    }

    private static void check(String name, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " threshold must be in [0, 1], got " + v);
        }
    }

    public Thresholds withLoc(double v) {
        return new Thresholds(v, score, nms, contain);
    }

    public Thresholds withScore(double v) {
        return new Thresholds(loc, v, nms, contain);
    }

    public Thresholds withNms(double v) {
        return new Thresholds(loc, score, v, contain);
    }

    public Thresholds withContain(double v) {
        return new Thresholds(loc, score, nms, v);
    }

    /** Whether the containment rule runs. */
    public boolean containing() {
        return contain > 0;
    }
}
