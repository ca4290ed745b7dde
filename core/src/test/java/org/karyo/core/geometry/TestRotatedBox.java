package org.karyo.core.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TestRotatedBox {

    @Test
    void normalisesShortSideFirstIntoLongSideAndAngle() {
        RotatedBox b = RotatedBox.of(10, 20, 3, 8, 30);
        assertEquals(8, b.w());
        assertEquals(3, b.h());
        assertEquals(120, b.angle(), 1e-12);
    }

    @Test
    void reducesAnglesIntoHalfOpenRange() {
        assertEquals(0, RotatedBox.of(0, 0, 4, 2, 180).angle(), 1e-12);
        assertEquals(170, RotatedBox.of(0, 0, 4, 2, -10).angle(), 1e-12);
        assertEquals(5, RotatedBox.of(0, 0, 4, 2, 365).angle(), 1e-9);
        assertEquals(0, RotatedBox.of(0, 0, 4, 2, -1e-18).angle(), 0);
    }

    @Test
    void cornersFollowTheLongSideDirectionInImageCoordinates() {
        // angle 90: long side along +y (down in the image)
        double[] c = RotatedBox.of(0, 0, 10, 2, 90).corners();
        double maxY = Math.max(Math.max(c[1], c[3]), Math.max(c[5], c[7]));
        double maxX = Math.max(Math.max(c[0], c[2]), Math.max(c[4], c[6]));
        assertEquals(5, maxY, 1e-12);
        assertEquals(1, maxX, 1e-12);
        assertEquals(20, RectIntersection.shoelace(c, 4), 1e-9); // positive orientation, area w*h
    }

    @Test
    void boundsOfRotatedBox() {
        AxisBox a = RotatedBox.of(0, 0, 10, 2, 45).bounds();
        double half = (10 + 2) / 2.0 * Math.sqrt(0.5);
        assertEquals(-half, a.x1(), 1e-9);
        assertEquals(half, a.y2(), 1e-9);
    }

    @Test
    void scalingIsExactForRotatedBoxes() {
        RotatedBox b = RotatedBox.of(100, 50, 40, 10, 33).scaled(0.5);
        assertEquals(50, b.cx(), 1e-12);
        assertEquals(20, b.w(), 1e-12);
        assertEquals(33, b.angle(), 1e-12);
    }

    @Test
    void refusesNonFiniteOrNegative() {
        assertThrows(IllegalArgumentException.class, () -> RotatedBox.of(Double.NaN, 0, 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> RotatedBox.of(0, 0, -1, 1, 0));
    }
}
