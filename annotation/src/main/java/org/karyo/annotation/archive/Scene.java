package org.karyo.annotation.archive;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The metaphase as the matcher sees it: the foreground (darker than Otsu's threshold between
 * chromosomes and background), its blobs with their main axes, and the grey values turned into
 * darkness ranks within the foreground (0 background .. 1 darkest). Ranks make the comparison
 * blind to the contrast stretch, gamma and brightness changes a karyogram export applies.
 */
final class Scene {

    /** A foreground blob with its moments: centroid, main-axis angle (degrees), elongation, length. */
    // numeric buffers passed on without copying or boxing; nothing compares these records by
    // value (ArrayRecordComponent's concern)
    @SuppressWarnings("ArrayRecordComponent")
    record Blob(
            int id,
            int[] pixels,
            double cx,
            double cy,
            double angle,
            double elongation,
            double length,
            boolean bridged) {
        int area() {
            return pixels.length;
        }

        /** The same pixels read as one chromosome broken by pale bands ({@link #bridged}). */
        Blob asBridged() {
            return new Blob(id, pixels, cx, cy, angle, elongation, length, true);
        }
    }

    final int width;
    final int height;
    final boolean[] fg;
    /** Darker than the paper by a little: the whole chromosomes, pale ends and halo included. */
    final boolean[] ink;
    /** Darker than halfway between the paper and the foreground threshold: where outlines lie. */
    final boolean[] mid;

    final float[] dark;
    /** The metaphase's grey values, and the paper's (the commonest grey). */
    final int[] grey;

    final int paper;
    final List<Blob> blobs;
    final int fgArea;
    final int skippedNuclei;

    private Scene(Scene s, List<Blob> blobs) {
        width = s.width;
        height = s.height;
        fg = s.fg;
        ink = s.ink;
        mid = s.mid;
        dark = s.dark;
        grey = s.grey;
        paper = s.paper;
        this.blobs = List.copyOf(blobs);
        fgArea = s.fgArea;
        skippedNuclei = s.skippedNuclei;
    }

    /**
     * The same image searched only where no chromosome has been placed: the foreground left
     * unclaimed, opened by a pixel so the rims around placed outlines do not count, in blobs.
     * Where a cluster is partly explained, the rest stands alone and gets its own main axis.
     */
    Scene unclaimed(boolean[] claimed) {
        boolean[] rest = new boolean[fg.length];
        for (int i = 0; i < fg.length; i++) {
            rest[i] = fg[i] && !claimed[i];
        }
        rest = dilate(erode(rest, width, height), width, height);
        List<Blob> bs = new ArrayList<>();
        for (Components.Blob b : Components.of(rest, width, height, 15)) {
            bs.add(moments(bs.size(), b.pixels(), width));
        }
        boolean[] restMid = new boolean[fg.length];
        boolean[] claimedGrown = dilate(claimed, width, height);
        for (int i = 0; i < fg.length; i++) {
            restMid[i] = mid[i] && !claimedGrown[i];
        }
        bs.addAll(bridged(bs, close(restMid, width, height), width, height));
        return new Scene(this, bs);
    }

