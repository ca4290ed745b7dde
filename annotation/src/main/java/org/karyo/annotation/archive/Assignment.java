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
        int[] choice = null;
        for (int round = 0; round < 60; round++) {
            double[][] cost = new double[n][sites + n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < sites + n; j++) {
                    cost[i][j] = -value[i][j];
                }
            }
            choice = Hungarian.solve(cost);
            int[] conflict = firstConflict(choice, sites, bestOf, all, models);
            if (conflict == null) {
                break;
            }
            value[conflict[0]][choice[conflict[0]]] = FORBIDDEN;
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

    /** {loser} of the first pair of chosen places sharing too much; the smaller chromosome gives way. */
    private static int[] firstConflict(
            int[] choice, int sites, List<int[]> bestOf, List<Matcher.Candidate> all, List<Model> models) {
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
                    int small = models.get(i).area <= models.get(j).area ? i : j;
                    int big = small == i ? j : i;
                    Matcher.Candidate cs = small == i ? a : b, cb = small == i ? b : a;
                    return new int[] {cs.value() > cb.value() + 0.1 ? big : small};
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
