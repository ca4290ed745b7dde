package org.karyo.inference.detect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.karyo.core.geometry.Polygon;
import org.karyo.core.geometry.RotatedBox;
import org.karyo.core.image.Letterbox;
import org.karyo.inference.onnx.RawMaps;

/**
 * The counting rule that uses the whole method (deepchm.md section 1: the saliency head's
 * skeleton and intersection maps), not the boxes alone. The skeleton map marks chromosome
 * bodies; each 8-connected piece of it above {@link Settings#skeleton()} is read as follows:
 * <ul>
 *   <li><b>merge</b>: two boxes that both sit mainly on one piece, where the piece has no
 *       intersection (no crossing of two chromosomes) and fills the two boxes' joint rectangle
 *       like one straight chromosome, are one chromosome: the arms, fragments or sister
 *       chromatids of a chromosome boxed separately. They become one box around both.</li>
 *   <li><b>split</b>: one box over two pieces, each lying mostly inside it and carrying no other
 *       box, is two chromosomes (touching chromosomes boxed together).</li>
 *   <li><b>orphans</b>: a piece of chromosome body that no box touches is a chromosome the
 *       boxes missed.</li>
 * </ul>
 * Settings are chosen on real cells of one laboratory (docs/model-card.md); the rule runs on the
 * boxes after skew-NMS and the containment rule, and changes only which boxes there are.
 */
public final class SkeletonCountRule {

    /**
     * What the rule does and its thresholds.
     *
     * @param skeleton     a map cell belongs to a chromosome body at this skeleton saliency
     * @param intersection a piece with a cell at this intersection saliency holds a crossing: never merged on
     * @param minCells     a box "sits on" a piece with at least this many of its cells inside; smaller pieces are noise
     * @param fill         merge only when the piece covers at least this share of the map cells in the joint rectangle
     * @param maxLength    merge only when the joint rectangle is at most this many times the median box length
     */
    public record Settings(
            double skeleton,
            double intersection,
            int minCells,
            double fill,
            double maxLength,
            boolean merge,
            boolean split,
            boolean orphans) {

        public Settings {
            if (!(skeleton > 0 && skeleton < 1)
                    || !(intersection > 0 && intersection <= 1)
                    || minCells < 1
                    || !(fill >= 0 && fill <= 1)
                    || !(maxLength > 0)) {
                throw new IllegalArgumentException("bad skeleton rule settings: " + skeleton + ", " + intersection
                        + ", " + minCells + ", " + fill + ", " + maxLength);
            }
        }

        /** Defaults of the rule's parts (which parts run is the caller's choice). */
        public static Settings of(boolean merge, boolean split, boolean orphans) {
            return new Settings(0.5, 0.5, 3, 0.6, 2.5, merge, split, orphans);
        }

        public Settings withSkeleton(double v) {
            return new Settings(v, intersection, minCells, fill, maxLength, merge, split, orphans);
        }

        public Settings withFill(double v) {
            return new Settings(skeleton, intersection, minCells, v, maxLength, merge, split, orphans);
        }

        public Settings withMinCells(int v) {
            return new Settings(skeleton, intersection, v, fill, maxLength, merge, split, orphans);
        }

        /** The metadata key a calibrated model carries its rule in ({@link #format}). */
        public static final String METADATA_KEY = "thresholds.skeleton_rule";

        /** "off", or the parts joined by '+' then ";skeleton=T;fill=F" (what {@link #parse} reads). */
        public String format() {
            String parts = describe();
            return parts.substring(0, parts.indexOf(',')) + ";skeleton=" + skeleton + ";fill=" + fill;
        }

        /** Reads {@link #format}'s text; throws IllegalArgumentException for anything else. */
        public static Settings parse(String text) {
            String[] fields = text.strip().split(";", -1);
            boolean merge = false, split = false, orphans = false;
            for (String part : fields[0].split("\\+", -1)) {
                switch (part.strip()) {
                    case "off" -> {}
                    case "merge" -> merge = true;
                    case "split" -> split = true;
                    case "orphans" -> orphans = true;
                    default -> throw new IllegalArgumentException(
                            "unknown skeleton rule part '" + part + "' in " + text);
                }
            }
            Settings s = of(merge, split, orphans);
            for (int i = 1; i < fields.length; i++) {
                String[] kv = fields[i].split("=", 2);
                if (kv.length != 2) {
                    throw new IllegalArgumentException("bad skeleton rule setting '" + fields[i] + "' in " + text);
                }
                double v = Double.parseDouble(kv[1].strip());
                s = switch (kv[0].strip()) {
                    case "skeleton" -> s.withSkeleton(v);
                    case "fill" -> s.withFill(v);
                    default -> throw new IllegalArgumentException("unknown skeleton rule setting '" + kv[0] + "'");
                };
            }
            return s;
        }

        public boolean any() {
            return merge || split || orphans;
        }

        /** e.g. "merge+orphans, skeleton 0.5, fill 0.6" */
        public String describe() {
            List<String> parts = new ArrayList<>();
            if (merge) {
                parts.add("merge");
            }
            if (split) {
                parts.add("split");
            }
            if (orphans) {
                parts.add("orphans");
            }
            return (parts.isEmpty() ? "off" : String.join("+", parts)) + ", skeleton " + skeleton + ", intersection "
                    + intersection + ", min cells " + minCells + ", fill " + fill + ", max length " + maxLength;
        }
    }

