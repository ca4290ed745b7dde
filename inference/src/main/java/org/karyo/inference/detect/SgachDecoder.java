package org.karyo.inference.detect;

import java.util.Arrays;
import org.karyo.core.geometry.RotatedBox;
import org.karyo.inference.model.AnchorSpec;
import org.karyo.inference.onnx.RawMaps;

/**
 * Skeleton-guided anchors (deepchm.md sections 3 and 4): only cells whose skeleton saliency is
 * at least T_loc carry anchors; scores and deltas are gathered at those cells alone (the dense
 * 1.18M anchors are never materialised) and decoded into rotated boxes in network pixels.
 */
public final class SgachDecoder {

    /** exp(dw) is clamped so an untrained or odd model cannot produce infinite boxes. */
    public static final double MAX_LOG_SCALE = Math.log(1000.0 / 16);

    private final AnchorSpec anchors;

    public SgachDecoder(AnchorSpec anchors) {
        this.anchors = anchors;
    }

    /**
     * At most this many candidates go to NMS: the highest-scoring ones. A trained model leaves about
     * 1,500 on a full spread (measured on the AutoKary2022 layouts with ideal maps); far more means an untrained or wrong model, which must not stall NMS.
     */
    public static final int MAX_CANDIDATES = 10_000;

    /**
     * Candidate boxes before NMS, in network-input pixels; {@code above} counts every anchor that
     * passed T_score, of which at most {@link #MAX_CANDIDATES} (the best) are kept.
     */
    // numeric buffers passed on without copying or boxing; nothing compares these records by
    // value (ArrayRecordComponent's concern)
    @SuppressWarnings("ArrayRecordComponent")
    public record Candidates(RotatedBox[] boxes, double[] scores, int locations, int above) {
        public int size() {
            return boxes.length;
        }
    }

    /** Number of cells with skeleton >= tLoc. */
    public int countLocations(RawMaps maps, double tLoc) {
        int n = 0;
        int cells = maps.height() * maps.width();
        float[] s = maps.saliency();
        for (int i = 0; i < cells; i++) {
            if (s[i] >= tLoc) {
                n++;
            }
        }
        return n;
    }

    public Candidates decode(RawMaps maps, double tLoc, double tScore) {
        int h = maps.height(), w = maps.width(), cells = h * w;
        int perCell = anchors.perCell();
        if (maps.anchorsPerCell() != perCell) {
            throw new IllegalArgumentException("model outputs " + maps.anchorsPerCell() + " anchors per cell, "
                    + "its metadata describes " + perCell);
        }
        float[] sal = maps.saliency(), sc = maps.scores(), d = maps.deltas();
        RotatedBox[] boxes = new RotatedBox[64];
        double[] scores = new double[64];
        int n = 0, locations = 0;
        for (int cell = 0; cell < cells; cell++) {
            if (!(sal[cell] >= tLoc)) { // skeleton channel is the first
                continue;
            }
            locations++;
            int row = cell / w, col = cell % w;
            double ax = anchors.centreX(col), ay = anchors.centreY(row);
            for (int a = 0; a < perCell; a++) {
                float p = sc[a * cells + cell];
                if (!(p >= tScore)) {
                    continue;
                }
                int base = a * 5 * cells + cell;
                RotatedBox box = decodeOne(
                        ax,
                        ay,
                        anchors.width(a),
                        anchors.height(a),
                        anchors.angle(a),
                        d[base],
                        d[base + cells],
                        d[base + 2 * cells],
                        d[base + 3 * cells],
                        d[base + 4 * cells]);
                if (box == null) {
                    continue;
                }
                if (n == boxes.length) {
                    boxes = Arrays.copyOf(boxes, n * 2);
                    scores = Arrays.copyOf(scores, n * 2);
                }
                boxes[n] = box;
                scores[n++] = p;
            }
        }
        return capped(Arrays.copyOf(boxes, n), Arrays.copyOf(scores, n), locations, MAX_CANDIDATES);
    }

    /** Keeps the {@code max} highest scores (all those tied with the last one kept are dropped only past max). */
    static Candidates capped(RotatedBox[] boxes, double[] scores, int locations, int max) {
        int n = boxes.length;
        if (n <= max) {
            return new Candidates(boxes, scores, locations, n);
        }
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        double cut = sorted[n - max]; // the max-th largest score
        RotatedBox[] b = new RotatedBox[max];
        double[] s = new double[max];
        int k = 0;
        for (int i = 0; i < n && k < max; i++) { // strictly above the cut first, in index order
            if (scores[i] > cut) {
                b[k] = boxes[i];
                s[k++] = scores[i];
            }
        }
        for (int i = 0; i < n && k < max; i++) { // then ties at the cut, lowest index first (NMS order)
            if (scores[i] == cut) {
                b[k] = boxes[i];
                s[k++] = scores[i];
            }
        }
        return new Candidates(b, s, locations, n);
    }

    /** Decodes one anchor; null when the deltas are not finite. */
    static RotatedBox decodeOne(
            double ax,
            double ay,
            double aw,
            double ah,
            double aTheta,
            double dx,
            double dy,
            double dw,
            double dh,
            double dTheta) {
        if (!Double.isFinite(dx)
                || !Double.isFinite(dy)
                || !Double.isFinite(dw)
                || !Double.isFinite(dh)
                || !Double.isFinite(dTheta)) {
            return null;
        }
        double x = ax + dx * aw;
        double y = ay + dy * ah;
        double bw = aw * Math.exp(Math.min(dw, MAX_LOG_SCALE));
        double bh = ah * Math.exp(Math.min(dh, MAX_LOG_SCALE));
        return RotatedBox.of(x, y, bw, bh, aTheta + Math.toDegrees(dTheta));
    }
}