    Scene(GreyImage img) {
        width = img.width();
        height = img.height();
        int[] g = img.pixels();
        int t = Math.min(otsu(g), 240);
        fg = new boolean[g.length];
        for (int i = 0; i < g.length; i++) {
            fg[i] = g[i] < t;
        }
        // the paper is the commonest grey; anything a little darker is ink, pale chromosome ends included
        grey = g;
        paper = mode(g);
        int inkT = paper - Math.max(6, (int) Math.round(0.3 * Math.max(0, paper - t)));
        ink = new boolean[g.length];
        for (int i = 0; i < g.length; i++) {
            ink[i] = g[i] < inkT;
        }
        dark = ranks(g, ink);
        mid = new boolean[g.length];
        int midT = (paper + t) / 2;
        for (int i = 0; i < g.length; i++) {
            mid[i] = g[i] < midT;
        }
        boolean[] closed = close(fg, width, height);
        List<Blob> bs = new ArrayList<>();
        for (Components.Blob b : Components.of(closed, width, height, 15)) {
            bs.add(moments(bs.size(), b.pixels(), width));
        }
        // pale chromosomes (out of focus, weakly stained) lie wholly above the foreground threshold:
        // the half-contrast components that hold no foreground pixel are blobs too
        for (Components.Blob b : Components.of(close(mid, width, height), width, height, 15)) {
            boolean hasFg = false;
            for (int p : b.pixels()) {
                if (closed[p]) {
                    hasFg = true;
                    break;
                }
            }
            if (!hasFg) {
                bs.add(moments(bs.size(), b.pixels(), width));
            }
        }
        int[] areas = bs.stream().mapToInt(Blob::area).sorted().toArray();
        int median = areas.length == 0 ? 0 : areas[areas.length / 2];
        List<Blob> kept = new ArrayList<>();
        int nuclei = 0;
        for (Blob b : bs) {
            if (b.area() > 8 * median && b.elongation() < 1.6) {
                nuclei++; // a large round blob: an interphase nucleus, not chromosomes
            } else {
                kept.add(new Blob(
                        kept.size(), b.pixels(), b.cx(), b.cy(), b.angle(), b.elongation(), b.length(), false));
            }
        }
        fgArea = kept.stream().mapToInt(Blob::area).sum(); // the chromosomes' area, nuclei left out
        kept.addAll(bridged(kept, close(mid, width, height), width, height));
        blobs = List.copyOf(kept);
        skippedNuclei = nuclei;
    }

    /**
     * Chromosomes broken by pale bands: a pale band can be lighter than the foreground threshold,
     * leaving a chromosome in two or three blobs none of which has its centre or its axis, so no
     * cut-out fits any piece well (and a small one fits a piece). Where one component of the
     * half-contrast level ({@code bridge}, closed) joins two or three blobs, their union is offered
     * as one more blob, marked {@link Blob#bridged}; the pieces stay blobs too, and which reading
     * is right is the matching's to say. (Requiring the band to span the pieces' width was tried:
     * it also refused chromosomes whose sister chromatids lie apart, joined only at the centromere,
     * and found fewer on the real cells.) Ids follow the given blobs'.
     */
    static List<Blob> bridged(List<Blob> parts, boolean[] bridge, int w, int h) {
        int[] owner = new int[w * h];
        Arrays.fill(owner, -1);
        for (int b = 0; b < parts.size(); b++) {
            for (int p : parts.get(b).pixels()) {
                owner[p] = b;
            }
        }
        List<Blob> out = new ArrayList<>();
        for (Components.Blob c : Components.of(bridge, w, h, 15)) {
            Set<Integer> ids = new TreeSet<>();
            for (int p : c.pixels()) {
                if (owner[p] >= 0) {
                    ids.add(owner[p]);
                }
            }
            if (ids.size() < 2 || ids.size() > MAX_BRIDGED) {
                continue;
            }
            int n = 0;
            for (int id : ids) {
                n += parts.get(id).area();
            }
            int[] px = new int[n];
            n = 0;
            for (int id : ids) {
                int[] q = parts.get(id).pixels();
                System.arraycopy(q, 0, px, n, q.length);
                n += q.length;
            }
            Arrays.sort(px);
            out.add(moments(parts.size() + out.size(), px, w).asBridged());
        }
        return out;
    }

    /** More pieces than this under one half-contrast component are a cluster, not one broken chromosome. */
    static final int MAX_BRIDGED = 3;

    static Blob moments(int id, int[] px, int w) {
        double sx = 0, sy = 0;
        for (int p : px) {
            int row = p / w;
            sx += p % w;
            sy += row;
        }
        double cx = sx / px.length, cy = sy / px.length;
        double xx = 0, yy = 0, xy = 0;
        for (int p : px) {
            int row = p / w;
            double dx = p % w - cx, dy = row - cy;
            xx += dx * dx;
            yy += dy * dy;
            xy += dx * dy;
        }
        xx /= px.length;
        yy /= px.length;
        xy /= px.length;
        double common = Math.sqrt((xx - yy) * (xx - yy) / 4 + xy * xy);
        double l1 = (xx + yy) / 2 + common, l2 = Math.max(1e-6, (xx + yy) / 2 - common);
        double angle = Math.toDegrees(0.5 * Math.atan2(2 * xy, xx - yy));
        return new Blob(id, px, cx, cy, angle, Math.sqrt(l1 / l2), 4 * Math.sqrt(l1), false);
    }

