package org.karyo.core.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TestContainedBoxes {

    /** A chromosome 60 x 20 at 30 degrees, and boxes on one of its arms or chromatids. */
    private static final RotatedBox CHROMOSOME = RotatedBox.of(100, 100, 60, 20, 30);

    private static RotatedBox along(RotatedBox b, double offLong, double offShort, double w, double h, double dAngle) {
        double t = Math.toRadians(b.angle());
        double x = b.cx() + offLong * Math.cos(t) - offShort * Math.sin(t);
        double y = b.cy() + offLong * Math.sin(t) + offShort * Math.cos(t);
        return RotatedBox.of(x, y, w, h, b.angle() + dAngle);
    }

    @Test
    void anArmBoxInsideItsChromosomeGoesThoughSkewNmsKeepsIt() {
        // skew-NMS at the paper's T_nms 0.2 already drops larger pieces; these stay under it
        RotatedBox arm = along(CHROMOSOME, 20, 0, 14, 10, 4);
        RotatedBox chromatid = along(CHROMOSOME, -8, 5, 26, 7, -2);
        RotatedBox[] boxes = {CHROMOSOME, arm, chromatid};
        double[] scores = {0.95, 0.90, 0.85};
        int[] nms = SkewNms.keep(boxes, scores, 0.2);
        assertEquals(
                3,
                nms.length,
                "IoU alone cannot tell them apart: arm " + SkewIou.iou(CHROMOSOME, arm) + ", chromatid "
                        + SkewIou.iou(CHROMOSOME, chromatid));
        assertArrayEquals(new int[] {0}, ContainedBoxes.drop(boxes, nms, 0.8));
    }

    @Test
    void crossingAndTouchingChromosomesAreKept() {
        RotatedBox crossing = along(CHROMOSOME, 0, 0, 40, 14, 90);
        RotatedBox beside = along(CHROMOSOME, 0, 20, 60, 20, 0);
        RotatedBox endToEnd = along(CHROMOSOME, 55, 0, 50, 20, 0);
        RotatedBox[] boxes = {CHROMOSOME, crossing, beside, endToEnd};
        int[] all = {0, 1, 2, 3};
        assertArrayEquals(all, ContainedBoxes.drop(boxes, all, 0.8));
        assertTrue(ContainedBoxes.coveredFraction(crossing, CHROMOSOME) < 0.6);
    }

    @Test
    void onlyAHigherScoringBoxDropsAnother() {
        // the arm scored higher than the whole chromosome: greedy order keeps the arm, and the
        // chromosome box, mostly outside the arm, stays too
        RotatedBox arm = along(CHROMOSOME, 14, 0, 28, 18, 0);
        RotatedBox[] boxes = {CHROMOSOME, arm};
        assertArrayEquals(new int[] {1, 0}, ContainedBoxes.drop(boxes, new int[] {1, 0}, 0.8));
    }

    @Test
    void aDroppedBoxDropsNothingElse() {
        RotatedBox arm = along(CHROMOSOME, 28, 0, 16, 10, 0); // 10 of its 16 px inside the chromosome
        RotatedBox tip = along(CHROMOSOME, 35, 0, 10, 8, 0); // beyond the chromosome, 6 of 10 px in the arm
        RotatedBox[] boxes = {CHROMOSOME, arm, tip};
        assertEquals(0.6, ContainedBoxes.coveredFraction(tip, arm), 1e-9);
        assertEquals(0.0, ContainedBoxes.coveredFraction(tip, CHROMOSOME), 1e-9);
        assertArrayEquals(new int[] {0, 2}, ContainedBoxes.drop(boxes, new int[] {0, 1, 2}, 0.5));
    }

    @Test
    void coveredFractionIsExact() {
        RotatedBox outer = RotatedBox.of(0, 0, 10, 10, 0);
        assertEquals(1.0, ContainedBoxes.coveredFraction(RotatedBox.of(0, 0, 4, 4, 0), outer), 1e-12);
        assertEquals(0.5, ContainedBoxes.coveredFraction(RotatedBox.of(5, 0, 4, 4, 0), outer), 1e-12);
        assertEquals(0.0, ContainedBoxes.coveredFraction(RotatedBox.of(50, 0, 4, 4, 0), outer), 0);
        assertThrows(IllegalArgumentException.class, () -> ContainedBoxes.drop(new RotatedBox[0], new int[0], 0));
    }
}
