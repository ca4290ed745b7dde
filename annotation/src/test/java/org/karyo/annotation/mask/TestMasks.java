package org.karyo.annotation.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.karyo.annotation.ChromosomeLabel;
import org.karyo.annotation.InstancePolygon;
import org.karyo.annotation.Shapes;
import org.karyo.annotation.Vertex;

class TestMasks {

    @Test
    void rasterisesPixelCentres() {
        // The square [1, 4] x [1, 3] holds the centres of columns 1..3 and rows 1..2.
        BinaryMask m = Rasteriser.mask(InstancePolygon.ofFlat(1, ChromosomeLabel.C1, 1, 1, 4, 1, 4, 3, 1, 3), 10, 10);
        assertEquals(6, m.count());
        assertTrue(m.get(1, 1) && m.get(3, 2));
        assertTrue(!m.get(4, 1) && !m.get(1, 3) && !m.get(0, 1));
        // Clipped to the image.
        assertEquals(
                4,
                Rasteriser.mask(InstancePolygon.ofFlat(2, ChromosomeLabel.C1, -5, -5, 2, -5, 2, 2, -5, 2), 10, 10)
                        .count());
    }

    @Test
    void outlineEnclosesExactlyTheMask() {
        for (double angle : new double[] {0, 17, 45, 90, 133}) {
            InstancePolygon p = Shapes.capsule(1, 50, 40, 60, 14, angle);
            BinaryMask m = Rasteriser.mask(p, 100, 80);
            List<Vertex> outline = OutlineTracer.trace(m);
            BinaryMask back = Rasteriser.mask(p.withPoints(outline), 100, 80);
            assertEquals(m.count(), back.count(), "angle " + angle);
            assertEquals(m.count(), m.intersectionCount(back), "angle " + angle);
            assertTrue(p.withPoints(outline).validate(100, 80).isEmpty());
        }
        // One pixel: its four corners.
        BinaryMask one = new BinaryMask(3, 4, 2, 2);
        one.set(4, 5, true);
        assertEquals(
                List.of(new Vertex(4, 5), new Vertex(5, 5), new Vertex(5, 6), new Vertex(4, 6)),
                OutlineTracer.trace(one));
    }

    @Test
    void zhangSuenThinsAThickLineToAConnectedOnePixelLine() {
        BinaryMask bar = new BinaryMask(0, 0, 60, 20);
        for (int y = 6; y < 13; y++) {
            for (int x = 5; x < 55; x++) {
                bar.set(x, y, true);
            }
        }
        BinaryMask skel = ZhangSuen.thin(bar);
        assertTrue(skel.count() > 35, "skeleton too short: " + skel.count());
        for (int x = 0; x < 60; x++) {
            int inColumn = 0;
            for (int y = 0; y < 20; y++) {
                inColumn += skel.get(x, y) ? 1 : 0;
                assertTrue(!skel.get(x, y) || bar.get(x, y), "skeleton outside the shape");
            }
            assertTrue(inColumn <= 1, "column " + x + " has " + inColumn + " skeleton pixels");
        }
        assertEquals(1, components(skel));
    }

    @Test
    void zhangSuenKeepsABentShapeConnected() {
        InstancePolygon l = InstancePolygon.ofFlat(1, ChromosomeLabel.C1, 5, 5, 15, 5, 15, 40, 50, 40, 50, 50, 5, 50);
        BinaryMask m = Rasteriser.mask(l, 60, 60);
        BinaryMask skel = ZhangSuen.thin(m);
        assertEquals(1, components(skel));
        assertTrue(skel.count() < m.count() / 5);
        // Thinning a skeleton changes nothing.
        assertEquals(skel.count(), ZhangSuen.thin(skel).count());
    }

    /** 8-connected components. */
    private static int components(BinaryMask m) {
        Set<Pixel> seen = new HashSet<>();
        int n = 0;
        for (Pixel p : m.pixels()) {
            if (!seen.add(p)) {
                continue;
            }
            n++;
            ArrayDeque<Pixel> q = new ArrayDeque<>(List.of(p));
            while (!q.isEmpty()) {
                Pixel c = q.poll();
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        Pixel nb = new Pixel(c.x() + dx, c.y() + dy);
                        if (m.get(nb.x(), nb.y()) && seen.add(nb)) {
                            q.add(nb);
                        }
                    }
                }
            }
        }
        return n;
    }
}
