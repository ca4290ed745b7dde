package org.karyo.app.ui.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.karyo.core.geometry.RotatedBox;

class TestBoxGeometry {

    private static final double EPS = 1e-9;

    private static double[] edge(RotatedBox b, BoxHandle h) {
        return BoxGeometry.handlePosition(b, h, 0);
    }

    private static void assertPoint(double[] expected, double[] actual) {
        assertEquals(expected[0], actual[0], 1e-7, "x");
        assertEquals(expected[1], actual[1], 1e-7, "y");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 30, 90, 135, 179})
    void lengthResizeKeepsOppositeEnd(double angle) {
        RotatedBox b = RotatedBox.of(100, 80, 40, 10, angle);
        double[] u = BoxGeometry.axisU(b);
        RotatedBox longer = BoxGeometry.resize(b, BoxHandle.LENGTH_PLUS, 6 * u[0] + 3 * -u[1], 6 * u[1] + 3 * u[0]);
        assertEquals(46, longer.w(), 1e-7, "only the component along the axis counts");
        assertEquals(10, longer.h(), 1e-7);
        assertPoint(edge(b, BoxHandle.LENGTH_MINUS), edge(longer, BoxHandle.LENGTH_MINUS));

        RotatedBox shorter = BoxGeometry.resize(b, BoxHandle.LENGTH_MINUS, 5 * u[0], 5 * u[1]);
        assertEquals(35, shorter.w(), 1e-7);
        assertPoint(edge(b, BoxHandle.LENGTH_PLUS), edge(shorter, BoxHandle.LENGTH_PLUS));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 45, 100})
    void widthResizeKeepsOppositeEdge(double angle) {
        RotatedBox b = RotatedBox.of(50, 50, 30, 8, angle);
        double[] u = BoxGeometry.axisU(b);
        double vx = -u[1];
        double vy = u[0];
        RotatedBox wider = BoxGeometry.resize(b, BoxHandle.WIDTH_PLUS, 4 * vx, 4 * vy);
        assertEquals(12, wider.h(), 1e-7);
        assertEquals(30, wider.w(), 1e-7);
        assertPoint(edge(b, BoxHandle.WIDTH_MINUS), edge(wider, BoxHandle.WIDTH_MINUS));
        RotatedBox narrower = BoxGeometry.resize(b, BoxHandle.WIDTH_MINUS, 3 * vx, 3 * vy);
        assertEquals(5, narrower.h(), 1e-7);
        assertPoint(edge(b, BoxHandle.WIDTH_PLUS), edge(narrower, BoxHandle.WIDTH_PLUS));
    }

    @Test
    void resizeNeverBelowMinimumNorFlips() {
        RotatedBox b = RotatedBox.of(0, 0, 20, 6, 0);
        RotatedBox r = BoxGeometry.resize(b, BoxHandle.LENGTH_PLUS, -100, 0);
        assertEquals(6, r.w(), EPS, "the long side is now the old width");
        assertEquals(BoxGeometry.MIN_SIDE, r.h(), EPS);
        assertEquals(-10 + BoxGeometry.MIN_SIDE / 2, r.cx(), EPS, "the minus end stayed at -10");
        assertThrows(IllegalArgumentException.class, () -> BoxGeometry.resize(b, BoxHandle.ROTATE, 1, 1));
    }

    @Test
    void widthBeyondLengthRenormalisesSameRectangle() {
        RotatedBox b = RotatedBox.of(0, 0, 20, 6, 10);
        RotatedBox r = BoxGeometry.resize(b, BoxHandle.WIDTH_PLUS, 0, 30);
        // still the same rectangle: the corners of a box built by hand in the old frame
        double[] u = BoxGeometry.axisU(b);
        double hNew = 6 + 30 * u[0];
        assertEquals(Math.max(20, hNew), r.w(), 1e-7);
        assertEquals(Math.min(20, hNew), r.h(), 1e-7);
        assertEquals(100, r.angle(), 1e-7);
    }

    @Test
    void rotateAboutCentreBySweptAngle() {
        RotatedBox b = RotatedBox.of(10, 10, 30, 6, 20);
        RotatedBox r = BoxGeometry.rotate(b, 30, 10, 10, 30); // a quarter turn clockwise on screen
        assertEquals(110, r.angle(), 1e-7);
        assertEquals(10, r.cx(), EPS);
        assertEquals(10, r.cy(), EPS);
        assertEquals(30, r.w(), EPS);
        assertEquals(20, BoxGeometry.rotate(b, 30, 10, 30, 10).angle(), 1e-9, "no sweep, no turn");
        RotatedBox wrap = BoxGeometry.rotate(
                b, 30, 10, 10 + 20 * Math.cos(Math.toRadians(-40)), 10 + 20 * Math.sin(Math.toRadians(-40)));
        assertEquals(160, wrap.angle(), 1e-7, "20 - 40 wraps into [0, 180)");
    }

    @Test
    void containsRespectsRotationAndTolerance() {
        RotatedBox b = RotatedBox.of(0, 0, 40, 10, 90); // vertical
        assertTrue(BoxGeometry.contains(b, 0, 19, 0));
        assertTrue(BoxGeometry.contains(b, 4.9, -19, 0));
        assertFalse(BoxGeometry.contains(b, 19, 0, 0), "outside across the short side");
        assertFalse(BoxGeometry.contains(b, 0, 21, 0));
        assertTrue(BoxGeometry.contains(b, 0, 21, 1.5));
        RotatedBox d = RotatedBox.of(0, 0, 40, 10, 45);
        assertTrue(BoxGeometry.contains(d, 12, 12, 0));
        assertFalse(BoxGeometry.contains(d, 12, -12, 0));
    }

    @Test
    void handlesSitOnEdgesAndRotationBeyondPlusEnd() {
        RotatedBox b = RotatedBox.of(100, 50, 40, 10, 90);
        assertPoint(new double[] {100, 70}, edge(b, BoxHandle.LENGTH_PLUS));
        assertPoint(new double[] {100, 30}, edge(b, BoxHandle.LENGTH_MINUS));
        assertPoint(new double[] {95, 50}, edge(b, BoxHandle.WIDTH_PLUS));
        assertPoint(new double[] {105, 50}, edge(b, BoxHandle.WIDTH_MINUS));
        assertPoint(new double[] {100, 82}, BoxGeometry.handlePosition(b, BoxHandle.ROTATE, 12));
    }

    @Test
    void addBoxFromTwoPointsAndWidth() {
        RotatedBox b = BoxGeometry.fromAxis(10, 10, 10 + 30, 10 + 40, 8);
        assertEquals(25, b.cx(), EPS);
        assertEquals(30, b.cy(), EPS);
        assertEquals(50, b.w(), EPS);
        assertEquals(8, b.h(), EPS);
        assertEquals(Math.toDegrees(Math.atan2(40, 30)), b.angle(), 1e-9);
        RotatedBox reversed = BoxGeometry.fromAxis(40, 50, 10, 10, 8);
        assertEquals(b.angle(), reversed.angle(), 1e-9, "either end first gives the same box");
        assertEquals(BoxGeometry.MIN_SIDE, BoxGeometry.fromAxis(0, 0, 30, 0, 0).h(), EPS);
    }

    @Test
    void widthFromPointerIsTwiceTheDistanceToTheAxis() {
        assertEquals(14, BoxGeometry.widthFromPointer(0, 0, 40, 0, 25, 7), EPS);
        assertEquals(14, BoxGeometry.widthFromPointer(0, 0, 40, 0, 90, -7), EPS, "the line, not the segment");
        assertEquals(10, BoxGeometry.widthFromPointer(0, 0, 30, 30, -5 / Math.sqrt(2), 5 / Math.sqrt(2)), 1e-9);
        assertEquals(BoxGeometry.MIN_SIDE, BoxGeometry.widthFromPointer(0, 0, 40, 0, 10, 0), EPS);
    }
}
