package org.karyo.app.ui.viewer;

import org.karyo.core.geometry.RotatedBox;

/**
 * One chromosome box as the canvas shows it: a stable id chosen by the owner, the box in image
 * pixels, and the detector score ({@code NaN} when a user drew the box).
 */
public record ViewBox(long id, RotatedBox box, double score) {

    public ViewBox {
        if (box == null) {
            throw new IllegalArgumentException("a view box needs a box (id " + id + ")");
        }
    }

    /** A box drawn by a user (no score). */
    public static ViewBox user(long id, RotatedBox box) {
        return new ViewBox(id, box, Double.NaN);
    }

    public static ViewBox detected(long id, RotatedBox box, double score) {
        return new ViewBox(id, box, score);
    }

    public boolean userDrawn() {
        return Double.isNaN(score);
    }

    /** True for a detected box whose score is below {@code threshold}; user boxes never are. */
    public boolean lowConfidence(double threshold) {
        return !userDrawn() && score < threshold;
    }
}