    /** Darkness rank within the mask: 1/n .. 1 for the palest .. darkest pixel, 0 outside. */
    static float[] ranks(int[] grey, boolean[] mask) {
        int[] hist = new int[256];
        int n = 0;
        for (int i = 0; i < grey.length; i++) {
            if (mask[i]) {
                hist[grey[i]]++;
                n++;
            }
        }
        float[] lut = new float[256];
        int below = 0; // pixels lighter than v count as paler
        for (int v = 255; v >= 0; v--) {
            lut[v] = n == 0 ? 0 : (below + hist[v] * 0.5f) / n;
            below += hist[v];
        }
        float[] out = new float[grey.length];
        for (int i = 0; i < grey.length; i++) {
            out[i] = mask[i] ? lut[grey[i]] : 0f;
        }
        return out;
    }

    static int mode(int[] g) {
        int[] hist = new int[256];
        for (int v : g) {
            hist[v]++;
        }
        int best = 255;
        for (int v = 0; v < 256; v++) {
            if (hist[v] > hist[best]) {
                best = v;
            }
        }
        return best;
    }

    static int otsu(int[] g) {
        int[] hist = new int[256];
        for (int v : g) {
            hist[v]++;
        }
        long total = g.length, sum = 0;
        for (int v = 0; v < 256; v++) {
            sum += (long) v * hist[v];
        }
        long wB = 0, sumB = 0;
        double best = -1;
        int t = 128;
        for (int v = 0; v < 256; v++) {
            wB += hist[v];
            if (wB == 0) {
                continue;
            }
            long wF = total - wB;
            if (wF == 0) {
                break;
            }
            sumB += (long) v * hist[v];
            double mB = (double) sumB / wB, mF = (double) (sum - sumB) / wF;
            double between = (double) wB * wF * (mB - mF) * (mB - mF);
            if (between > best) {
                best = between;
                t = v + 1;
            }
        }
        return t;
    }

    static boolean[] close(boolean[] m, int w, int h) {
        return erode(dilate(m, w, h), w, h);
    }

    static boolean[] dilate(boolean[] m, int w, int h) {
        boolean[] out = new boolean[m.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (!m[y * w + x]) {
                    continue;
                }
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int xx = x + dx, yy = y + dy;
                        if (xx >= 0 && yy >= 0 && xx < w && yy < h) {
                            out[yy * w + xx] = true;
                        }
                    }
                }
            }
        }
        return out;
    }

    static boolean[] erode(boolean[] m, int w, int h) {
        boolean[] inv = new boolean[m.length];
        for (int i = 0; i < m.length; i++) {
            inv[i] = !m[i];
        }
        boolean[] d = dilate(inv, w, h);
        boolean[] out = new boolean[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = !d[i];
        }
        return out;
    }

    /**
     * Where an outline may lie: darker than halfway between the paper and the foreground threshold
     * (a blurred edge's middle). Which level: -Dkaryo.archive.outline=ink|mid|fg (default mid).
     */
    boolean[] outlineMask() {
        return switch (System.getProperty("karyo.archive.outline", "mid")) {
            case "ink" -> dilate(ink, width, height);
            case "fg" -> fg;
            default -> mid;
        };
    }

    float darkAt(int x, int y) {
        return x < 0 || y < 0 || x >= width || y >= height ? 0f : dark[y * width + x];
    }

    boolean fgAt(int x, int y) {
        return x >= 0 && y >= 0 && x < width && y < height && fg[y * width + x];
    }

    static int[] sortedCopy(int[] a) {
        int[] c = a.clone();
        Arrays.sort(c);
        return c;
    }
}
