package org.karyo.inference.classify;

import java.util.ArrayList;
import java.util.List;

/**
 * Cell-level assignment: places every chromosome of a cell in a class so that the whole cell is
 * most probable, which fixes look-alikes the classifier alone confuses (4/5, 19-22, X/7), yet
 * never hides a real abnormality.
 *
 * <p>Each class has slots: two for an autosome, two for the sex chromosomes under the hypothesis
 * tried (XX or XY), and further slots at a price of {@link #EXTRA_COST} nats each. A chromosome
 * costs -ln p(class) in a slot; one that fits nothing costs at most {@link #UNSURE_COST} as
 * "not a chromosome / unsure". The cheapest complete assignment (Hungarian algorithm) under the
 * better of the two hypotheses wins. So a third 21 stays a 21 whenever the classifier's evidence
 * for it beats the alternative by more than the price (a trisomy is shown, not forced away), while
 * a 4 that is 55/45 against 5 in a cell with three 4s and one 5 moves to 5. A missing member costs
 * nothing: a loss is simply a class left with one chromosome. The summary (findings, ISCN) is
 * {@link KaryotypeSummary#of}.
 */
public final class KaryotypeAssigner {

    /** Price of each member beyond the expected number of a class, in nats (e^2.5 = 12:1 odds). */
    public static final double EXTRA_COST = 2.5;
    /** Cost ceiling of "not a chromosome / unsure" (p = 0.02), in nats. */
    public static final double UNSURE_COST = 4.0;
    private static final int SLOTS = 4;
    private static final double FLOOR = 1e-6;

    private KaryotypeAssigner() {
    }

    public static CellKaryotype assign(List<ChromosomeCall> calls) {
        Solution xx = solve(calls, 2, 0);
        Solution xy = solve(calls, 1, 1);
        Solution best = xy.cost <= xx.cost ? xy : xx;
        return KaryotypeSummary.of(best.placements, calls);
    }

    private record Solution(double cost, List<Placement> placements) {
    }

    private static Solution solve(List<ChromosomeCall> calls, int freeX, int freeY) {
        int n = calls.size();
        int classCols = ChromosomeClass.COUNT * SLOTS;
        double[][] cost = new double[n][classCols + n];
        for (int i = 0; i < n; i++) {
            ChromosomeCall c = calls.get(i);
            for (int k = 0; k < ChromosomeClass.COUNT; k++) {
                int free = k == ChromosomeClass.X ? freeX : k == ChromosomeClass.Y ? freeY : 2;
                double nll = -Math.log(Math.max(c.probability(k), FLOOR));
                for (int s = 0; s < SLOTS; s++) {
                    cost[i][k * SLOTS + s] = nll + Math.max(0, s + 1 - free) * EXTRA_COST;
                }
            }
            double unsure = Math.min(UNSURE_COST, -Math.log(Math.max(c.probability(ChromosomeClass.NONE), FLOOR)));
            for (int j = 0; j < n; j++) {
                cost[i][classCols + j] = unsure;
            }
        }
        int[] col = MinCostAssignment.solve(cost);
        double total = 0;
        List<Placement> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            total += cost[i][col[i]];
            ChromosomeCall c = calls.get(i);
            int cls = col[i] < classCols ? col[i] / SLOTS : ChromosomeClass.NONE;
            float p = c.probability(cls);
            int first = c.best();
            boolean reassigned = cls != first && !(cls == ChromosomeClass.NONE && first == ChromosomeClass.NONE);
            out.add(new Placement(i, cls, p, c.flipped(), cls != ChromosomeClass.NONE && p < Placement.LOW_CONFIDENCE,
                    reassigned));
        }
        return new Solution(total, out);
    }
}
