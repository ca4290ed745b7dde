package org.karyo.annotation.mask;

import java.util.ArrayList;
import java.util.List;
import org.karyo.annotation.Vertex;

/**
 * The outer boundary of a mask's object along pixel edges: the corner points where the boundary
 * turns, enclosing exactly the object's pixels (8-connected), so rasterising the outline gives the
 * mask back. Holes are not traced (a chromosome outline has none). A port of the composer's
 * {@code trace_outline} (training-bridge compose.py), so Java and Python outlines agree.
 */
public final class OutlineTracer {

    private OutlineTracer() {}

    /** The outline of the first object in raster order, in image coordinates; empty for an empty mask. */
    public static List<Vertex> trace(BinaryMask m) {
        int w = m.width(), h = m.height();
        int r0 = -1, c0 = -1;
        search:
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                if (m.local(c, r)) {
                    r0 = r;
                    c0 = c;
                    break search;
                }
            }
        }
        List<Vertex> pts = new ArrayList<>();
        if (r0 < 0) {
            return pts;
        }
        // Position = pixel corner (x, y) in window coordinates; direction (dx, dy); object on the right.
        int x = c0 + 1, y = r0, dx = 1, dy = 0;
        pts.add(new Vertex(m.x0() + c0, m.y0() + r0));
        long limit = 4L * (w + 2) * (h + 2);
        for (long step = 0; step < limit; step++) {
            int lx = dy, ly = -dx;
            int rx = -dy, ry = dx;
            // Pixels ahead-left and ahead-right of the corner: centre = corner + (d + side) / 2.
            boolean al = at(m, Math.floorDiv(2 * x + dx + lx, 2), Math.floorDiv(2 * y + dy + ly, 2));
            boolean ar = at(m, Math.floorDiv(2 * x + dx + rx, 2), Math.floorDiv(2 * y + dy + ry, 2));
            int ndx, ndy;
            if (al) {
                ndx = lx;
                ndy = ly;
            } else if (ar) {
                ndx = dx;
                ndy = dy;
            } else {
                ndx = rx;
                ndy = ry;
            }
            if (ndx != dx || ndy != dy) {
                pts.add(new Vertex(m.x0() + x, m.y0() + y));
            }
            dx = ndx;
            dy = ndy;
            x += dx;
            y += dy;
            if (x == c0 + 1 && y == r0 && dx == 1 && dy == 0) {
                break;
            }
        }
        if (pts.size() > 1 && pts.get(pts.size() - 1).equals(pts.get(0))) {
            pts.remove(pts.size() - 1);
        }
        return pts;
    }

    private static boolean at(BinaryMask m, int c, int r) {
        return c >= 0 && r >= 0 && c < m.width() && r < m.height() && m.local(c, r);
    }
}
