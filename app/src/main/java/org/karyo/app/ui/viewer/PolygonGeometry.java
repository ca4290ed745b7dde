package org.karyo.app.ui.viewer;

import java.util.ArrayList;
import java.util.List;
import org.karyo.annotation.Vertex;

/**
 * Vertex editing of a polygon in image pixels, free of JavaFX: hit tests (vertex, edge, inside),
 * insert on an edge, move and delete a vertex, translate. Every method returns a new list.
 */
public final class PolygonGeometry {

    /** A polygon keeps at least this many vertices: deleting below it deletes nothing. */
    public static final int MIN_VERTICES = 3;

    /** Where a point lies on an edge: edge {@code index} runs from vertex index to index + 1 (wrapping). */
    public record EdgeHit(int index, Vertex at, double distance) {}

    private PolygonGeometry() {}

    /** The vertex nearest (x, y) within {@code tolerance}, or -1. */
    public static int vertexAt(List<Vertex> pts, double x, double y, double tolerance) {
        int best = -1;
        double bestD = tolerance;
        for (int i = 0; i < pts.size(); i++) {
            double d = Math.hypot(pts.get(i).x() - x, pts.get(i).y() - y);
            if (d <= bestD) {
                best = i;
                bestD = d;
            }
        }
        return best;
    }

    /** The edge of the closed polygon nearest (x, y) within {@code tolerance}, or null. */
    public static EdgeHit edgeAt(List<Vertex> pts, double x, double y, double tolerance) {
        EdgeHit best = null;
        int n = pts.size();
        for (int i = 0; i < n && n >= 2; i++) {
            Vertex a = pts.get(i);
            Vertex b = pts.get((i + 1) % n);
            double dx = b.x() - a.x();
            double dy = b.y() - a.y();
            double len2 = dx * dx + dy * dy;
            double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((x - a.x()) * dx + (y - a.y()) * dy) / len2));
            Vertex p = Vertex.of(a.x() + t * dx, a.y() + t * dy);
            double d = Math.hypot(p.x() - x, p.y() - y);
            if (d <= tolerance && (best == null || d < best.distance())) {
                best = new EdgeHit(i, p, d);
            }
        }
        return best;
    }

    /** Whether (x, y) is inside the closed polygon (even-odd rule). */
    public static boolean contains(List<Vertex> pts, double x, double y) {
        boolean in = false;
        for (int i = 0, j = pts.size() - 1; i < pts.size(); j = i++) {
            Vertex a = pts.get(i);
            Vertex b = pts.get(j);
            if ((a.y() > y) != (b.y() > y) && x < (b.x() - a.x()) * (y - a.y()) / (b.y() - a.y()) + a.x()) {
                in = !in;
            }
        }
        return in;
    }

    /** A new vertex {@code v} after vertex {@code edgeIndex}, i.e. on that edge. */
    public static List<Vertex> insert(List<Vertex> pts, int edgeIndex, Vertex v) {
        List<Vertex> out = new ArrayList<>(pts);
        out.add(edgeIndex + 1, v);
        return out;
    }

    public static List<Vertex> move(List<Vertex> pts, int index, Vertex to) {
        List<Vertex> out = new ArrayList<>(pts);
        out.set(index, to);
        return out;
    }

    /** Without vertex {@code index}; unchanged when that would leave fewer than {@link #MIN_VERTICES}. */
    public static List<Vertex> remove(List<Vertex> pts, int index) {
        if (pts.size() <= MIN_VERTICES) {
            return List.copyOf(pts);
        }
        List<Vertex> out = new ArrayList<>(pts);
        out.remove(index);
        return out;
    }

    public static List<Vertex> translate(List<Vertex> pts, double dx, double dy) {
        List<Vertex> out = new ArrayList<>(pts.size());
        for (Vertex v : pts) {
            out.add(Vertex.of(v.x() + dx, v.y() + dy));
        }
        return out;
    }

    /**
     * A freehand stroke thinned to vertices at least {@code spacing} apart (the last point kept),
     * so a drag gives an editable outline rather than hundreds of points.
     */
    public static List<Vertex> thin(List<Vertex> stroke, double spacing) {
        List<Vertex> out = new ArrayList<>();
        for (Vertex v : stroke) {
            if (out.isEmpty()
                    || Math.hypot(
                                    v.x() - out.get(out.size() - 1).x(),
                                    v.y() - out.get(out.size() - 1).y())
                            >= spacing) {
                out.add(v);
            }
        }
        return out;
    }

    /** The topmost (last drawn) polygon containing (x, y), or -1. */
    public static int polygonAt(List<List<Vertex>> polygons, double x, double y) {
        for (int i = polygons.size() - 1; i >= 0; i--) {
            if (polygons.get(i).size() >= 3 && contains(polygons.get(i), x, y)) {
                return i;
            }
        }
        return -1;
    }
}
