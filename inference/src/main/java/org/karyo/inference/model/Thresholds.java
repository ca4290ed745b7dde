package org.karyo.inference.model;

/** T_loc (skeleton, SGAch), T_score (foreground) and T_nms (skew-IoU); defaults come from the model. */
public record Thresholds(double loc, double score, double nms) {

    public Thresholds {
        check("loc", loc);
        check("score", score);
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
        return new Thresholds(v, score, nms);
    }

    public Thresholds withScore(double v) {
        return new Thresholds(loc, v, nms);
    }

    public Thresholds withNms(double v) {
        return new Thresholds(loc, score, v);
    }
}
