package org.karyo.core.assignment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TestHungarian {

    @Test
    void aGreedyChoiceIsNotTheOptimum() {
        // greedy takes row 0 -> column 0 (cost 1), forcing row 1 -> column 1 (cost 10): 11;
        // the optimum is 2 + 3 = 5
        double[][] cost = {{1, 2}, {3, 10}};
        assertArrayEquals(new int[] {1, 0}, Hungarian.solve(cost));
    }

    @Test
    void matchesBruteForceOnRandomRectangularMatrices() {
        Random r = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + r.nextInt(5), m = n + r.nextInt(3);
            double[][] cost = new double[n][m];
            for (double[] row : cost) {
                for (int j = 0; j < m; j++) {
                    row[j] = r.nextInt(20) - 5;
                }
            }
            int[] got = Hungarian.solve(cost);
            boolean[] used = new boolean[m];
            double total = 0;
            for (int i = 0; i < n; i++) {
                assertEquals(false, used[got[i]], "column used twice");
                used[got[i]] = true;
                total += cost[i][got[i]];
            }
            assertEquals(best(cost, 0, new boolean[m]), total, 1e-9, "trial " + trial);
        }
    }

    private static double best(double[][] cost, int row, boolean[] used) {
        if (row == cost.length) {
            return 0;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j < cost[row].length; j++) {
            if (!used[j]) {
                used[j] = true;
                best = Math.min(best, cost[row][j] + best(cost, row + 1, used));
                used[j] = false;
            }
        }
        return best;
    }
}
