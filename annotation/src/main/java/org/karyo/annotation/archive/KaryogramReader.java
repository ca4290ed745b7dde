package org.karyo.annotation.archive;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.karyo.annotation.ChromosomeLabel;

/**
 * Reads a karyogram export: finds the slot lines (a long thin dark run with paper below it: a
 * chromosome edge has chromosome below it), orders them row by row into the 24 classes 1-22, X, Y,
 * tells the printed numbers (just under a line) from the cut-outs (standing on it), merges the
 * fragments of pale chromosomes within their slot and cuts touching homologues apart at the
 * column where the slot's ink is thinnest. Works from the layout's geometry, not from fixed pixel
 * positions, so other laboratories' sheet sizes and spacings read the same.
 */
public final class KaryogramReader {

    /** Lighter than this is paper: exports clear the background to (near) white. */
    static final int INK = 245;
    /** Slot lines and printed numbers are (near) black. */
    private static final int LINE_DARK = 110;

    private static final int SLOTS = 24;

    private KaryogramReader() {}

    /** One slot line found on the sheet. */
    private record Line(int x0, int x1, int yTop, int yBottom) {}

    public static Karyogram read(int[] grey, int w, int h) throws ArchiveException {
        List<String> notes = new ArrayList<>();
        boolean[] ink = new boolean[w * h];
        int inkCount = 0;
        for (int i = 0; i < ink.length; i++) {
            ink[i] = grey[i] < INK;
            inkCount += ink[i] ? 1 : 0;
        }
        if (inkCount < 0.005 * w * h) {
            throw new ArchiveException("the karyogram is blank (no chromosomes on the sheet)");
        }
        List<Line> lines = findLines(grey, w, h);
        if (lines.isEmpty()) {
            throw new ArchiveException("not a karyogram: no slot lines found (is this a metaphase image?)");
        }
        List<List<Line>> rows = rows(lines, h);
        List<Slot> slots = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            for (Line l : rows.get(r)) {
                slots.add(new Slot(ChromosomeLabel.CHROMOSOME, r, l.x0, l.x1, l.yTop));
            }
        }
        if (slots.size() != SLOTS) {
            throw new ArchiveException("not a karyogram layout this reader knows: " + slots.size() + " slot lines in "
                    + rows.size() + " rows, expected 24 (1-22, X, Y)");
        }
        for (int i = 0; i < SLOTS; i++) {
            Slot s = slots.get(i);
            slots.set(i, new Slot(ChromosomeLabel.ofNumber(i + 1), s.row(), s.x0(), s.x1(), s.y()));
        }
        for (Line l : lines) { // lines are not chromosome
            for (int y = l.yTop; y <= l.yBottom; y++) {
                for (int x = Math.max(0, l.x0 - 1); x <= Math.min(w - 1, l.x1 + 1); x++) {
                    ink[y * w + x] = false;
                }
            }
        }
        List<Components.Blob> blobs = Components.of(ink, w, h, 12);
        int labelZone = Math.max(20, (int) Math.round(0.055 * h));
        List<List<Components.Blob>> perSlot = new ArrayList<>();
        for (int i = 0; i < SLOTS; i++) {
            perSlot.add(new ArrayList<>());
        }
        int stray = 0;
        for (Components.Blob b : blobs) {
            double cx = b.cx(w);
            if (isNumber(b, cx, slots, labelZone)) {
                continue;
            }
            int best = -1;
            int bestGap = Integer.MAX_VALUE;
            for (int i = 0; i < SLOTS; i++) {
                Slot s = slots.get(i);
                double margin = 0.12 * (s.x1() - s.x0());
                int gap = s.y() - b.y1();
                if (cx >= s.x0() - margin && cx <= s.x1() + margin && gap >= -4 && gap < bestGap) {
                    best = i;
                    bestGap = gap;
                }
            }
            if (best < 0 || bestGap > 0.3 * h) {
                stray++;
                continue;
            }
            perSlot.get(best).add(b);
        }
        if (stray > 0) {
            notes.add(stray + " marks on the sheet belong to no slot (ignored)");
        }
        List<CutOut> cutOuts = new ArrayList<>();
        for (int i = 0; i < SLOTS; i++) {
            Slot s = slots.get(i);
            List<Components.Blob> pieces = mergeFragments(perSlot.get(i));
            if (pieces.size() == 1 && s.label().number() <= 22) {
                pieces = splitTouching(pieces.get(0), w);
            }
            for (Components.Blob b : pieces) {
                cutOuts.add(cutOut(s, i, b, grey, w));
            }
            boolean autosome = s.label().number() <= 22;
            if ((autosome && pieces.size() != 2) || (!autosome && pieces.size() > 2)) {
                notes.add("slot " + s.label().displayName() + " holds " + pieces.size() + " chromosome"
                        + (pieces.size() == 1 ? "" : "s"));
            }
        }
        int x = 0, y = 0;
        for (CutOut c : cutOuts) {
            x += c.label() == ChromosomeLabel.X ? 1 : 0;
            y += c.label() == ChromosomeLabel.Y ? 1 : 0;
        }
        if (x + y < 1 || x + y > 2 || y > 1) {
            notes.add("sex chromosomes: " + x + " X and " + y + " Y");
        }
        return new Karyogram(w, h, slots, cutOuts, Math.min(Scene.otsu(grey), 240), notes);
    }

    private static boolean isNumber(Components.Blob b, double cx, List<Slot> slots, int zone) {
        for (Slot s : slots) {
            if (b.y0() > s.y() && b.y0() <= s.y() + zone && cx >= s.x0() && cx <= s.x1() && b.height() < zone) {
                return true;
            }
        }
        return false;
    }

    static List<Line> findLines(int[] grey, int w, int h) {
        int minLen = Math.max(30, w / 30);
        List<Line> runs = new ArrayList<>();
        for (int y = 0; y < h; y++) {
            int x = 0;
            while (x < w) {
                if (grey[y * w + x] >= LINE_DARK) {
                    x++;
                    continue;
                }
                int s = x;
                while (x < w && grey[y * w + x] < LINE_DARK) {
                    x++;
                }
                if (x - s >= minLen) {
                    runs.add(new Line(s, x - 1, y, y));
                }
            }
        }
        // join runs on consecutive rows into one line; a slot line is at most a few pixels thick
        List<Line> merged = new ArrayList<>();
        for (Line r : runs) {
            boolean joined = false;
            for (int i = 0; i < merged.size(); i++) {
                Line m = merged.get(i);
                if (r.yTop == m.yBottom + 1 && r.x0 <= m.x1 && r.x1 >= m.x0) {
                    merged.set(i, new Line(Math.min(m.x0, r.x0), Math.max(m.x1, r.x1), m.yTop, r.yTop));
                    joined = true;
                    break;
                }
            }
            if (!joined) {
                merged.add(r);
            }
        }
        List<Line> out = new ArrayList<>();
        for (Line l : merged) {
            if (l.yBottom - l.yTop > 4 || l.yBottom + 3 >= h) {
                continue;
            }
            int white = 0;
            for (int x = l.x0; x <= l.x1; x++) {
                if (grey[(l.yBottom + 2) * w + x] >= INK && grey[(l.yBottom + 3) * w + x] >= INK) {
                    white++;
                }
            }
            if (white >= 0.8 * (l.x1 - l.x0 + 1)) {
                out.add(l);
            }
        }
        return out;
    }

    /** Lines grouped into rows (top to bottom), each row left to right. */
    private static List<List<Line>> rows(List<Line> lines, int h) {
        List<Line> byY = new ArrayList<>(lines);
        byY.sort(Comparator.comparingInt(Line::yTop));
        List<List<Line>> rows = new ArrayList<>();
        int tol = Math.max(6, h / 60);
        for (Line l : byY) {
            List<Line> last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
            if (last != null && Math.abs(l.yTop - last.get(0).yTop) <= tol) {
                last.add(l);
            } else {
                List<Line> row = new ArrayList<>();
                row.add(l);
                rows.add(row);
            }
        }
        rows.forEach(r -> r.sort(Comparator.comparingInt(Line::x0)));
        return rows;
    }

    /** Pieces much smaller than the slot's largest join the nearest large piece (pale bands break apart). */
    private static List<Components.Blob> mergeFragments(List<Components.Blob> in) {
        if (in.size() <= 1) {
            return in;
        }
        int largest = in.stream().mapToInt(Components.Blob::area).max().orElse(0);
        List<Components.Blob> major = new ArrayList<>();
        List<Components.Blob> minor = new ArrayList<>();
        for (Components.Blob b : in) {
            (b.area() >= 0.3 * largest ? major : minor).add(b);
        }
        for (Components.Blob f : minor) {
            int best = 0;
            double bestGap = Double.MAX_VALUE;
            for (int i = 0; i < major.size(); i++) {
                double g = gap(f, major.get(i));
                if (g < bestGap) {
                    bestGap = g;
                    best = i;
                }
            }
            if (f.area() < 0.05 * largest && bestGap > 8) {
                continue; // a speck beside the chromosome: not part of it
            }
            major.set(best, union(major.get(best), f));
        }
        major.sort(Comparator.comparingInt(Components.Blob::x0));
        return major;
    }

    private static double gap(Components.Blob a, Components.Blob b) {
        int dx = Math.max(0, Math.max(a.x0() - b.x1(), b.x0() - a.x1()));
        int dy = Math.max(0, Math.max(a.y0() - b.y1(), b.y0() - a.y1()));
        return Math.hypot(dx, dy);
    }

    private static Components.Blob union(Components.Blob a, Components.Blob b) {
        int[] px = new int[a.area() + b.area()];
        System.arraycopy(a.pixels(), 0, px, 0, a.area());
        System.arraycopy(b.pixels(), 0, px, a.area(), b.area());
        java.util.Arrays.sort(px);
        return new Components.Blob(
                px,
                Math.min(a.x0(), b.x0()),
                Math.min(a.y0(), b.y0()),
                Math.max(a.x1(), b.x1()),
                Math.max(a.y1(), b.y1()));
    }

    /** Two homologues touching in their slot: cut at the thinnest column if it is a clear waist. */
    static List<Components.Blob> splitTouching(Components.Blob b, int w) {
        int bw = b.width();
        if (bw < 8) {
            return List.of(b);
        }
        int[] col = new int[bw];
        for (int p : b.pixels()) {
            col[p % w - b.x0()]++;
        }
        int from = bw / 4, to = 3 * bw / 4;
        int cut = -1, min = Integer.MAX_VALUE;
        for (int c = from; c <= to; c++) {
            if (col[c] < min) {
                min = col[c];
                cut = c;
            }
        }
        int left = 0, right = 0;
        for (int c = 0; c < cut; c++) {
            left = Math.max(left, col[c]);
        }
        for (int c = cut + 1; c < bw; c++) {
            right = Math.max(right, col[c]);
        }
        if (cut < 0 || min > 0.4 * Math.min(left, right)) {
            return List.of(b);
        }
        int cutX = b.x0() + cut;
        List<Integer> a = new ArrayList<>(), c = new ArrayList<>();
        for (int p : b.pixels()) {
            (p % w < cutX ? a : c).add(p);
        }
        return List.of(blobOf(a, w), blobOf(c, w));
    }

    private static Components.Blob blobOf(List<Integer> px, int w) {
        int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = -1, y1 = -1;
        int[] arr = new int[px.size()];
        for (int i = 0; i < arr.length; i++) {
            int p = px.get(i);
            arr[i] = p;
            x0 = Math.min(x0, p % w);
            x1 = Math.max(x1, p % w);
            y0 = Math.min(y0, p / w);
            y1 = Math.max(y1, p / w);
        }
        return new Components.Blob(arr, x0, y0, x1, y1);
    }

    private static CutOut cutOut(Slot s, int slot, Components.Blob b, int[] grey, int w) {
        int bw = b.width(), bh = b.height();
        int[] g = new int[bw * bh];
        boolean[] m = new boolean[bw * bh];
        java.util.Arrays.fill(g, 255);
        for (int p : b.pixels()) {
            int x = p % w - b.x0(), y = p / w - b.y0();
            g[y * bw + x] = grey[p];
            m[y * bw + x] = true;
        }
        return new CutOut(s.label(), slot, b.x0(), b.y0(), bw, bh, g, m);
    }
}