    private final Settings settings;

    private SkeletonCountRule(Settings settings) {
        this.settings = settings;
    }

    public static SkeletonCountRule of(Settings settings) {
        return new SkeletonCountRule(settings);
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Merges, splits or adds boxes as the skeleton pieces say.
     *
     * @param detections boxes in image pixels (highest score first), as the post-processing left them
     * @param stride     network pixels per map cell
     * @return the boxes after the rule, in image pixels, highest score first
     */
    public List<Detection> apply(List<Detection> detections, RawMaps maps, Letterbox lb, int stride) {
        if (!settings.any()) {
            return detections;
        }
        Pieces pieces = Pieces.of(maps, lb, stride, settings);
        int n = detections.size();
        RotatedBox[] net = new RotatedBox[n];
        int[][] support = new int[n][];
        int[] main = new int[n];
        for (int i = 0; i < n; i++) {
            net[i] = lb.toNetwork(detections.get(i).box());
            support[i] = pieces.support(net[i]);
            main[i] = argMax(support[i]);
            if (main[i] >= 0 && support[i][main[i]] < settings.minCells()) {
                main[i] = -1;
            }
        }
        int[] group = new int[n];
        for (int i = 0; i < n; i++) {
            group[i] = i;
        }
        if (settings.merge()) {
            double median = medianLength(net);
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    if (main[i] >= 0
                            && main[i] == main[j]
                            && !pieces.crossed[main[i]]
                            && oneChromosome(net, i, j, main[i], pieces, median)) {
                        union(group, i, j);
                    }
                }
            }
        }
        List<Detection> out = new ArrayList<>();
        boolean[] done = new boolean[n];
        for (int i = 0; i < n; i++) { // groups in the order of their best box
            int g = find(group, i);
            if (done[g]) {
                continue;
            }
            done[g] = true;
            List<double[]> corners = new ArrayList<>();
            int members = 0;
            for (int j = i; j < n; j++) {
                if (find(group, j) == g) {
                    members++;
                    corners.add(net[j].corners());
                }
            }
            out.add(
                    members == 1
                            ? detections.get(i)
                            : new Detection(
                                    lb.toImage(rectOf(corners)),
                                    detections.get(i).score()));
        }
        boolean[] carried = new boolean[pieces.count];
        for (int i = 0; i < n; i++) {
            if (main[i] >= 0) {
                carried[main[i]] = true;
            }
        }
        if (settings.split()) {
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < pieces.count; k++) {
                    if (k != main[i]
                            && !carried[k]
                            && support[i][k] >= settings.minCells()
                            && support[i][k] >= 0.6 * pieces.size[k]) {
                        carried[k] = true;
                        out.add(new Detection(
                                lb.toImage(pieces.rect(k, stride)),
                                detections.get(i).score()));
                    }
                }
            }
        }
        if (settings.orphans()) {
            int[] touched = new int[pieces.count];
            for (int[] s : support) {
                for (int k = 0; k < s.length; k++) {
                    touched[k] += s[k];
                }
            }
            for (int k = 0; k < pieces.count; k++) {
                if (!carried[k] && touched[k] == 0 && pieces.size[k] >= settings.minCells()) {
                    out.add(new Detection(lb.toImage(pieces.rect(k, stride)), pieces.peak[k]));
                }
            }
        }
        out.sort((a, b) -> Double.compare(b.score(), a.score()));
        return out;
    }

    /**
     * Whether two boxes on one piece are one straight chromosome: they lie along one axis (end to
     * end, or side by side as sister chromatids), their joint rectangle is hardly more than the
     * two boxes (not two neighbours at an angle in a cluster), is no longer than a chromosome,
     * holds no third box, and the piece fills it.
     */
    private boolean oneChromosome(RotatedBox[] boxes, int i, int j, int piece, Pieces pieces, double medianLength) {
        RotatedBox a = boxes[i], b = boxes[j];
        double turn = Math.abs(a.angle() - b.angle());
        if (Math.min(turn, 180 - turn) > MAX_TURN) {
            return false;
        }
        RotatedBox joint = rectOf(List.of(a.corners(), b.corners()));
        if (joint.w() > settings.maxLength() * medianLength) {
            return false;
        }
        double union = a.area() + b.area() - org.karyo.core.geometry.SkewIou.intersectionArea(a, b);
        if (joint.area() > MAX_JOINT_OVER_UNION * union) {
            return false;
        }
        for (int k = 0; k < boxes.length; k++) {
            if (k != i && k != j && inside(joint, boxes[k].cx(), boxes[k].cy())) {
                return false;
            }
        }
        int[] inside = pieces.cellsInside(joint, piece);
        return inside[1] > 0 && inside[0] >= settings.fill() * inside[1];
    }

    /** Boxes of one chromosome lie within this many degrees of one axis. */
    static final double MAX_TURN = 20;
    /** The joint rectangle of one chromosome's boxes is at most this much larger than the boxes' union. */
    static final double MAX_JOINT_OVER_UNION = 1.3;

    private static boolean inside(RotatedBox box, double x, double y) {
        double rad = Math.toRadians(box.angle()), dx = x - box.cx(), dy = y - box.cy();
        double u = dx * Math.cos(rad) + dy * Math.sin(rad), v = -dx * Math.sin(rad) + dy * Math.cos(rad);
        return Math.abs(u) <= box.w() / 2 && Math.abs(v) <= box.h() / 2;
    }

    static RotatedBox rectOf(List<double[]> cornerSets) {
        int len = cornerSets.stream().mapToInt(c -> c.length).sum();
        double[] xy = new double[len];
        int o = 0;
        for (double[] c : cornerSets) {
            System.arraycopy(c, 0, xy, o, c.length);
            o += c.length;
        }
        return Polygon.of(xy).minAreaRect();
    }

    private static double medianLength(RotatedBox[] boxes) {
        if (boxes.length == 0) {
            return 0;
        }
        double[] w = Arrays.stream(boxes).mapToDouble(RotatedBox::w).sorted().toArray();
        return w[w.length / 2];
    }

    private static int argMax(int[] v) {
        int best = -1;
        for (int k = 0; k < v.length; k++) {
            if (v[k] > 0 && (best < 0 || v[k] > v[best])) {
                best = k;
            }
        }
        return best;
    }

    private static int find(int[] g, int i) {
        while (g[i] != i) {
            g[i] = g[g[i]];
            i = g[i];
        }
        return i;
    }

    private static void union(int[] g, int i, int j) {
        int a = find(g, i), b = find(g, j);
        if (a != b) {
            g[Math.max(a, b)] = Math.min(a, b); // the group keeps its best-scoring box's index
        }
    }

    /** The labelled skeleton pieces on the map (inside the image part of the letterbox). */
    static final class Pieces {
        final int rows, cols, stride, count;
        final int[] label; // -1 outside every piece
        final int[] size;
        final boolean[] crossed;
        final double[] peak;

        private Pieces(
                int rows, int cols, int stride, int[] label, int count, int[] size, boolean[] crossed, double[] peak) {
            this.rows = rows;
            this.cols = cols;
            this.stride = stride;
            this.label = label;
            this.count = count;
            this.size = size;
            this.crossed = crossed;
            this.peak = peak;
        }

        static Pieces of(RawMaps maps, Letterbox lb, int stride, Settings s) {
            int rows = Math.min(maps.height(), (lb.resizedHeight() + stride - 1) / stride);
            int cols = Math.min(maps.width(), (lb.resizedWidth() + stride - 1) / stride);
            int[] label = new int[rows * cols];
            Arrays.fill(label, -1);
            List<Integer> sizes = new ArrayList<>();
            List<Boolean> crossings = new ArrayList<>();
            List<Double> peaks = new ArrayList<>();
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            for (int start = 0; start < label.length; start++) {
                if (label[start] >= 0 || maps.saliency(RawMaps.SKELETON, start / cols, start % cols) < s.skeleton()) {
                    continue;
                }
                int k = sizes.size();
                int n = 0;
                boolean crossed = false;
                double peak = 0;
                label[start] = k;
                queue.add(start);
                while (!queue.isEmpty()) {
                    int c = queue.poll();
                    int r0 = c / cols, c0 = c % cols;
                    n++;
                    crossed |= maps.saliency(RawMaps.INTERSECTION, r0, c0) >= s.intersection();
                    peak = Math.max(peak, maps.saliency(RawMaps.SKELETON, r0, c0));
                    for (int dr = -1; dr <= 1; dr++) {
                        for (int dc = -1; dc <= 1; dc++) {
                            int r = r0 + dr, cc = c0 + dc;
                            if (r >= 0
                                    && r < rows
                                    && cc >= 0
                                    && cc < cols
                                    && label[r * cols + cc] < 0
                                    && maps.saliency(RawMaps.SKELETON, r, cc) >= s.skeleton()) {
                                label[r * cols + cc] = k;
                                queue.add(r * cols + cc);
                            }
                        }
                    }
                }
                sizes.add(n);
                crossings.add(crossed);
                peaks.add(peak);
            }
            int count = sizes.size();
            int[] size = sizes.stream().mapToInt(Integer::intValue).toArray();
            boolean[] crossed = new boolean[count];
            double[] peak = new double[count];
            for (int k = 0; k < count; k++) {
                crossed[k] = crossings.get(k);
                peak[k] = peaks.get(k);
            }
            return new Pieces(rows, cols, stride, label, count, size, crossed, peak);
        }

        /** Cells of each piece whose centres lie inside the box (network pixels). */
        int[] support(RotatedBox box) {
            int[] out = new int[count];
            forCellsInside(box, idx -> {
                if (label[idx] >= 0) {
                    out[label[idx]]++;
                }
            });
            return out;
        }

        /** {cells of {@code piece} inside the box, all map cells inside the box}. */
        int[] cellsInside(RotatedBox box, int piece) {
            int[] out = new int[2];
            forCellsInside(box, idx -> {
                out[1]++;
                if (label[idx] == piece) {
                    out[0]++;
                }
            });
            return out;
        }

        private void forCellsInside(RotatedBox box, java.util.function.IntConsumer f) {
            double rad = Math.toRadians(box.angle()), cos = Math.cos(rad), sin = Math.sin(rad);
            double reach = box.radius();
            int c1 = Math.max(0, (int) Math.floor((box.cx() - reach) / stride));
            int c2 = Math.min(cols - 1, (int) Math.ceil((box.cx() + reach) / stride));
            int r1 = Math.max(0, (int) Math.floor((box.cy() - reach) / stride));
            int r2 = Math.min(rows - 1, (int) Math.ceil((box.cy() + reach) / stride));
            for (int r = r1; r <= r2; r++) {
                for (int c = c1; c <= c2; c++) {
                    double dx = (c + 0.5) * stride - box.cx(), dy = (r + 0.5) * stride - box.cy();
                    double u = dx * cos + dy * sin, v = -dx * sin + dy * cos;
                    if (Math.abs(u) <= box.w() / 2 && Math.abs(v) <= box.h() / 2) {
                        f.accept(r * cols + c);
                    }
                }
            }
        }

        /** The rectangle around a piece's cells, in network pixels. */
        RotatedBox rect(int piece, int stride) {
            List<double[]> corners = new ArrayList<>();
            for (int idx = 0; idx < label.length; idx++) {
                if (label[idx] == piece) {
                    double x = (idx % cols) * stride, y = (idx / cols) * stride;
                    corners.add(new double[] {x, y, x + stride, y, x + stride, y + stride, x, y + stride});
                }
            }
            return rectOf(corners);
        }
    }
}
