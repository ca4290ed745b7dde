package org.karyo.inference.classify;

import java.util.ArrayList;
import java.util.List;
import org.karyo.core.assignment.Hungarian;

/**
 * Cell-level assignment: the most probable karyotype of a cell and a class for every chromosome
 * in it, chosen together, so that look-alikes the classifier alone confuses (4/5, 19-22, X/7) are
 * fixed by the rest of the cell, yet a real gain or loss is shown, not forced into a normal
 * karyotype.
 *
 * <p>This is model selection by penalised likelihood. A candidate is a karyotype (how many members
 * each class has: 46,XX, 46,XY, 47,XY,+21, 45,X, 47,XXY, ...) with every chromosome placed in a
 * class or called "not a chromosome". Its score is the classifier's log-likelihood of the
 * placements, sum of ln p(class), minus {@link #DEVIATION} nats for every chromosome by which
 * the karyotype differs from the nearer of 46,XX and 46,XY (a prior: an abnormal cell is rarer
 * than a normal one, a doubly abnormal one rarer still). The best candidate over all
 * karyotypes, of any chromosome number, is found exactly by one minimum-cost assignment per sex
 * hypothesis: each class has two slots whose cost is -ln p - DEVIATION (filling them makes the
 * cell more normal) and further slots at -ln p + DEVIATION; "not a chromosome" costs
 * -ln p(not a chromosome) + {@link #NOT_A_CHROMOSOME}, whatever the classifier's first choice
 * was. So a third 21 in a full cell stays a 21 when p(21) beats p(22) (a gain either way, at the
 * same price) and p(not a chromosome) times e^(DEVIATION - NOT_A_CHROMOSOME); a 4 that is 55/45
 * against 5 in a cell with three 4s and one 5 moves to 5; a chromosome the classifier half
 * rejected (a neighbour's fragment at its edge) fills the vacancy it would otherwise leave,
 * and is marked. The summary (findings, ISCN) is {@link KaryotypeSummary#of}.
 */
public final class KaryotypeAssigner {

    /**
     * Price, in nats, of each chromosome by which a karyotype differs from a normal one (a gain or
     * a loss): e^2.5 = 12:1 odds against each. Chosen on the validation cases of the crop bank
     * (docs/karyogram.md: 2.0-3.0 differ by one cell or less there), not on the test cases.
     */
    public static final double DEVIATION = 2.5;
    /**
     * Price, in nats, of calling a box "not a chromosome": the classifier learnt "not a chromosome"
     * on 8 % of its training samples, while on a metaphase under review about 1 % of the boxes
     * hold no chromosome, so its probability is corrected for that change of prior (Bayes' rule:
     * ln(0.08 / 0.01)). Without it a rejected box is free while a gain costs
     * {@link #DEVIATION}, and the gain of a trisomy hides in "not a chromosome".
     */
    public static final double NOT_A_CHROMOSOME = Math.log(0.08 / 0.01);
    /** Cost that rules a column out. */
    private static final double BLOCKED = 1e6;

    private static final int SLOTS = 4;
    private static final double FLOOR = 1e-6;

    private KaryotypeAssigner() {}

    public static CellKaryotype assign(List<ChromosomeCall> calls) {
        return assign(calls, DEVIATION, NOT_A_CHROMOSOME);
    }

    /** With other prices (the evaluation's calibration sweep). */
    public static CellKaryotype assign(List<ChromosomeCall> calls, double deviation, double notAChromosome) {
        Solution xx = solve(calls, 2, 0, deviation, notAChromosome);
        Solution xy = solve(calls, 1, 1, deviation, notAChromosome);
        Solution best = xy.cost <= xx.cost ? xy : xx;
        return KaryotypeSummary.of(best.placements, calls);
    }

    private record Solution(double cost, List<Placement> placements) {}

    /** No class reaches this probability: the chromosome fits no class well (a finding). */
    public static final float UNSURE_BELOW = 0.10f;

    /** No chromosome class reaches {@link #UNSURE_BELOW} for this call. */
    public static boolean fitsNoClass(ChromosomeCall c) {
        for (int k = 0; k < ChromosomeClass.COUNT; k++) {
            if (c.probability(k) >= UNSURE_BELOW) {
                return false;
            }
        }
        return true;
    }

    private static Solution solve(
            List<ChromosomeCall> calls, int normalX, int normalY, double deviation, double notAChromosome) {
        int n = calls.size();
        int slots = Math.max(SLOTS, n / ChromosomeClass.COUNT + 2);
        int classCols = ChromosomeClass.COUNT * slots;
        double[][] cost = new double[n][classCols + n];
        for (int i = 0; i < n; i++) {
            ChromosomeCall c = calls.get(i);
            for (int k = 0; k < ChromosomeClass.COUNT; k++) {
                int normal = k == ChromosomeClass.X ? normalX : k == ChromosomeClass.Y ? normalY : 2;
                double nll = -Math.log(Math.max(c.probability(k), FLOOR));
                for (int s = 0; s < slots; s++) {
                    cost[i][k * slots + s] = nll + (s < normal ? -deviation : deviation);
                }
            }
            // one "not a chromosome" column per chromosome, usable by that chromosome only
            for (int j = 0; j < n; j++) {
                cost[i][classCols + j] = j == i
                        ? notAChromosome - Math.log(Math.max(c.probability(ChromosomeClass.NONE), FLOOR))
                        : BLOCKED;
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
            boolean low = cls != ChromosomeClass.NONE && p < Placement.LOW_CONFIDENCE;
            out.add(new Placement(i, cls, p, c.flipped(), low, reassigned));
        }
        return new Solution(total, out);
    }
}
