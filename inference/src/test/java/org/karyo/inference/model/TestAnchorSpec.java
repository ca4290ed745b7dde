package org.karyo.inference.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TestAnchorSpec {

    private final AnchorSpec paper = AnchorSpec.paper();

    @Test
    void fortyEightAnchorsPerCell() {
        assertEquals(48, paper.perCell());
    }

    @Test
    void ratioOutermostThenScaleThenAngle() {
        // a = (ratioIdx * |scales| + scaleIdx) * |angles| + angleIdx
        assertAnchor(0, 10 * Math.sqrt(2), 10 / Math.sqrt(2), 0);
        assertAnchor(13, 25 * Math.sqrt(2), 25 / Math.sqrt(2), 15); // ratio 2, scale 5, 15 deg
        assertAnchor(24, 20, 5, 0); // ratio 4, scale 2
        assertAnchor(47, 50, 12.5, 165); // ratio 4, scale 5, 165 deg
    }

    @Test
    void anchorCentresAreCellCentres() {
        assertEquals(2, paper.centreX(0), 1e-12);
        assertEquals(4 * 10.5, paper.centreY(10), 1e-12);
    }

    private void assertAnchor(int a, double w, double h, double angle) {
        assertEquals(w, paper.width(a), 1e-12, "w of anchor " + a);
        assertEquals(h, paper.height(a), 1e-12, "h of anchor " + a);
        assertEquals(angle, paper.angle(a), 1e-12, "angle of anchor " + a);
    }
}
