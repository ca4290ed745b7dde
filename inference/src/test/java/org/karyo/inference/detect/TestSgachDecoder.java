package org.karyo.inference.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.karyo.core.geometry.RotatedBox;
import org.karyo.core.image.Letterbox;
import org.karyo.inference.bench.OracleMaps;
import org.karyo.inference.model.AnchorSpec;
import org.karyo.inference.model.Thresholds;
import org.karyo.inference.onnx.RawMaps;

class TestSgachDecoder {

    private static final AnchorSpec ANCHORS = AnchorSpec.paper();
    private static final int H = 4, W = 6, A = 48, CELLS = H * W;

    @Test
    void decodesOnlyAnchorsAtSkeletonCellsAboveTheScoreThreshold() {
        float[] sal = new float[3 * CELLS], scores = new float[A * CELLS], deltas = new float[A * 5 * CELLS];
        java.util.Arrays.fill(sal, 0, CELLS, 0.1f);
        int cell = 1 * W + 2;
        sal[cell] = 0.9f;
        scores[5 * CELLS + cell] = 0.8f; // anchor 5: ratio 2, scale 2, 75 degrees
        scores[7 * CELLS + cell] = 0.3f; // below T_score
        scores[9 * CELLS + 0] = 0.99f; // high score but no skeleton there: ignored (SGAch)
        sal[2 * CELLS + 0] = 1f; // intersection channel must not act as skeleton
        setDeltas(deltas, 5, cell, 0.1, -0.2, Math.log(2), 0, Math.PI / 12);
        SgachDecoder.Candidates c =
                new SgachDecoder(ANCHORS).decode(new RawMaps(A, H, W, sal, scores, deltas), 0.2, 0.5);
        assertEquals(1, c.locations());
        assertEquals(1, c.size());
        double aw = 10 * Math.sqrt(2), ah = 10 / Math.sqrt(2);
        RotatedBox b = c.boxes()[0];
        assertEquals(10 + 0.1 * aw, b.cx(), 1e-5);
        assertEquals(6 - 0.2 * ah, b.cy(), 1e-5);
        assertEquals(2 * aw, b.w(), 1e-4);
        assertEquals(ah, b.h(), 1e-4);
        assertEquals(90, b.angle(), 1e-4);
        assertEquals(0.8, c.scores()[0], 1e-6);
    }

    @Test
    void aDecodedBoxTallerThanWideIsNormalised() {
        RotatedBox b = SgachDecoder.decodeOne(0, 0, 10, 5, 30, 0, 0, 0, Math.log(4), 0); // h becomes 20 > w
        assertEquals(20, b.w(), 1e-9);
        assertEquals(10, b.h(), 1e-9);
        assertEquals(120, b.angle(), 1e-9);
    }

    @Test
    void nonFiniteDeltasAreSkippedAndHugeOnesClamped() {
        assertEquals(null, SgachDecoder.decodeOne(0, 0, 10, 5, 0, Double.NaN, 0, 0, 0, 0));
        RotatedBox b = SgachDecoder.decodeOne(0, 0, 16, 5, 0, 0, 0, 500, 0, 0);
        assertEquals(1000, b.w(), 1e-6);
    }

    @Test
    void candidatesAreCappedToTheBestScoresKeepingNmsOrder() {
        int n = 50;
        RotatedBox[] boxes = new RotatedBox[n];
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            boxes[i] = RotatedBox.of(i * 100, 0, 10, 3, 0);
            scores[i] = (i % 10) / 10.0; // 0.0 .. 0.9, five of each
        }
        SgachDecoder.Candidates c = SgachDecoder.capped(boxes, scores, 7, 12);
        assertEquals(50, c.above());
        assertEquals(12, c.size());
        // the ten at 0.9 and 0.8, then the two lowest-index ones at 0.7 (indices 7 and 17)
        assertEquals(
                2,
                java.util.stream.IntStream.range(0, 12)
                        .filter(i -> c.scores()[i] == 0.7)
                        .count());
        assertEquals(700, c.boxes()[10].cx(), 1e-9);
        assertEquals(1700, c.boxes()[11].cx(), 1e-9);
        assertTrue(java.util.Arrays.stream(c.scores()).allMatch(v -> v >= 0.7));
    }

    @Test
    void aFloodOfCandidatesFromABadModelStaysBounded() {
        // every cell a skeleton cell, every anchor scored 0.9 with wildly different boxes: 24576 * 48 candidates
        int h = 128, w = 192, cells = h * w;
        float[] sal = new float[3 * cells], scores = new float[A * cells], deltas = new float[A * 5 * cells];
        java.util.Arrays.fill(sal, 0, cells, 1f);
        java.util.Arrays.fill(scores, 0.9f);
        Random rnd = new Random(3);
        for (int i = 0; i < deltas.length; i++) {
            deltas[i] = (float) (rnd.nextGaussian() * 3);
        }
        Postprocessor.Output out = new Postprocessor(ANCHORS)
                .run(
                        new RawMaps(A, h, w, sal, scores, deltas),
                        Letterbox.fit(768, 512, 768, 512),
                        new Thresholds(0.2, 0.5, 0.2));
        assertEquals(cells * A, out.candidates());
        assertTrue(out.detections().size() <= SgachDecoder.MAX_CANDIDATES);
    }

    /** Maps an ideal detector would output must decode, after NMS, to exactly the chromosomes. */
    @Test
    void oracleMapsRoundTripThroughDecodingNmsAndLetterbox() {
        Random rnd = new Random(1);
        Letterbox lb = Letterbox.fit(1600, 1200, 768, 512);
        List<RotatedBox> truthImage = new ArrayList<>();
        for (int gy = 0; gy < 5; gy++) {
            for (int gx = 0; gx < 9; gx++) {
                truthImage.add(RotatedBox.of(
                        120 + gx * 160 + rnd.nextGaussian() * 10,
                        150 + gy * 210,
                        60 + rnd.nextDouble() * 80,
                        18 + rnd.nextDouble() * 8,
                        rnd.nextDouble() * 180));
            }
        }
        List<RotatedBox> truthNet = truthImage.stream().map(lb::toNetwork).toList();
        RawMaps maps = OracleMaps.build(truthNet, ANCHORS, 128, 192, 0, rnd);
        Postprocessor.Output out = new Postprocessor(ANCHORS).run(maps, lb, new Thresholds(0.2, 0.5, 0.2));
        assertEquals(truthImage.size(), out.detections().size());
        for (RotatedBox t : truthImage) {
            double best = out.detections().stream()
                    .mapToDouble(d -> d.box().iou(t))
                    .max()
                    .orElse(0);
            assertTrue(best > 0.999, "chromosome " + t + " recovered with IoU " + best);
        }
        assertTrue(out.locations() > 45 * 5, "every chromosome spans several skeleton cells");
    }

    private static void setDeltas(float[] d, int a, int cell, double... v) {
        for (int k = 0; k < 5; k++) {
            d[(a * 5 + k) * CELLS + cell] = (float) v[k];
        }
    }
}
