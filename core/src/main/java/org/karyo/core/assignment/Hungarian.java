package org.karyo.core.assignment;

import java.util.Arrays;

/**
 * Minimum-cost assignment of every row to a distinct column (Hungarian algorithm with potentials,
 * O(n^2 m), rows n <= columns m): placing karyogram cut-outs in their metaphase (archive) and
 * chromosomes in karyogram slots (classifier) both need it.
 */
public final class Hungarian {

    private Hungarian() {}

    /** For each row, its column. */
    public static int[] solve(double[][] cost) {
        int n = cost.length, m = cost[0].length;
        if (n > m) {
            throw new IllegalArgumentException("more rows than columns");
        }
        double[] u = new double[n + 1], v = new double[m + 1];
        int[] p = new int[m + 1], way = new int[m + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            double[] minv = new double[m + 1];
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[m + 1];
            do {
                used[j0] = true;
                int i0 = p[j0], j1 = 0;
                double delta = Double.POSITIVE_INFINITY;
                for (int j = 1; j <= m; j++) {
                    if (!used[j]) {
                        double cur = cost[i0 - 1][j - 1] - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] out = new int[n];
        for (int j = 1; j <= m; j++) {
            if (p[j] != 0) {
                out[p[j] - 1] = j - 1;
            }
        }
        return out;
    }
}
