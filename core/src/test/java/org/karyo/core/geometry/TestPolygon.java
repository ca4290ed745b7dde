package org.karyo.core.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TestPolygon {

    @Test
    void minAreaRectOfARotatedRectangleIsThatRectangle() {
        RotatedBox truth = RotatedBox.of(40, 30, 25, 6, 63);
        RotatedBox got = Polygon.of(truth.corners()).minAreaRect();
        assertEquals(1.0, got.iou(truth), 1e-9);
        assertEquals(25, got.w(), 1e-9);
        assertEquals(6, got.h(), 1e-9);
        assertEquals(63, got.angle(), 1e-9);
    }

    @Test
    void minAreaRectEnclosesEveryPointAndIsMinimalAgainstBruteForce() {
        Random rnd = new Random(3);
        for (int t = 0; t < 50; t++) {
            // a bent-chromosome-like outline: points scattered along an arc
            double[] xy = new double[40];
            for (int i = 0; i < 20; i++) {
                double s = i / 19.0;
                xy[2 * i] = 100 * s + rnd.nextGaussian() * 3;
                xy[2 * i + 1] = 15 * Math.sin(Math.PI * s) + rnd.nextGaussian() * 3;
            }
            RotatedBox box = Polygon.of(xy).minAreaRect();
            double bruteBest = Double.POSITIVE_INFINITY;
            for (double a = 0; a < 180; a += 0.05) {
                bruteBest = Math.min(bruteBest, areaAt(xy, a));
            }
            assertTrue(box.area() <= bruteBest + 1e-6, "min-area rect must not be larger than any sampled angle");
            for (int i = 0; i < 20; i++) {
                assertTrue(contains(box, xy[2 * i], xy[2 * i + 1]), "rectangle must enclose every point");
            }
        }
    }

    @Test
    void degeneratePolygons() {
        RotatedBox seg = Polygon.of(0, 0, 10, 0, 5, 0).minAreaRect();
        assertEquals(10, seg.w(), 1e-12);
        assertEquals(0, seg.h(), 1e-12);
        RotatedBox pt = Polygon.of(3, 4, 3, 4).minAreaRect();
        assertEquals(3, pt.cx(), 1e-12);
        assertEquals(0, pt.w(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Polygon.of(1, 2, 3));
    }

    @Test
    void areaAndBounds() {
        Polygon p = Polygon.of(0, 0, 4, 0, 4, 3, 0, 3);
        assertEquals(12, p.area(), 1e-12);
        assertEquals(new AxisBox(0, 0, 4, 3), p.bounds());
    }

    private static double areaAt(double[] xy, double deg) {
        double c = Math.cos(Math.toRadians(deg)), s = Math.sin(Math.toRadians(deg));
        double minU = 1e18, maxU = -1e18, minV = 1e18, maxV = -1e18;
        for (int i = 0; i < xy.length / 2; i++) {
            double u = xy[2 * i] * c + xy[2 * i + 1] * s, v = -xy[2 * i] * s + xy[2 * i + 1] * c;
            minU = Math.min(minU, u);
            maxU = Math.max(maxU, u);
            minV = Math.min(minV, v);
            maxV = Math.max(maxV, v);
        }
        return (maxU - minU) * (maxV - minV);
    }

    private static boolean contains(RotatedBox b, double x, double y) {
        double r = Math.toRadians(b.angle());
        double dx = x - b.cx(), dy = y - b.cy();
        double u = dx * Math.cos(r) + dy * Math.sin(r);
        double v = -dx * Math.sin(r) + dy * Math.cos(r);
        return Math.abs(u) <= b.w() / 2 + 1e-6 && Math.abs(v) <= b.h() / 2 + 1e-6;
    }
}
