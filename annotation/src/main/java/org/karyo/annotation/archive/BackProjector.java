package org.karyo.annotation.archive;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.karyo.annotation.Vertex;
import org.karyo.annotation.mask.BinaryMask;
import org.karyo.annotation.mask.OutlineTracer;
import org.karyo.core.image.OpenCv;

/**
 * Projects a karyogram back onto its metaphase. One scale for the whole pair: a first guess from
 * the ink areas, then fitted by matching the largest cut-outs over a range of scales (the area
 * ratio alone varies 1.35-2.04 within one case). Every cut-out is then searched over the
 * foreground blobs ({@link Matcher}); the places are grouped into sites and the cut-outs assigned
 * to sites all at once (Hungarian, maximising correlation plus outline fit), so a small
 * chromosome cannot take a piece of a long one that fits it well locally; two chosen places that
 * overlap by more than {@value #MAX_SHARED} of the smaller are not both kept: each of the two is
 * tried giving way, the assignment solved again, and the better whole kept.
 */
public final class BackProjector {

    static final double MAX_SHARED = 0.3;
    /** A cut-out worth less than this everywhere is better left not found than placed anywhere. */
    static final double MIN_VALUE = 0.3;
    /** A place is trusted (FOUND) with at least this correlation and outline fit; else DOUBTFUL. */
    static final double MIN_NCC = 0.6, MIN_FIT = 0.85, MIN_FG = 0.6, AMBIGUITY = 0.03;
    /**
     * The karyogram is taken to belong to the metaphase when three quarters of its placed
     * chromosomes correlate at least this well ({@link BackProjection#lowerQuartileScore}) and
     * enough of them are placed. The lower quartile, not the median: a cut-out of another cell still
     * finds a look-alike somewhere, so the median of a mismatched pair comes close to that of a
     * true one (composed spreads: mismatched up to 0.81, true down to 0.80), but a quarter of its
     * cut-outs find nothing good: lower quartile at most 0.71 for mismatched pairs against at least
     * 0.76 for true ones (24 composed pairs of each kind, seeds 7, 21 and 63; docs/archive.md
     * "Fresh composed spreads"). The outline fit no longer decides: in crowded composed
     * spreads true pairs fell to 0.82-0.89, the range of mismatched ones, and were refused.
     */
    public static final double CELL_MIN_LOWER_QUARTILE = 0.74;

    /**
     * ... and when three quarters of the placed chromosomes of the longer half (cut-outs at least as
     * large as the median one) correlate at least this well. A long chromosome carries many bands,
     * and another cell's look-alike matches them worse: after the assignment's conflicts were
     * resolved both ways, a mismatched composed pair reached a lower quartile of 0.742 and was
     * accepted, while its longer half stood at 0.64. Chosen midway on composed seeds 7, 21 and 63
     * (24 pairs of each kind: mismatched at most 0.687, true at least 0.738); seeds 96 and 151, seen
     * before: mismatched at most 0.701, true at least 0.790 (docs/archive.md, "Conflicts in the
     * assignment").
     */
    public static final double CELL_MIN_LONGER_QUARTILE = 0.71;

    public static final double CELL_MIN_FOUND = 0.6;

    /** How far from the area estimate a scale fit at the grid's end is followed (times the estimate). */
    static final double SCALE_FOLLOW_MIN = 0.4, SCALE_FOLLOW_MAX = 2.5;

    /** The cut-outs (the largest) whose fit scores a scale. */
    static final int SCALE_PROBES = 4;

    /** The scale grid: 0.5-1.5 times the area estimate, in steps of 6 % (geometric). */
    static final double SCALE_GRID_MIN = 0.5, SCALE_GRID_MAX = 1.5, SCALE_GRID_STEP = 1.06;

    private BackProjector() {}

    public static BackProjection project(GreyImage metaphase, Karyogram k) throws ArchiveException {
        return project(metaphase, k, () -> false);
    }

