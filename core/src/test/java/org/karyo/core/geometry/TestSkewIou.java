package org.karyo.core.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Skew-IoU against cases whose answer is known in closed form. */
class TestSkewIou {

    @Test
    void identicalBoxesHaveIouOne() {
        RotatedBox b = RotatedBox.of(5, 7, 30, 6, 37);
        assertEquals(1.0, b.iou(b), 1e-12);
    }

    @Test
    void disjointBoxesHaveIouZero() {
        assertEquals(0.0, RotatedBox.of(0, 0, 10, 2, 0).iou(RotatedBox.of(100, 0, 10, 2, 0)));
    }

    @Test
    void shiftedAxisAlignedBoxes() {
        // 10x4 boxes shifted by 5 along x: intersection 5*4 = 20, union 60
        assertEquals(20.0 / 60.0, RotatedBox.of(0, 0, 10, 4, 0).iou(RotatedBox.of(5, 0, 10, 4, 0)), 1e-12);
    }

    @Test
    void crossOfTwoEqualBars() {
        // w x h bars crossing at right angles: intersection h*h, union 2wh - h^2
        double w = 20, h = 4;
        double expected = h * h / (2 * w * h - h * h);
        assertEquals(expected, RotatedBox.of(0, 0, w, h, 0).iou(RotatedBox.of(0, 0, w, h, 90)), 1e-12);
    }

    @Test
    void squareRotated45DegreesAgainstItself() {
        // unit square vs same square rotated 45: intersection is a regular octagon of area 2(sqrt2 - 1)
        double inter = 2 * (Math.sqrt(2) - 1);
        double expected = inter / (2 - inter);
        assertEquals(expected, RotatedBox.of(0, 0, 1, 1, 0).iou(RotatedBox.of(0, 0, 1, 1, 45)), 1e-12);
    }

    @Test
    void boxInsideAnotherIsAreaRatio() {
        assertEquals(12.0 / 200.0, RotatedBox.of(0, 0, 20, 10, 30).iou(RotatedBox.of(1, 1, 4, 3, 30)), 1e-12);
    }

    @Test
    void touchingEdgesHaveIouZero() {
        assertEquals(0.0, RotatedBox.of(0, 0, 10, 4, 0).iou(RotatedBox.of(10, 0, 10, 4, 0)), 1e-12);
    }

    @Test
    void iouIsSymmetricAndInvariantUnderRotationOfTheScene() {
        Random rnd = new Random(7);
        for (int i = 0; i < 500; i++) {
            RotatedBox a = RotatedBox.of(
                    rnd.nextDouble() * 20,
                    rnd.nextDouble() * 20,
                    5 + rnd.nextDouble() * 30,
                    1 + rnd.nextDouble() * 8,
                    rnd.nextDouble() * 180);
            RotatedBox b = RotatedBox.of(
                    rnd.nextDouble() * 20,
                    rnd.nextDouble() * 20,
                    5 + rnd.nextDouble() * 30,
                    1 + rnd.nextDouble() * 8,
                    rnd.nextDouble() * 180);
            double iou = a.iou(b);
            assertEquals(iou, b.iou(a), 1e-9);
            double phi = rnd.nextDouble() * 360;
            assertEquals(iou, rotate(a, phi).iou(rotate(b, phi)), 1e-9);
        }
    }

    @Test
    void intersectionAreaMatchesPixelCounting() {
        Random rnd = new Random(11);
        for (int i = 0; i < 20; i++) {
            RotatedBox a = RotatedBox.of(
                    50, 50, 20 + rnd.nextDouble() * 40, 5 + rnd.nextDouble() * 15, rnd.nextDouble() * 180);
            RotatedBox b = RotatedBox.of(
                    45 + rnd.nextDouble() * 10,
                    45 + rnd.nextDouble() * 10,
                    20 + rnd.nextDouble() * 40,
                    5 + rnd.nextDouble() * 15,
                    rnd.nextDouble() * 180);
            double count = 0;
            double step = 0.1;
            for (double x = 0; x < 100; x += step) {
                for (double y = 0; y < 100; y += step) {
                    if (inside(a, x + step / 2, y + step / 2) && inside(b, x + step / 2, y + step / 2)) {
                        count += step * step;
                    }
                }
            }
            assertEquals(count, SkewIou.intersectionArea(a, b), 0.02 * Math.max(count, 10));
        }
    }

    private static boolean inside(RotatedBox b, double x, double y) {
        double r = Math.toRadians(b.angle());
        double dx = x - b.cx(), dy = y - b.cy();
        double u = dx * Math.cos(r) + dy * Math.sin(r);
        double v = -dx * Math.sin(r) + dy * Math.cos(r);
        return Math.abs(u) <= b.w() / 2 && Math.abs(v) <= b.h() / 2;
    }

    private static RotatedBox rotate(RotatedBox b, double phiDeg) {
        double r = Math.toRadians(phiDeg);
        double x = b.cx() * Math.cos(r) - b.cy() * Math.sin(r);
        double y = b.cx() * Math.sin(r) + b.cy() * Math.cos(r);
        return RotatedBox.of(x, y, b.w(), b.h(), b.angle() + phiDeg);
    }
}
