package org.karyo.inference.classify;

import java.util.ArrayList;
import java.util.List;
import org.karyo.core.assignment.Hungarian;

/**
 * Cell-level assignment: places every chromosome of a cell in a class so that the whole cell is
 * most probable, which fixes look-alikes the classifier alone confuses (4/5, 19-22, X/7), yet
 * never hides a real abnormality.
 *
 * <p>Each class has slots: two for an autosome, two for the sex chromosomes under the hypothesis
 * tried (XX or XY), and further slots at a price of {@link #EXTRA_COST} nats each. A chromosome
 * costs -ln p(class) in a slot; one whose own evidence says it is no chromosome, or fits no
 * class ({@link #unsure}), is "not a chromosome / unsure" and takes no slot. The cheapest complete assignment (Hungarian algorithm) under the
 * better of the two hypotheses wins. So a third 21 stays a 21 whenever the classifier's evidence
 * for it beats the alternative by more than the price (a trisomy is shown, not forced away), while
 * a 4 that is 55/45 against 5 in a cell with three 4s and one 5 moves to 5. A missing member costs
 * nothing: a loss is simply a class left with one chromosome. The summary (findings, ISCN) is
 * {@link KaryotypeSummary#of}.
 */
public final class KaryotypeAssigner {

    /** Price of each member beyond the expected number of a class, in nats (e^2.5 = 12:1 odds). */
    public static final double EXTRA_COST = 2.5;
    /** Cost that rules a column out. */
    private static final double BLOCKED = 1e6;

    private static final int SLOTS = 4;
    private static final double FLOOR = 1e-6;

    private KaryotypeAssigner() {}

    public static CellKaryotype assign(List<ChromosomeCall> calls) {
        Solution xx = solve(calls, 2, 0);
        Solution xy = solve(calls, 1, 1);
        Solution best = xy.cost <= xx.cost ? xy : xx;
        return KaryotypeSummary.of(best.placements, calls);
    }

    private record Solution(double cost, List<Placement> placements) {}

    /** A chromosome is "unsure" when its own evidence says so: "not a chromosome" is its first
     * choice, or no class reaches this probability. Decided before the assignment, so an extra
     * member of a class (a gain) is never pushed out of the karyotype as "unsure". */
    public static final float UNSURE_BELOW = 0.10f;

    static boolean unsure(ChromosomeCall c) {
        int b = c.best();
        return b == ChromosomeClass.NONE || c.probability(b) < UNSURE_BELOW;
    }

    private static Solution solve(List<ChromosomeCall> calls, int freeX, int freeY) {
        int n = calls.size();
        int slots = Math.max(SLOTS, n / ChromosomeClass.COUNT + 2);
        int classCols = ChromosomeClass.COUNT * slots;
        double[][] cost = new double[n][classCols + n];
        for (int i = 0; i < n; i++) {
            ChromosomeCall c = calls.get(i);
            boolean u = unsure(c);
            for (int k = 0; k < ChromosomeClass.COUNT; k++) {
                int free = k == ChromosomeClass.X ? freeX : k == ChromosomeClass.Y ? freeY : 2;
                double nll = -Math.log(Math.max(c.probability(k), FLOOR));
                for (int s = 0; s < slots; s++) {
                    cost[i][k * slots + s] = u ? BLOCKED : nll + Math.max(0, s + 1 - free) * EXTRA_COST;
                }
            }
            for (int j = 0; j < n; j++) {
                cost[i][classCols + j] = u ? 0 : BLOCKED;
            }
        }
        int[] col = Hungarian.solve(cost);
        double total = 0;
        List<Placement> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            total += cost[i][col[i]];
            ChromosomeCall c = calls.get(i);
            int cls = col[i] < classCols ? col[i] / slots : ChromosomeClass.NONE;
            float p = c.probability(cls);
            int first = c.best();
            boolean reassigned = cls != first && !(cls == ChromosomeClass.NONE && first == ChromosomeClass.NONE);
            out.add(new Placement(
                    i, cls, p, c.flipped(), cls != ChromosomeClass.NONE && p < Placement.LOW_CONFIDENCE, reassigned));
        }
        return new Solution(total, out);
    }
}