    /**
     * As {@link #project(GreyImage, Karyogram)}, asking {@code cancelled} before each cut-out's
     * search (a pair takes seconds; a person who cancels should not wait for it to finish).
     *
     * @throws CancellationException when {@code cancelled} said so
     */
    public static BackProjection project(GreyImage metaphase, Karyogram k, BooleanSupplier cancelled)
            throws ArchiveException {
        OpenCv.ensureLoaded();
        if (k.cutOuts().isEmpty()) {
            throw new ArchiveException("the karyogram holds no chromosomes");
        }
        Scene scene = new Scene(metaphase);
        if (scene.fgArea < 100) {
            throw new ArchiveException("the metaphase image is blank (no chromosomes)");
        }
        float[][] darks = karyogramDarkness(k);
        List<String> notes = new ArrayList<>(k.notes());
        double s0 = areaGuess(scene, k);
        Matcher matcher = new Matcher(scene, Matcher.FIRST_PASS_STEP);
        stopIf(cancelled);
        double scale = fitScale(k, darks, s0, matcher, cancelled);
        List<Model> models = new ArrayList<>();
        for (int i = 0; i < k.cutOuts().size(); i++) {
            models.add(new Model(i, k.cutOuts().get(i), darks[i], scale, k.bodyThreshold()));
        }
        List<List<Matcher.Candidate>> perCut = new ArrayList<>();
        models.forEach(m -> perCut.add(null));
        IntStream.range(0, models.size()).parallel().forEach(i -> {
            stopIf(cancelled);
            perCut.set(i, matcher.search(models.get(i), true));
        });
        Matcher.Candidate[] chosen = new Matcher.Candidate[models.size()];
        List<Placement> placements = new ArrayList<>(Assignment.assign(models, perCut, scene, chosen));
        for (int pass = 0; pass < 2; pass++) { // each pass claims more, leaving the rest standing alone
            stopIf(cancelled);
            secondPass(models, placements, chosen, scene, cancelled);
        }
        fitAmongNeighbours(models, placements, chosen, scene);
        double[] scores = placements.stream()
                .filter(Placement::placed)
                .mapToDouble(Placement::score)
                .sorted()
                .toArray();
        double median = scores.length == 0 ? 0 : scores[scores.length / 2];
        double[] fits = placements.stream()
                .filter(Placement::placed)
                .mapToDouble(Placement::fit)
                .sorted()
                .toArray();
        double medianFit = fits.length == 0 ? 0 : fits[fits.length / 2];
        double lowerQuartile = BackProjection.quantile(scores, 0.25);
        double longerQuartile = longerHalfLowerQuartile(k, placements);
        long found = placements.stream().filter(Placement::placed).count();
        String refusal = null;
        if (lowerQuartile < CELL_MIN_LOWER_QUARTILE
                || longerQuartile < CELL_MIN_LONGER_QUARTILE
                || found < CELL_MIN_FOUND * placements.size()) {
            refusal = String.format(
                    java.util.Locale.ROOT,
                    "the karyogram does not match this metaphase "
                            + "(%d of %d chromosomes placed, a quarter of them correlating below %.2f, a quarter of the"
                            + " longer half below %.2f, median correlation %.2f, median outline fit %.2f):"
                            + " is it the karyogram of another cell?",
                    found,
                    placements.size(),
                    lowerQuartile,
                    longerQuartile,
                    median,
                    medianFit);
        }
        return new BackProjection(
                metaphase.width(), metaphase.height(), scale, placements, median, longerQuartile, refusal, notes);
    }

    /** The lower quartile of the scores of the placed chromosomes whose cut-outs are at least the median size. */
    static double longerHalfLowerQuartile(Karyogram k, List<Placement> placements) {
        int[] areas = k.cutOuts().stream().mapToInt(CutOut::area).sorted().toArray();
        int half = areas[areas.length / 2];
        double[] longer = IntStream.range(0, placements.size())
                .filter(i -> placements.get(i).placed() && k.cutOuts().get(i).area() >= half)
                .mapToDouble(i -> placements.get(i).score())
                .sorted()
                .toArray();
        return BackProjection.quantile(longer, 0.25);
    }

