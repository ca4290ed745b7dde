package org.karyo.annotation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The validity rules behind {@link InstancePolygon#validate}. */
final class PolygonChecks {

    /** Same threshold as the inference readers: below this (px^2) a polygon is a slip of the tool. */
    static final double MIN_AREA = 1e-3;

    private PolygonChecks() {}

    static List<Problem> check(InstancePolygon p, int width, int height) {
        List<Problem> out = new ArrayList<>();
        int id = p.id();
        List<Vertex> pts = distinctRuns(p.points());
        if (pts.size() < 3) {
            out.add(new Problem(
                    Problem.Kind.TOO_FEW_POINTS,
                    id,
                    "has " + pts.size() + " distinct point(s); an outline needs at least 3"));
            return out;
        }
        if (p.area() < MIN_AREA) {
            out.add(new Problem(Problem.Kind.ZERO_AREA, id, "encloses no area (all points on one line)"));
        }
        int[] crossing = firstSelfIntersection(pts);
        if (crossing != null) {
            out.add(new Problem(
                    Problem.Kind.SELF_INTERSECTION,
                    id,
                    "outline crosses itself (edges " + (crossing[0] + 1) + " and " + (crossing[1] + 1) + ")"));
        }
        int outside = 0;
        for (Vertex v : pts) {
            if (v.x() < 0 || v.y() < 0 || v.x() > width || v.y() > height) {
                outside++;
            }
        }
        if (outside > 0) {
            out.add(new Problem(
                    Problem.Kind.OUTSIDE_IMAGE,
                    id,
                    String.format(Locale.ROOT, "%d point(s) outside the %dx%d image", outside, width, height)));
        }
        return out;
    }

    /** Drops consecutive repeats (a double click), including last == first. */
    static List<Vertex> distinctRuns(List<Vertex> pts) {
        List<Vertex> out = new ArrayList<>(pts.size());
        for (Vertex v : pts) {
            if (out.isEmpty() || !out.get(out.size() - 1).equals(v)) {
                out.add(v);
            }
        }
        while (out.size() > 1 && out.get(0).equals(out.get(out.size() - 1))) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    /** The first pair of edges (indices) that cross or overlap, or null. O(n^2): outlines are small. */
    static int[] firstSelfIntersection(List<Vertex> pts) {
        int n = pts.size();
        for (int i = 0; i < n; i++) {
            Vertex a = pts.get(i), b = pts.get((i + 1) % n);
            for (int j = i + 1; j < n; j++) {
                Vertex c = pts.get(j), d = pts.get((j + 1) % n);
                boolean adjacent = j == i + 1 || (i == 0 && j == n - 1);
                if (adjacent) {
                    // Sharing a vertex is normal; folding back along each other is not.
                    Vertex shared = j == i + 1 ? b : a;
                    Vertex p = j == i + 1 ? a : b;
                    Vertex q = j == i + 1 ? d : c;
                    if (cross(shared, p, q) == 0 && dot(shared, p, q) > 0) {
                        return new int[] {i, j};
                    }
                } else if (segmentsTouch(a, b, c, d)) {
                    return new int[] {i, j};
                }
            }
        }
        return null;
    }

    private static double cross(Vertex o, Vertex a, Vertex b) {
        return (a.x() - o.x()) * (b.y() - o.y()) - (a.y() - o.y()) * (b.x() - o.x());
    }

    private static double dot(Vertex o, Vertex a, Vertex b) {
        return (a.x() - o.x()) * (b.x() - o.x()) + (a.y() - o.y()) * (b.y() - o.y());
    }

    private static boolean segmentsTouch(Vertex a, Vertex b, Vertex c, Vertex d) {
        double d1 = cross(c, d, a), d2 = cross(c, d, b), d3 = cross(a, b, c), d4 = cross(a, b, d);
        if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
            return true;
        }
        return (d1 == 0 && onSegment(c, d, a))
                || (d2 == 0 && onSegment(c, d, b))
                || (d3 == 0 && onSegment(a, b, c))
                || (d4 == 0 && onSegment(a, b, d));
    }

    /** p collinear with [s, e]: is it within the segment's extent? */
    private static boolean onSegment(Vertex s, Vertex e, Vertex p) {
        return Math.min(s.x(), e.x()) <= p.x()
                && p.x() <= Math.max(s.x(), e.x())
                && Math.min(s.y(), e.y()) <= p.y()
                && p.y() <= Math.max(s.y(), e.y());
    }
}
