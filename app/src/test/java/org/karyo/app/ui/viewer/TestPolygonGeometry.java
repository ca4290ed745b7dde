package org.karyo.app.ui.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.karyo.annotation.Vertex;

class TestPolygonGeometry {

    private static final List<Vertex> SQUARE =
            List.of(Vertex.of(0, 0), Vertex.of(10, 0), Vertex.of(10, 10), Vertex.of(0, 10));

    @Test
    void vertexHitTakesTheNearestWithinTolerance() {
        assertEquals(2, PolygonGeometry.vertexAt(SQUARE, 9, 9.5, 2));
        assertEquals(-1, PolygonGeometry.vertexAt(SQUARE, 5, 5, 2));
    }

    @Test
    void edgeHitProjectsOntoTheNearestEdgeIncludingTheClosingOne() {
        PolygonGeometry.EdgeHit top = PolygonGeometry.edgeAt(SQUARE, 4, 1, 2);
        assertEquals(0, top.index());
        assertEquals(Vertex.of(4, 0), top.at());
        PolygonGeometry.EdgeHit closing = PolygonGeometry.edgeAt(SQUARE, -1, 6, 2);
        assertEquals(3, closing.index(), "edge from the last vertex back to the first");
        assertEquals(Vertex.of(0, 6), closing.at());
        assertNull(PolygonGeometry.edgeAt(SQUARE, 5, 5, 2));
    }

    @Test
    void insertPutsTheVertexOnItsEdge() {
        List<Vertex> p = PolygonGeometry.insert(SQUARE, 3, Vertex.of(0, 6));
        assertEquals(5, p.size());
        assertEquals(Vertex.of(0, 6), p.get(4));
        List<Vertex> q = PolygonGeometry.insert(SQUARE, 0, Vertex.of(4, 0));
        assertEquals(Vertex.of(4, 0), q.get(1));
        assertEquals(Vertex.of(10, 0), q.get(2));
    }

    @Test
    void removeKeepsATriangle() {
        List<Vertex> tri = PolygonGeometry.remove(SQUARE, 1);
        assertEquals(List.of(Vertex.of(0, 0), Vertex.of(10, 10), Vertex.of(0, 10)), tri);
        assertEquals(tri, PolygonGeometry.remove(tri, 0), "a triangle loses no vertex");
    }

    @Test
    void moveAndTranslate() {
        assertEquals(
                Vertex.of(12, 13),
                PolygonGeometry.move(SQUARE, 2, Vertex.of(12, 13)).get(2));
        assertEquals(Vertex.of(3, 14), PolygonGeometry.translate(SQUARE, 3, 4).get(3));
        assertEquals(SQUARE, List.copyOf(SQUARE), "inputs are never changed");
    }

    @Test
    void containsAndTopmostPick() {
        assertTrue(PolygonGeometry.contains(SQUARE, 5, 5));
        assertFalse(PolygonGeometry.contains(SQUARE, 11, 5));
        List<Vertex> inner = PolygonGeometry.translate(SQUARE, 5, 5);
        assertEquals(1, PolygonGeometry.polygonAt(List.of(SQUARE, inner), 7, 7), "the later polygon is on top");
        assertEquals(0, PolygonGeometry.polygonAt(List.of(SQUARE, inner), 2, 2));
        assertEquals(-1, PolygonGeometry.polygonAt(List.of(SQUARE, inner), 20, 2));
    }

    @Test
    void thinKeepsPointsAtLeastSpacingApart() {
        List<Vertex> stroke = new ArrayList<>();
        for (int i = 0; i <= 100; i++) {
            stroke.add(Vertex.of(i * 0.5, 0));
        }
        List<Vertex> t = PolygonGeometry.thin(stroke, 5);
        assertEquals(11, t.size());
        for (int i = 1; i < t.size(); i++) {
            assertTrue(t.get(i).x() - t.get(i - 1).x() >= 5 - 1e-9);
        }
    }
}
