package org.karyo.core.geometry;

import java.util.Arrays;

/** Uniform grid of kept boxes for {@link SkewNms}: cell lists of box indices, plus a list of very large boxes. */
final class Grid {

    private final double originX, originY, cell;
    private final int cols, rows;
    private final int[][] cells;
    private final int[] sizes;
    private int[] large = new int[8];
    private int nLarge;
    private int[] all = new int[16]; // every box added, for candidates that cover more cells than that
    private int nAll;

    private Grid(double originX, double originY, double cell, int cols, int rows) {
        this.originX = originX;
        this.originY = originY;
        this.cell = cell;
        this.cols = cols;
        this.rows = rows;
        this.cells = new int[cols * rows][];
        this.sizes = new int[cols * rows];
    }

    /** A grid over all boxes with cells about the mean box extent (a sort for the median costs more than NMS). */
    static Grid covering(SkewNms.Prepared p) {
        int n = p.areas.length;
        double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        double sumExtent = 0;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, p.x1[i]);
            minY = Math.min(minY, p.y1[i]);
            maxX = Math.max(maxX, p.x2[i]);
            maxY = Math.max(maxY, p.y2[i]);
            sumExtent += Math.max(p.x2[i] - p.x1[i], p.y2[i] - p.y1[i]);
        }
        double cell = Math.max(sumExtent / n, 1e-6);
        double spanX = maxX - minX, spanY = maxY - minY;
        cell = Math.max(cell, Math.max(spanX, spanY) / MAX_SIDE);
        int cols = Math.max(1, (int) Math.ceil(spanX / cell) + 1);
        int rows = Math.max(1, (int) Math.ceil(spanY / cell) + 1);
        return new Grid(minX, minY, cell, cols, rows);
    }

    private static final int MAX_SIDE = 1024;
    private static final int MAX_CELLS_PER_BOX = 64;

    private int col(double x) {
        return Math.min(cols - 1, Math.max(0, (int) ((x - originX) / cell)));
    }

    private int row(double y) {
        return Math.min(rows - 1, Math.max(0, (int) ((y - originY) / cell)));
    }

    void add(SkewNms.Prepared p, int i) {
        if (nAll == all.length) {
            all = Arrays.copyOf(all, nAll * 2);
        }
        all[nAll++] = i;
        int c0 = col(p.x1[i]), c1 = col(p.x2[i]), r0 = row(p.y1[i]), r1 = row(p.y2[i]);
        if ((long) (c1 - c0 + 1) * (r1 - r0 + 1) > MAX_CELLS_PER_BOX) {
            if (nLarge == large.length) {
                large = Arrays.copyOf(large, nLarge * 2);
            }
            large[nLarge++] = i;
            return;
        }
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                int k = r * cols + c;
                int[] list = cells[k];
                if (list == null) {
                    list = cells[k] = new int[4];
                } else if (sizes[k] == list.length) {
                    list = cells[k] = Arrays.copyOf(list, list.length * 2);
                }
                list[sizes[k]++] = i;
            }
        }
    }

    /** True if candidate {@code i} has IoU >= threshold with a box in the grid. */
    boolean anyOverlap(SkewNms.Prepared p, int i, double threshold, int[] seen, int stamp) {
        for (int k = 0; k < nLarge; k++) {
            if (p.overlaps(i, large[k], threshold)) {
                return true;
            }
        }
        int c0 = col(p.x1[i]), c1 = col(p.x2[i]), r0 = row(p.y1[i]), r1 = row(p.y2[i]);
        if ((long) (c1 - c0 + 1) * (r1 - r0 + 1) > nAll) { // a huge candidate: fewer boxes than cells to visit
            for (int k = 0; k < nAll; k++) {
                if (p.overlaps(i, all[k], threshold)) {
                    return true;
                }
            }
            return false;
        }
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                int k = r * cols + c;
                int[] list = cells[k];
                for (int t = 0; t < sizes[k]; t++) {
                    int j = list[t];
                    if (seen[j] == stamp) {
                        continue;
                    }
                    seen[j] = stamp;
                    if (p.overlaps(i, j, threshold)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
