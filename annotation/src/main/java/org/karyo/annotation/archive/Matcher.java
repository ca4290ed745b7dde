package org.karyo.annotation.archive;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Finds where a cut-out can stand in the metaphase. The search is restricted to foreground blobs:
 * on a blob of about one chromosome's size the turn is tried around the blob's main axis (either
 * way up, mirrored or not, +-15 degrees for bending) near its centroid; on a larger blob (touching
 * or overlapping chromosomes) every 12 degrees, 6 when searched again (and finer along the blob's axis) over a grid of a
 * third of the chromosome's width. Blobs include the pieces of a chromosome broken by pale bands
 * read as one ({@link Scene#bridged}). Coarse scores use a quarter of the template's points; the best places are then climbed to 1 degree and 1 pixel.
 */
final class Matcher {

    /** A place for a cut-out: its turn, mirror and centroid in metaphase pixels, and how well it fits. */
    // numeric buffers passed on without copying or boxing; nothing compares these records by
    // value (ArrayRecordComponent's concern)
    @SuppressWarnings("ArrayRecordComponent")
    record Candidate(
            int cut,
            int blob,
            int degrees,
            boolean mirror,
            int x,
            int y,
            double ncc,
            double ringNcc,
            double fgFraction,
            double shapeFit,
            int[] footprint) {
        /** Correlation within the body, and with the ring of paper around the cut-out (the outline's fit). */
        double value() {
            return 0.6 * ncc + 0.4 * ringNcc;
        }
    }

    /**
     * Places kept per cluster blob and cut-out: at least {@value #KEEP}, more in a larger cluster
     * ({@value #KEEP_PER} per chromosome of this size the blob could hold): in a cluster of many
     * chromosomes, six places per cut-out can all lie on its other chromosomes.
     */
    static final int KEEP = 6;

    static final double KEEP_PER = 1.5;
    /**
     * Turns tried on a cluster blob (besides those along its axis), degrees: {@value
     * #FIRST_PASS_STEP} when every cut-out is searched over the whole metaphase, {@value
     * #CLUSTER_STEP} when the chromosomes not trusted are searched again in what the trusted ones
     * leave (fewer cut-outs, smaller blobs: the finer turns find the crossing and touching ones
     * there, and cost a fraction of what they would in the first pass).
     */
    static final int CLUSTER_STEP = 6;

    static final int FIRST_PASS_STEP = 12;

    private final Scene scene;
    private final int clusterStep;

    Matcher(Scene scene) {
        this(scene, CLUSTER_STEP);
    }

    /** {@code clusterStep}: the turns tried on a cluster blob, degrees. */
    Matcher(Scene scene, int clusterStep) {
        this.scene = scene;
        this.clusterStep = clusterStep;
    }

    double ncc(Template t, int cx, int cy, boolean coarse) {
        return ncc(coarse ? t.cdx : t.dx, coarse ? t.cdy : t.dy, coarse ? t.cv : t.v, cx, cy);
    }

    /** Correlation over the body and the ring of paper expected around the cut-out. */
    double ringNcc(Template t, int cx, int cy) {
        Template.Outline o = t.outline();
        return ncc(o.rdx(), o.rdy(), o.rv(), cx, cy);
    }

    /**
     * The outline fit where no other chromosome stands: the samples on pixels {@code others}
     * marks are left out (where a neighbour touches or crosses, there is no paper to expect around
     * this cut-out, and its darkness is not this one's). The full fit when less than half is left.
     */
    double ringNccAlone(Template t, int cx, int cy, boolean[] others) {
        Template.Outline o = t.outline();
        int n = o.rdx().length, w = scene.width, h = scene.height;
        float[] tv = new float[n], iv = new float[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            int x = cx + o.rdx()[i], y = cy + o.rdy()[i];
            if (x >= 0 && y >= 0 && x < w && y < h && !others[y * w + x]) {
                tv[k] = o.rv()[i];
                iv[k++] = scene.dark[y * w + x];
            }
        }
        if (k < Math.max(4, n / 2)) {
            return ringNcc(t, cx, cy);
        }
        return correlation(tv, iv, k);
    }

    /** Pearson correlation of the first {@code n} values of a and b. */
    static double correlation(float[] a, float[] b, int n) {
        double sa = 0, sb = 0;
        for (int i = 0; i < n; i++) {
            sa += a[i];
            sb += b[i];
        }
        double ma = sa / n, mb = sb / n, sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < n; i++) {
            double da = a[i] - ma, db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return saa <= 1e-12 || sbb <= 1e-12 ? 0 : sab / Math.sqrt(saa * sbb);
    }

    private double ncc(int[] dx, int[] dy, float[] v, int cx, int cy) {
        int n = dx.length;
        if (n < 4) {
            return 0;
        }
        double si = 0, sii = 0, sit = 0;
        int w = scene.width, h = scene.height;
        float[] dark = scene.dark;
        for (int i = 0; i < n; i++) {
            int x = cx + dx[i], y = cy + dy[i];
            if (x >= 0 && y >= 0 && x < w && y < h) {
                float d = dark[y * w + x];
                si += d;
                sii += d * d;
                sit += d * v[i];
            }
        }
        double var = sii - si * si / n;
        return var <= 1e-9 ? 0 : sit / Math.sqrt(var);
    }

    private record Coarse(int blob, int deg, boolean mirror, int x, int y, double score) {}

    /** The best places of this cut-out: one per blob of a chromosome's size, several per larger blob. */
    List<Candidate> search(Model m, boolean refine) {
        return search(m, refine, false);
    }

    /** As {@link #search(Model, boolean)}; {@code singlesOnly} skips the blobs larger than this chromosome. */
    List<Candidate> search(Model m, boolean refine, boolean singlesOnly) {
        List<Coarse> found = new ArrayList<>();
        // a third of the chromosome's width: a coarser grid lands beside a long chromosome, on its neighbour
        int grid = Math.max(2, (int) Math.round(m.area / Math.max(1, m.length) / 3));
        for (Scene.Blob b : scene.blobs) {
            if (b.area() < 0.45 * m.area) {
                continue;
            }
            boolean single = b.area() <= 1.7 * m.area && b.length() <= 1.5 * m.length;
            if (!single && singlesOnly) {
                continue;
            }
            List<Coarse> here = new ArrayList<>();
            for (boolean mirror : new boolean[] {false, true}) {
                int[] angles = single && b.elongation() >= 1.4 && m.elongation >= 1.4
                        ? axisAngles(b.angle(), m.axis, mirror, singlesOnly ? 6 : 15)
                        : single ? everyStep(6) : clusterAngles(b, m, mirror);
                for (int deg : angles) {
                    Template t = m.at(deg, mirror);
                    if (single) {
                        int x0 = (int) Math.round(b.cx()), y0 = (int) Math.round(b.cy());
                        for (int oy = -4; oy <= 4; oy += 2) {
                            for (int ox = -4; ox <= 4; ox += 2) {
                                here.add(new Coarse(
                                        b.id(), deg, mirror, x0 + ox, y0 + oy, ncc(t, x0 + ox, y0 + oy, true)));
                            }
                        }
                    } else {
                        for (int p : b.pixels()) {
                            int x = p % scene.width, y = p / scene.width;
                            if (x % grid == 0 && y % grid == 0) {
                                here.add(new Coarse(b.id(), deg, mirror, x, y, ncc(t, x, y, true)));
                            }
                        }
                    }
                }
            }
            here.sort(Comparator.comparingDouble(Coarse::score).reversed());
            int keep = single ? 1 : Math.max(KEEP, (int) Math.round(KEEP_PER * b.area() / m.area));
            List<Coarse> kept = new ArrayList<>();
            for (Coarse c : here) {
                boolean far = kept.stream().allMatch(k -> Math.hypot(k.x - c.x, k.y - c.y) > 0.4 * m.length);
                if (far) {
                    kept.add(c);
                    if (kept.size() == keep) {
                        break;
                    }
                }
            }
            found.addAll(kept);
        }
        List<Candidate> out = new ArrayList<>();
        for (Coarse c : found) {
            out.add(
                    refine
                            ? climb(m, c)
                            : new Candidate(
                                    m.index,
                                    c.blob,
                                    c.deg,
                                    c.mirror,
                                    c.x,
                                    c.y,
                                    c.score,
                                    ringNcc(m.at(c.deg, c.mirror), c.x, c.y),
                                    0,
                                    0,
                                    null));
        }
        return out;
    }

    private Candidate climb(Model m, Coarse c) {
        int deg = c.deg, x = c.x, y = c.y;
        double best = ncc(m.at(deg, c.mirror), x, y, false);
        boolean moved = true;
        int steps = 0;
        while (moved && steps++ < 40) {
            moved = false;
            for (int dd = -2; dd <= 2; dd++) {
                Template t = m.at(deg + dd, c.mirror);
                for (int oy = -1; oy <= 1; oy++) {
                    for (int ox = -1; ox <= 1; ox++) {
                        if (dd == 0 && ox == 0 && oy == 0) {
                            continue;
                        }
                        double s = ncc(t, x + ox, y + oy, false);
                        if (s > best + 1e-9) {
                            best = s;
                            deg += dd;
                            x += ox;
                            y += oy;
                            moved = true;
                            break;
                        }
                    }
                    if (moved) {
                        break;
                    }
                }
                if (moved) {
                    break;
                }
            }
        }
        return withFit(m, c.blob, Math.floorMod(deg, 360), c.mirror, x, y, best);
    }

    Candidate withFit(Model m, int blob, int deg, boolean mirror, int x, int y, double ncc) {
        Template t = m.at(deg, mirror);
        int w = scene.width, h = scene.height;
        int[] fp = new int[t.fdx.length];
        int n = 0, on = 0;
        int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = Integer.MIN_VALUE, y1 = Integer.MIN_VALUE;
        for (int i = 0; i < t.fdx.length; i++) {
            int px = x + t.fdx[i], py = y + t.fdy[i];
            if (px < 0 || py < 0 || px >= w || py >= h) {
                continue;
            }
            fp[n++] = py * w + px;
            on += scene.mid[py * w + px] ? 1 : 0;
            x0 = Math.min(x0, px);
            y0 = Math.min(y0, py);
            x1 = Math.max(x1, px);
            y1 = Math.max(y1, py);
        }
        fp = Arrays.copyOf(fp, n);
        Arrays.sort(fp);
        int fgWindow = 0;
        if (n > 0) {
            for (int py = Math.max(0, y0 - 3); py <= Math.min(h - 1, y1 + 3); py++) {
                for (int px = Math.max(0, x0 - 3); px <= Math.min(w - 1, x1 + 3); px++) {
                    fgWindow += scene.mid[py * w + px] ? 1 : 0;
                }
            }
        }
        double fgFraction = n == 0 ? 0 : (double) on / t.fdx.length;
        double union = t.fdx.length + fgWindow - on;
        double shape = union <= 0 ? 0 : on / union;
        return new Candidate(m.index, blob, deg, mirror, x, y, ncc, ringNcc(t, x, y), fgFraction, shape, fp);
    }

    /** Turns that lay the model's axis on the blob's, either way up, +-range in 3-degree steps (shared templates). */
    private static int[] axisAngles(double blobAxis, double modelAxis, boolean mirror, int range) {
        double base = mirror ? blobAxis - 180 + modelAxis : blobAxis - modelAxis;
        int per = 2 * (range / 3) + 1;
        int[] out = new int[2 * per];
        int i = 0;
        int b3 = 3 * (int) Math.round(base / 3);
        for (int flip = 0; flip < 2; flip++) {
            for (int d = -range; d <= range; d += 3) {
                out[i++] = b3 + 180 * flip + d;
            }
        }
        return out;
    }

    /** Every {@value #CLUSTER_STEP} degrees, and finer along the blob's main axis (bundles of parallel long chromosomes). */
    private int[] clusterAngles(Scene.Blob b, Model m, boolean mirror) {
        int[] coarse = everyStep(clusterStep);
        if (b.elongation() < 1.4 || m.elongation < 1.4) {
            return coarse;
        }
        int[] axis = axisAngles(b.angle(), m.axis, mirror, 9);
        int[] out = Arrays.copyOf(coarse, coarse.length + axis.length);
        System.arraycopy(axis, 0, out, coarse.length, axis.length);
        return out;
    }

    private static int[] everyStep(int step) {
        int[] out = new int[360 / step];
        for (int i = 0; i < out.length; i++) {
            out[i] = step * i;
        }
        return out;
    }

    static int overlap(int[] a, int[] b) {
        int i = 0, j = 0, n = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                n++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return n;
    }
}
