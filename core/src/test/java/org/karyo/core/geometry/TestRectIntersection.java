package org.karyo.core.geometry;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The cheap bounds NMS decides with must bracket the exact intersection, or NMS would not be exact. */
class TestRectIntersection {

    @Test
    void boundsBracketTheExactIntersection() {
        Random rnd = new Random(17);
        double[] b = new double[2];
        int decidedLow = 0;
        for (int k = 0; k < 20000; k++) {
            RotatedBox a = RotatedBox.of(
                    rnd.nextGaussian() * 10,
                    rnd.nextGaussian() * 10,
                    5 + rnd.nextDouble() * 50,
                    1 + rnd.nextDouble() * 12,
                    rnd.nextDouble() * 180);
            RotatedBox c = k % 2 == 0
                    ? RotatedBox.of(
                            a.cx() + rnd.nextGaussian() * 2,
                            a.cy() + rnd.nextGaussian() * 2,
                            a.w() * (1 + 0.1 * rnd.nextGaussian()),
                            a.h(),
                            a.angle() + rnd.nextGaussian() * 5)
                    : RotatedBox.of(
                            rnd.nextGaussian() * 10,
                            rnd.nextGaussian() * 10,
                            5 + rnd.nextDouble() * 50,
                            1 + rnd.nextDouble() * 12,
                            rnd.nextDouble() * 180);
            double ta = Math.toRadians(a.angle()), tc = Math.toRadians(c.angle());
            RectIntersection.bounds(
                    a.cx(),
                    a.cy(),
                    Math.cos(ta),
                    Math.sin(ta),
                    a.w() / 2,
                    a.h() / 2,
                    c.cx(),
                    c.cy(),
                    Math.cos(tc),
                    Math.sin(tc),
                    c.w() / 2,
                    c.h() / 2,
                    b);
            double exact = SkewIou.intersectionArea(a, c);
            double tol = 1e-9 * (1 + exact);
            assertTrue(b[0] <= exact + tol, "lower bound " + b[0] + " above exact " + exact + " for " + a + " " + c);
            assertTrue(b[1] >= exact - tol, "upper bound " + b[1] + " below exact " + exact + " for " + a + " " + c);
            if (b[0] > 0.5 * exact) {
                decidedLow++;
            }
        }
        assertTrue(decidedLow > 1000, "the lower bound should be useful for nearly aligned boxes: " + decidedLow);
    }
}
