package org.karyo.inference.count;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.karyo.core.geometry.ContainedBoxes;
import org.karyo.core.geometry.RotatedBox;
import org.karyo.core.image.Letterbox;
import org.karyo.inference.detect.Detection;
import org.karyo.inference.detect.SkeletonCountRule;
import org.karyo.inference.onnx.RawMaps;

/**
 * Chooses a model's counting settings on real cells with known counts (a laboratory's own cells
 * and their karyograms): the score threshold, the containment fraction and the skeleton rule
 * that count the most cells exactly (then the most within one, then the least total |count
 * error|: {@link Objective#EXACT}), or with the least total |count error| first
 * ({@link Objective#MAE}); remaining ties go to the fewest rule parts, then the earlier candidate.
 * Every cell is detected once, down to the lowest threshold and with both rules off; each
 * candidate is then replayed on those boxes: skew-NMS and the containment rule never let a
 * lower-scoring box remove a higher one, so dropping boxes below a threshold afterwards equals
 * detecting at it; the skeleton rule is re-run per candidate on the kept saliency maps.
 */
public final class CountCalibration {

    /** One cell: its true count, its boxes (score >= the floor, highest first, containment off) and its skeleton maps. */
    public record Cell(String name, int truth, List<Detection> boxes, RawMaps maps, Letterbox letterbox, int stride) {
        public Cell {
            boxes = List.copyOf(boxes);
        }
    }

    /** One candidate setting and its figures at its best threshold. */
    public record Candidate(double contain, SkeletonCountRule.Settings rule, double score, CountAgreement agreement) {
        public String line() {
            CountAgreement a = agreement;
            return String.format(
                    Locale.ROOT,
                    "%-8s %-30s %7.3f %8.2f %+7.2f %6d %9d",
                    contain == 0 ? "off" : Double.toString(contain),
                    rule.merge()
                            ? rule.format().split(";", -1)[0] + " fill " + rule.fill()
                            : rule.format().split(";", -1)[0],
                    score,
                    a.meanAbsoluteError(),
                    a.bias(),
                    a.exact(),
                    a.withinOne());
        }
    }

    public record Result(List<Candidate> candidates, Candidate chosen, Objective objective) {
        public String table() {
            StringBuilder sb = new StringBuilder(String.format(
                    Locale.ROOT,
                    "%-8s %-30s %7s %8s %7s %6s %9s%n",
                    "contain",
                    "skeleton rule",
                    "score",
                    "MAE",
                    "bias",
                    "exact",
                    "within 1"));
            // each row: that containment and rule at its own best threshold
            for (Candidate c : candidates) {
                sb.append(c.line())
                        .append(c.equals(chosen) ? "   <- chosen" : "")
                        .append('\n');
            }
            return sb.toString();
        }
    }

    /** What "best" means. EXACT is what a cytogeneticist needs (a cell off by one must still be corrected) and is
     * not dominated by a single badly split cell the way MAE is on a handful of calibration cells. */
    public enum Objective {
        EXACT,
        MAE
    }

    private CountCalibration() {}

    /**
     * The containment, skeleton rule and score threshold that miscount the fewest cells.
     *
     * @param thresholds score thresholds to try (each at least the floor the cells were detected at)
     */
    public static Result calibrate(
            List<Cell> cells,
            double[] fractions,
            List<SkeletonCountRule.Settings> rules,
            double[] thresholds,
            Objective objective) {
        if (cells.isEmpty() || fractions.length == 0 || rules.isEmpty() || thresholds.length == 0) {
            throw new IllegalArgumentException("nothing to calibrate on");
        }
        List<Candidate> all = new ArrayList<>();
        Candidate chosen = null;
        for (double f : fractions) {
            List<List<Detection>> contained = new ArrayList<>();
            for (Cell c : cells) {
                contained.add(f == 0 ? c.boxes() : contain(c.boxes(), f));
            }
            for (SkeletonCountRule.Settings rule : rules) {
                SkeletonCountRule skeleton = SkeletonCountRule.of(rule);
                Candidate best = null;
                for (double t : thresholds) {
                    List<CountAgreement.Cell> scored = new ArrayList<>();
                    for (int i = 0; i < cells.size(); i++) {
                        Cell c = cells.get(i);
                        List<Detection> kept = contained.get(i).stream()
                                .filter(d -> d.score() >= t)
                                .toList();
                        int n = skeleton.apply(kept, c.maps(), c.letterbox(), c.stride())
                                .size();
                        scored.add(new CountAgreement.Cell(c.name(), c.truth(), n));
                    }
                    Candidate cand = new Candidate(f, rule, t, new CountAgreement("calibration", scored));
                    if (best == null || better(cand, best, objective)) {
                        best = cand;
                    }
                }
                all.add(best);
                if (chosen == null || better(best, chosen, objective)) {
                    chosen = best;
                }
            }
        }
        return new Result(List.copyOf(all), chosen, objective);
    }

    /** Whether {@code a} beats {@code b} under the objective; ties keep the earlier ({@code b}). */
    static boolean better(Candidate a, Candidate b, Objective objective) {
        CountAgreement x = a.agreement(), y = b.agreement();
        double ex = x.meanAbsoluteError(), ey = y.meanAbsoluteError();
        boolean maeDiffers = Math.abs(ex - ey) > 1e-9;
        if (objective == Objective.MAE && maeDiffers) {
            return ex < ey;
        }
        if (x.exact() != y.exact()) {
            return x.exact() > y.exact();
        }
        if (objective == Objective.EXACT && x.withinOne() != y.withinOne()) {
            return x.withinOne() > y.withinOne();
        }
        if (maeDiffers) {
            return ex < ey;
        }
        return parts(a.rule()) < parts(b.rule());
    }

    private static int parts(SkeletonCountRule.Settings s) {
        return (s.merge() ? 1 : 0) + (s.split() ? 1 : 0) + (s.orphans() ? 1 : 0);
    }

    static List<Detection> contain(List<Detection> boxes, double fraction) {
        RotatedBox[] b = boxes.stream().map(Detection::box).toArray(RotatedBox[]::new);
        int[] all = new int[b.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        List<Detection> out = new ArrayList<>();
        for (int i : ContainedBoxes.drop(b, all, fraction)) {
            out.add(boxes.get(i));
        }
        return out;
    }

    /** Thresholds from {@code from} to {@code to} in steps of {@code step}. */
    public static double[] grid(double from, double to, double step) {
        int n = (int) Math.floor((to - from) / step + 1e-9) + 1;
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = Math.round((from + i * step) * 1e6) / 1e6;
        }
        return g;
    }
}
