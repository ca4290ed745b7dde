package org.karyo.annotation.archive;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.karyo.core.assignment.Hungarian;

/**
 * Assigns every cut-out to one site of the metaphase at once. Sites are places found by several
 * cut-outs (footprints overlapping by half or more); a cut-out's value at a site is its best
 * correlation + outline fit there. Each cut-out may also stay unplaced at a fixed low value, so a
 * chromosome with no good place anywhere is reported not found rather than forced onto a wrong one.
 */
final class Assignment {

    private static final double FORBIDDEN = -10;

    /**
     * Conflicts resolved at most, each by two solves of a 46 x (sites + 46) assignment. A crowded
     * composed spread (about 2,000 sites) needed 64; resolving every one (up to 500) was no better
     * on the design spreads (composed seeds 96 and 118: 689 of 736 outlines right against 694), so
     * the earlier bound stays (a conflict left over keeps both places, as before).
     */
    private static final int MAX_ROUNDS = 60;

    private Assignment() {}

    static List<Placement> assign(List<Model> models, List<List<Matcher.Candidate>> perCut, Scene scene) {
        return assign(models, perCut, scene, new Matcher.Candidate[models.size()]);
    }

    /** As above; {@code chosen[i]} gets the place given to cut-out i (null when none). */
    static List<Placement> assign(
            List<Model> models, List<List<Matcher.Candidate>> perCut, Scene scene, Matcher.Candidate[] chosen) {
        int n = models.size();
        List<Matcher.Candidate> all = new ArrayList<>();
        perCut.forEach(all::addAll);
        all.sort((a, b) -> Double.compare(b.value(), a.value()));
        List<Matcher.Candidate> reps = new ArrayList<>();
        // best[i][site] = index into all
        List<int[]> bestOf = new ArrayList<>();
        for (int ci = 0; ci < all.size(); ci++) {
            Matcher.Candidate c = all.get(ci);
            int site = -1;
            for (int s = 0; s < reps.size(); s++) {
                Matcher.Candidate r = reps.get(s);
                if (r.blob() != c.blob()) {
                    continue;
                }
                int o = Matcher.overlap(r.footprint(), c.footprint());
                if (o >= 0.5 * (r.footprint().length + c.footprint().length - o)) {
                    site = s;
                    break;
                }
            }
            if (site < 0) {
                reps.add(c);
                int[] col = new int[n];
                Arrays.fill(col, -1);
                bestOf.add(col);
                site = reps.size() - 1;
            }
            int[] col = bestOf.get(site);
            if (col[c.cut()] < 0) {
                col[c.cut()] = ci;
            }
        }
        int sites = reps.size();
        double[][] value = new double[n][sites + n];
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < sites; s++) {
                int ci = bestOf.get(s)[i];
                value[i][s] = ci < 0 ? FORBIDDEN : all.get(ci).value();
            }
            for (int d = 0; d < n; d++) {
                value[i][sites + d] = d == i ? BackProjector.MIN_VALUE : FORBIDDEN;
            }
        }
        int[] choice = solve(value);
        for (int round = 0; round < MAX_ROUNDS; round++) {
            int[] conflict = firstConflict(choice, sites, bestOf, all);
            if (conflict == null) {
                break;
            }
            choice = giveWay(conflict[0], conflict[1], choice, value);
        }
        boolean[] grown = scene.outlineMask();
        boolean[] taken = new boolean[sites];
        for (int i = 0; i < n; i++) {
            if (choice[i] < sites) {
                taken[choice[i]] = true;
            }
        }
        List<Placement> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CutOut cut = models.get(i).cut;
            int s = choice[i];
            Matcher.Candidate c = s < sites && bestOf.get(s)[i] >= 0 ? all.get(bestOf.get(s)[i]) : null;
            if (c == null || value[i][s] <= FORBIDDEN) {
                out.add(new Placement(cut.label(), cut.slot(), List.of(), 0, 0, 0, false, Placement.Status.NOT_FOUND));
                continue;
            }
            chosen[i] = c;
            Placement.Status st = Placement.Status.FOUND;
            if (c.ncc() < BackProjector.MIN_NCC
                    || c.ringNcc() < BackProjector.MIN_FIT
                    || c.fgFraction() < BackProjector.MIN_FG) {
                st = Placement.Status.DOUBTFUL;
            } else if (rivalled(i, s, value, sites, taken, reps, choice, bestOf, all)) {
                st = Placement.Status.AMBIGUOUS;
            }
            out.add(new Placement(
                    cut.label(),
                    cut.slot(),
                    BackProjector.outline(whole(models.get(i), c, scene), scene, grown),
                    c.ncc(),
                    c.ringNcc(),
                    c.degrees(),
                    c.mirror(),
                    st));
        }
        return out;
    }

    /**
     * Two chosen places overlap: one of the two chromosomes gives its place up, the one whose
     * loss costs the assignment least. Both are tried, each solved again, and the better whole is
     * kept. A fixed rule (the smaller gives way unless clearly better) lost true places in crowded
     * spreads: a 16 on the 20's spot (a 16's footprint and a 20's at one spot share too little to
     * be one site) pushed the 20 off its own place, which it fitted best, and a chain of look-alikes
     * followed (composed seed 96 spread 4: 33 of 46 recovered).
     */
    private static int[] giveWay(int a, int b, int[] choice, double[][] value) {
        int siteA = choice[a], siteB = choice[b];
        double wasA = value[a][siteA], wasB = value[b][siteB];
        value[b][siteB] = FORBIDDEN;
        int[] keepA = solve(value);
        double totalA = total(keepA, value);
        value[b][siteB] = wasB;
        value[a][siteA] = FORBIDDEN;
        int[] keepB = solve(value);
        double totalB = total(keepB, value);
        if (totalA > totalB) {
            value[a][siteA] = wasA;
            value[b][siteB] = FORBIDDEN;
            return keepA;
        }
        return keepB;
    }

    private static int[] solve(double[][] value) {
        int n = value.length, m = value[0].length;
        double[][] cost = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                cost[i][j] = -value[i][j];
            }
        }
        return Hungarian.solve(cost);
    }

    private static double total(int[] choice, double[][] value) {
        double t = 0;
        for (int i = 0; i < choice.length; i++) {
            t += value[i][choice[i]];
        }
        return t;
    }

    /** The whole cut-out (halo included) at its place, as sorted pixel indices. */
    static int[] whole(Model m, Matcher.Candidate c, Scene scene) {
        Template.Outline t = m.at(c.degrees(), c.mirror()).outline();
        int[] out = new int[t.odx().length];
        int n = 0;
        for (int k = 0; k < t.odx().length; k++) {
            int x = c.x() + t.odx()[k], y = c.y() + t.ody()[k];
            if (x >= 0 && y >= 0 && x < scene.width && y < scene.height) {
                out[n++] = y * scene.width + x;
            }
        }
        out = Arrays.copyOf(out, n);
        Arrays.sort(out);
        return out;
    }

    /** {i, j}: the first pair of chosen places sharing too much. */
    private static int[] firstConflict(int[] choice, int sites, List<int[]> bestOf, List<Matcher.Candidate> all) {
        int n = choice.length;
        for (int i = 0; i < n; i++) {
            if (choice[i] >= sites) {
                continue;
            }
            Matcher.Candidate a = all.get(bestOf.get(choice[i])[i]);
            for (int j = i + 1; j < n; j++) {
                if (choice[j] >= sites) {
                    continue;
                }
                Matcher.Candidate b = all.get(bestOf.get(choice[j])[j]);
                int o = Matcher.overlap(a.footprint(), b.footprint());
                if (o > BackProjector.MAX_SHARED * Math.min(a.footprint().length, b.footprint().length)) {
                    return new int[] {i, j};
                }
            }
        }
        return null;
    }

    /** Another free site, not overlapping any chosen place, where this cut-out fits about as well. */
    private static boolean rivalled(
            int i,
            int s,
            double[][] value,
            int sites,
            boolean[] taken,
            List<Matcher.Candidate> reps,
            int[] choice,
            List<int[]> bestOf,
            List<Matcher.Candidate> all) {
        for (int t = 0; t < sites; t++) {
            if (t == s || taken[t] || value[i][t] < value[i][s] - BackProjector.AMBIGUITY) {
                continue;
            }
            int[] fp = reps.get(t).footprint();
            boolean free = true;
            for (int j = 0; j < choice.length && free; j++) {
                if (choice[j] < sites) {
                    int[] o = all.get(bestOf.get(choice[j])[j]).footprint();
                    free = Matcher.overlap(fp, o) <= BackProjector.MAX_SHARED * Math.min(fp.length, o.length);
                }
            }
            if (free) {
                return true;
            }
        }
        return false;
    }
}
