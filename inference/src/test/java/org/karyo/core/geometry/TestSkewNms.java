package org.karyo.core.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.karyo.inference.bench.SyntheticBoxes;

class TestSkewNms {

    private static final double T = 0.2;

    @Test
    void dropsTheLowerScoredOfTwoOverlappingBoxes() {
        RotatedBox[] b = {RotatedBox.of(0, 0, 10, 4, 0), RotatedBox.of(2, 0, 10, 4, 0)};
        assertArrayEquals(new int[] {1}, SkewNms.keep(b, new double[] {0.5, 0.9}, T));
    }

    @Test
    void keepsBoxesBelowTheThreshold() {
        // IoU of 10x4 bars shifted by 8: 8/48 = 0.167 < 0.2
        RotatedBox[] b = {RotatedBox.of(0, 0, 10, 4, 0), RotatedBox.of(8, 0, 10, 4, 0)};
        assertArrayEquals(new int[] {0, 1}, SkewNms.keep(b, new double[] {0.9, 0.5}, T));
    }

    @Test
    void aSuppressedBoxSuppressesNothing() {
        // A overlaps B, B overlaps C, A does not overlap C: greedy keeps A and C
        RotatedBox[] b = {RotatedBox.of(0, 0, 10, 4, 0), RotatedBox.of(4, 0, 10, 4, 0), RotatedBox.of(8, 0, 10, 4, 0)};
        assertEquals(0.0, b[0].iou(b[2]) >= T ? 1 : 0.0);
        assertArrayEquals(new int[] {0, 2}, SkewNms.keep(b, new double[] {0.9, 0.8, 0.7}, T));
    }

    @Test
    void iouExactlyAtTheThresholdSuppresses() {
        // 10x4 bars shifted by 6: intersection 16, union 64, IoU exactly 0.25
        RotatedBox[] b = {RotatedBox.of(0, 0, 10, 4, 0), RotatedBox.of(6, 0, 10, 4, 0)};
        assertEquals(0.25, b[0].iou(b[1]), 0);
        assertArrayEquals(new int[] {0}, SkewNms.keep(b, new double[] {0.9, 0.8}, 0.25));
    }

    @Test
    void crossingChromosomesAreBothKept() {
        // two 40x8 chromosomes crossing at right angles: IoU 64/576 = 0.11
        RotatedBox[] b = {RotatedBox.of(50, 50, 40, 8, 0), RotatedBox.of(50, 50, 40, 8, 90)};
        assertArrayEquals(new int[] {1, 0}, SkewNms.keep(b, new double[] {0.7, 0.8}, T));
    }

    @Test
    void equalScoresKeepTheLowerIndexFirst() {
        RotatedBox[] b = {RotatedBox.of(0, 0, 10, 4, 0), RotatedBox.of(1, 0, 10, 4, 0)};
        assertArrayEquals(new int[] {0}, SkewNms.keep(b, new double[] {0.5, 0.5}, T));
    }

    @Test
    void scoreOrderIsDescendingWithTiesByIndexForFloatAndDoubleScores() {
        Random rnd = new Random(8);
        for (boolean floats : new boolean[] {true, false}) {
            double[] s = new double[3000];
            for (int i = 0; i < s.length; i++) {
                s[i] = rnd.nextInt(4) == 0 ? 0.5 : floats ? rnd.nextFloat() : rnd.nextDouble(); // many ties
            }
            Integer[] ref = new Integer[s.length];
            for (int i = 0; i < ref.length; i++) {
                ref[i] = i;
            }
            java.util.Arrays.sort(ref, (a, b) -> s[a] != s[b] ? Double.compare(s[b], s[a]) : Integer.compare(a, b));
            assertArrayEquals(
                    java.util.Arrays.stream(ref).mapToInt(Integer::intValue).toArray(), SkewNms.scoreOrder(s));
        }
    }

    @Test
    void emptyInputAndBadArguments() {
        assertEquals(0, SkewNms.keep(new RotatedBox[0], new double[0], T).length);
        assertThrows(IllegalArgumentException.class, () -> SkewNms.keep(new RotatedBox[1], new double[2], T));
        assertThrows(IllegalArgumentException.class, () -> SkewNms.keep(new RotatedBox[0], new double[0], 0));
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 200, 2000, 6000})
    void gridVersionEqualsThePlainRuleOnDenseChromosomeLikeBoxes(int n) {
        Random rnd = new Random(n);
        for (int round = 0; round < 3; round++) {
            RotatedBox[] boxes = SyntheticBoxes.chromosomeLike(rnd, n, 40, 768, 512);
            double[] scores = SyntheticBoxes.scores(rnd, n);
            for (double t : new double[] {0.1, 0.2, 0.5}) {
                assertArrayEquals(SkewNms.keepPlain(boxes, scores, t), SkewNms.keep(boxes, scores, t));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 5000})
    void gridVersionEqualsThePlainRuleOnUniformlySpreadBoxes(int n) {
        Random rnd = new Random(n + 1);
        RotatedBox[] boxes = SyntheticBoxes.uniform(rnd, n, 768, 512);
        double[] scores = SyntheticBoxes.scores(rnd, n);
        assertArrayEquals(SkewNms.keepPlain(boxes, scores, T), SkewNms.keep(boxes, scores, T));
    }

    @Test
    void gridVersionCopesWithOneHugeBoxAndFarOutliers() {
        Random rnd = new Random(5);
        RotatedBox[] boxes = SyntheticBoxes.chromosomeLike(rnd, 500, 20, 700, 500);
        boxes[3] = RotatedBox.of(350, 250, 2000, 1500, 10);
        boxes[7] = RotatedBox.of(90000, -40000, 20, 5, 0);
        double[] scores = SyntheticBoxes.scores(rnd, boxes.length);
        scores[3] = 0.99;
        assertArrayEquals(SkewNms.keepPlain(boxes, scores, T), SkewNms.keep(boxes, scores, T));
    }

    @Test
    void keptBoxesNeverOverlapAtOrAboveTheThreshold() {
        Random rnd = new Random(99);
        RotatedBox[] boxes = SyntheticBoxes.chromosomeLike(rnd, 3000, 30, 768, 512);
        int[] keep = SkewNms.keep(boxes, SyntheticBoxes.scores(rnd, 3000), T);
        for (int i = 0; i < keep.length; i++) {
            for (int j = i + 1; j < keep.length; j++) {
                assertTrue(boxes[keep[i]].iou(boxes[keep[j]]) < T);
            }
        }
    }
}