    /**
     * The chromosomes not placed (or placed with doubt) are searched again in the foreground that
     * the placed ones leave unclaimed, and assigned among themselves; a new place is taken when it
     * is found outright.
     */
    private static void secondPass(
            List<Model> models,
            List<Placement> placements,
            Matcher.Candidate[] chosen,
            Scene scene,
            BooleanSupplier cancelled) {
        boolean[] claimed = new boolean[scene.fg.length];
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < placements.size(); i++) {
            if (placements.get(i).status() == Placement.Status.FOUND && chosen[i] != null) {
                for (int p : chosen[i].footprint()) {
                    claimed[p] = true;
                }
            } else {
                open.add(i);
            }
        }
        if (open.isEmpty()) {
            return;
        }
        Scene rest = scene.unclaimed(claimed);
        Matcher matcher = new Matcher(rest);
        List<Model> sub = new ArrayList<>();
        List<List<Matcher.Candidate>> perCut = new ArrayList<>();
        for (int j = 0; j < open.size(); j++) {
            Model m = models.get(open.get(j));
            Model renumbered = m.renumbered(j);
            sub.add(renumbered);
            perCut.add(null);
        }
        IntStream.range(0, sub.size()).parallel().forEach(j -> {
            stopIf(cancelled);
            perCut.set(j, matcher.search(sub.get(j), true));
        });
        Matcher.Candidate[] again = new Matcher.Candidate[sub.size()];
        List<Placement> second = Assignment.assign(sub, perCut, rest, again);
        for (int j = 0; j < open.size(); j++) {
            Placement was = placements.get(open.get(j));
            Placement now = second.get(j);
            if (rank(now.status()) < rank(was.status())) {
                placements.set(open.get(j), now);
                chosen[open.get(j)] = again[j];
            }
        }
    }

    /**
     * A chromosome doubted only for its outline fit is judged again with its neighbours left out:
     * the fit expects paper around the cut-out, but where another placed chromosome touches or
     * crosses it there is none (crowded cells, and exports whose cut-outs carry a pale halo at
     * scale near 1 lose most of their trusted places this way). Trusted when it then fits.
     */
    static void fitAmongNeighbours(
            List<Model> models, List<Placement> placements, Matcher.Candidate[] chosen, Scene scene) {
        int n = placements.size();
        int[][] region = new int[n][];
        for (int i = 0; i < n; i++) {
            region[i] = chosen[i] == null || !placements.get(i).placed()
                    ? new int[0]
                    : Assignment.whole(models.get(i), chosen[i], scene);
        }
        Matcher matcher = new Matcher(scene);
        for (int i = 0; i < n; i++) {
            Placement p = placements.get(i);
            Matcher.Candidate c = chosen[i];
            if (p.status() != Placement.Status.DOUBTFUL
                    || c == null
                    || c.ncc() < MIN_NCC
                    || c.fgFraction() < MIN_FG
                    || c.ringNcc() >= MIN_FIT) {
                continue;
            }
            boolean[] others = new boolean[scene.width * scene.height];
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    for (int q : region[j]) {
                        others[q] = true;
                    }
                }
            }
            others = Scene.dilate(others, scene.width, scene.height);
            double alone = matcher.ringNccAlone(models.get(i).at(c.degrees(), c.mirror()), c.x(), c.y(), others);
            if (alone >= MIN_FIT) {
                placements.set(
                        i,
                        new Placement(
                                p.label(),
                                p.slot(),
                                p.outline(),
                                p.score(),
                                alone,
                                p.degrees(),
                                p.mirror(),
                                Placement.Status.FOUND));
            }
        }
    }

    private static void stopIf(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("back-projection cancelled");
        }
    }

    private static int rank(Placement.Status s) {
        return switch (s) { // FOUND best, NOT_FOUND worst
            case FOUND -> 0;
            case AMBIGUOUS -> 1;
            case DOUBTFUL -> 2;
            case NOT_FOUND -> 3;
        };
    }

    /** Darkness ranks of the karyogram's chromosome pixels, as {@link Scene} ranks the metaphase. */
    static float[][] karyogramDarkness(Karyogram k) {
        int[] hist = new int[256];
        int n = 0;
        for (CutOut c : k.cutOuts()) {
            for (int i = 0; i < c.grey().length; i++) {
                if (c.mask()[i]) {
                    hist[c.grey()[i]]++;
                    n++;
                }
            }
        }
        float[] lut = new float[256];
        int below = 0;
        for (int v = 255; v >= 0; v--) {
            lut[v] = n == 0 ? 0 : (below + hist[v] * 0.5f) / n;
            below += hist[v];
        }
        float[][] out = new float[k.cutOuts().size()][];
        for (int j = 0; j < out.length; j++) {
            CutOut c = k.cutOuts().get(j);
            out[j] = new float[c.grey().length];
            for (int i = 0; i < c.grey().length; i++) {
                out[j][i] = c.mask()[i] ? lut[c.grey()[i]] : 0f;
            }
        }
        return out;
    }

    /**
     * The first guess of the scale (metaphase pixels per karyogram pixel): the square root of the
     * metaphase's foreground area over the karyogram's ink. Nuclei and debris in the metaphase
     * count as ink too, so {@link #fitScale} searches widely around it.
     */
    static double areaGuess(Scene scene, Karyogram k) {
        int inkArea = 0;
        for (CutOut c : k.cutOuts()) {
            for (int i = 0; i < c.grey().length; i++) {
                inkArea += c.mask()[i] && c.grey()[i] < k.bodyThreshold() ? 1 : 0;
            }
        }
        return Math.sqrt((double) scene.fgArea / inkArea);
    }

    /** The indices of the {@code n} largest cut-outs (fewer when the karyogram holds fewer), largest first. */
    static int[] largest(Karyogram k, int n) {
        return IntStream.range(0, k.cutOuts().size())
                .boxed()
                .sorted(Comparator.comparingInt(i -> -k.cutOuts().get(i).area()))
                .limit(n)
                .mapToInt(Integer::intValue)
                .toArray();
    }

    /** How well the cut-outs {@code probes} fit at scale {@code s}: the mean of their best places' values. */
    static double scaleScore(Karyogram k, float[][] darks, int[] probes, double s, Matcher matcher) {
        return Arrays.stream(probes)
                        .parallel()
                        .mapToDouble(i -> {
                            Model m = new Model(i, k.cutOuts().get(i), darks[i], s, k.bodyThreshold());
                            return matcher.search(m, false, true).stream()
                                    .mapToDouble(Matcher.Candidate::value)
                                    .max()
                                    .orElse(0);
                        })
                        .sum()
                / probes.length;
    }

    /** The scale at which the largest cut-outs find their best places, searched around the area guess. */
    static double fitScale(Karyogram k, float[][] darks, double s0, Matcher matcher, BooleanSupplier cancelled) {
        int[] probes = largest(k, SCALE_PROBES);
        java.util.function.DoubleUnaryOperator score = s -> {
            stopIf(cancelled);
            return scaleScore(k, darks, probes, s, matcher);
        };
        // the score peaks sharply: a template fits only within about 5 % of the true scale (composed
        // seed 162 spread 0: 0.80-0.82 at 0.70-0.75 times the guess, 0.43-0.58 everywhere else), so the
        // grid is fine (6 % steps, a geometric series) and wide: 0.5-1.5 times the area guess. The
        // guess itself can be far off: interphase nuclei cut by the image's edge are not round and
        // count as ink (that spread's guess was 1.38 times the truth, fitted at 1.17 by a grid of
        // 0.8-1.2 times the guess, and its own karyogram refused)
        int steps = 1 + (int) Math.round(Math.log(SCALE_GRID_MAX / SCALE_GRID_MIN) / Math.log(SCALE_GRID_STEP));
        double[] grid = new double[steps];
        double[] scores = new double[steps];
        int at = 0;
        for (int i = 0; i < steps; i++) {
            grid[i] = s0 * SCALE_GRID_MIN * Math.pow(SCALE_GRID_STEP, i);
            scores[i] = score.applyAsDouble(grid[i]);
            at = scores[i] > scores[at] ? i : at;
        }
        double best = grid[at], bestScore = scores[at];
        // a best score at the grid's end is followed on outwards, as far as 0.4-2.5 times the guess
        if (at == 0 || at == steps - 1) {
            double factor = at == 0 ? 1 / SCALE_GRID_STEP : SCALE_GRID_STEP;
            for (double s = best * factor; s >= SCALE_FOLLOW_MIN * s0 && s <= SCALE_FOLLOW_MAX * s0; s *= factor) {
                double v = score.applyAsDouble(s);
                if (v <= bestScore) {
                    break;
                }
                best = s;
                bestScore = v;
            }
        }
        // then finer, as the grid was: +-3 %, then +-1.5 % around the better
        for (double step : new double[] {0.03, 0.015}) {
            double centre = best;
            for (double s : new double[] {centre * (1 - step), centre * (1 + step)}) {
                double v = score.applyAsDouble(s);
                if (v > bestScore) {
                    bestScore = v;
                    best = s;
                }
            }
        }
        return best;
    }

    /** The chosen footprint within the (slightly grown) foreground, traced as a polygon. */
    static List<Vertex> outline(int[] footprint, Scene scene, boolean[] grownFg) {
        int w = scene.width;
        int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = -1, y1 = -1;
        for (int p : footprint) {
            x0 = Math.min(x0, p % w);
            x1 = Math.max(x1, p % w);
            y0 = Math.min(y0, p / w);
            y1 = Math.max(y1, p / w);
        }
        if (x1 < 0) {
            return List.of();
        }
        int bw = x1 - x0 + 1, bh = y1 - y0 + 1;
        boolean[] on = new boolean[bw * bh];
        for (int p : footprint) {
            if (grownFg[p]) {
                on[(p / w - y0) * bw + p % w - x0] = true;
            }
        }
        Components.Blob big = largest(on, bw, bh);
        if (big == null) {
            return List.of();
        }
        if (!"mid".equals(System.getProperty("karyo.archive.outline", "edge"))) {
            Components.Blob edge = largest(atEdge(footprint, on, scene, x0, y0, bw, bh), bw, bh);
            // a pale band across the chromosome can split it at its own edge level: keep the wider outline then
            if (edge != null && edge.area() >= 0.7 * big.area()) {
                big = edge;
            }
        }
        boolean[] only = new boolean[bw * bh];
        for (int p : big.pixels()) {
            only[p] = true;
        }
        fillPinches(only, bw, bh);
        BinaryMask m = new BinaryMask(x0, y0, bw, bh);
        for (int i = 0; i < only.length; i++) {
            if (only[i]) {
                m.set(x0 + i % bw, y0 + i / bw, true);
            }
        }
        return OutlineTracer.trace(m);
    }

    private static Components.Blob largest(boolean[] on, int w, int h) {
        return Components.of(on, w, h, 1).stream()
                .max(Comparator.comparingInt(Components.Blob::area))
                .orElse(null);
    }

    /**
     * The chromosome within its own edge: an edge is where the grey value is halfway between the
     * paper and the chromosome (the middle of a blurred step), so the level is this chromosome's:
     * halfway between the paper and the median grey of its pixels. The image-wide half-contrast
     * level the search uses lies further out and made every outline about 10 % too large (measured
     * on the composed cells against their truth). Closed by a pixel so pale bands do not notch it.
     */
    private static boolean[] atEdge(int[] footprint, boolean[] on, Scene scene, int x0, int y0, int bw, int bh) {
        int w = scene.width;
        int[] vals = new int[footprint.length];
        int n = 0;
        for (int p : footprint) {
            if (on[(p / w - y0) * bw + p % w - x0]) {
                vals[n++] = scene.grey[p];
            }
        }
        boolean[] edge = new boolean[bw * bh];
        if (n == 0) {
            return edge;
        }
        Arrays.sort(vals, 0, n);
        double level = (scene.paper + vals[n / 2]) / 2.0;
        for (int p : footprint) {
            int i = (p / w - y0) * bw + p % w - x0;
            edge[i] = on[i] && scene.grey[p] < level;
        }
        boolean[] closed = Scene.close(edge, bw, bh);
        for (int i = 0; i < edge.length; i++) {
            edge[i] = (edge[i] || closed[i]) && on[i];
        }
        return edge;
    }

    /**
     * Fills one pixel of every diagonal-only contact (a 2x2 window holding two opposite pixels):
     * traced along pixel edges, such a pinch makes the outline touch itself, which a polygon
     * must not (PolygonChecks).
     */
    static void fillPinches(boolean[] on, int w, int h) {
        boolean changed = true;
        for (int round = 0; changed && round < 8; round++) {
            changed = false;
            for (int y = 0; y + 1 < h; y++) {
                for (int x = 0; x + 1 < w; x++) {
                    int i = y * w + x;
                    boolean a = on[i], b = on[i + 1], c = on[i + w], d = on[i + w + 1];
                    if (a && d && !b && !c) {
                        on[i + 1] = true;
                        changed = true;
                    } else if (b && c && !a && !d) {
                        on[i] = true;
                        changed = true;
                    }
                }
            }
        }
    }
}
