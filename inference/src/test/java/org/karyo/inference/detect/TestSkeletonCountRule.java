package org.karyo.inference.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.karyo.core.geometry.RotatedBox;
import org.karyo.core.image.Letterbox;
import org.karyo.inference.onnx.RawMaps;

/**
 * The skeleton counting rule on hand-made saliency maps whose answer is known: a 32 x 48 map at
 * stride 4 (a 128 x 192 network image shown at scale 1, so map cell (r, c) covers pixels
 * 4c..4c+4, 4r..4r+4 of the image).
 */
class TestSkeletonCountRule {

    static final int ROWS = 32, COLS = 48, STRIDE = 4;
    static final Letterbox IDENTITY = Letterbox.fit(COLS * STRIDE, ROWS * STRIDE, COLS * STRIDE, ROWS * STRIDE);

    /** Saliency channels drawn cell by cell. */
    static final class Maps {
        final float[] sal = new float[3 * ROWS * COLS];

        Maps skeleton(int r1, int c1, int r2, int c2) { // filled rectangle of cells, inclusive
            for (int r = r1; r <= r2; r++) {
                for (int c = c1; c <= c2; c++) {
                    sal[r * COLS + c] = 0.9f;
                }
            }
            return this;
        }

        Maps intersection(int r, int c) {
            sal[2 * ROWS * COLS + r * COLS + c] = 0.9f;
            return this;
        }

        RawMaps raw() {
            return new RawMaps(1, ROWS, COLS, sal, new float[ROWS * COLS], new float[5 * ROWS * COLS]);
        }
    }

    /** A box over cells r1..r2, c1..c2 (inclusive), in image pixels. */
    static Detection box(int r1, int c1, int r2, int c2, double score) {
        double x1 = c1 * STRIDE, x2 = (c2 + 1) * STRIDE, y1 = r1 * STRIDE, y2 = (r2 + 1) * STRIDE;
        return new Detection(RotatedBox.of((x1 + x2) / 2, (y1 + y2) / 2, x2 - x1, y2 - y1, 0), score);
    }

    static List<Detection> run(Maps m, List<Detection> d, boolean merge, boolean split, boolean orphans) {
        return SkeletonCountRule.of(SkeletonCountRule.Settings.of(merge, split, orphans))
                .apply(d, m.raw(), IDENTITY, STRIDE);
    }

    /** Reference chromosomes elsewhere on the map, so the median box length is a chromosome's. */
    static Maps withReference(Maps m) {
        return m.skeleton(28, 2, 29, 13).skeleton(28, 20, 29, 31).skeleton(28, 36, 29, 46);
    }

    static List<Detection> reference() {
        return List.of(box(28, 2, 29, 13, 0.9), box(28, 20, 29, 31, 0.9), box(28, 36, 29, 46, 0.9));
    }

    static List<Detection> plus(List<Detection> a, Detection... more) {
        List<Detection> out = new java.util.ArrayList<>(a);
        out.addAll(List.of(more));
        return out;
    }

    @Test
    void twoBoxesEndToEndOnOneContinuousSkeletonAreOneChromosome() {
        Maps m = withReference(new Maps().skeleton(5, 5, 6, 24)); // one straight body, 20 cells long
        List<Detection> d = plus(reference(), box(5, 5, 6, 14, 0.95), box(5, 15, 6, 24, 0.8));
        List<Detection> out = run(m, d, true, false, false);
        assertEquals(4, out.size(), "the two halves become one box");
        Detection merged = out.get(0);
        assertEquals(0.95, merged.score(), 1e-12, "the merged box keeps the best score");
        assertEquals(80, merged.box().w(), 1e-6, "it spans both halves: cells 5-24");
        assertEquals(60, merged.box().cx(), 1e-6);
        assertEquals(6, run(m, d, false, false, false).size() + 1, "rule off: the boxes as they were");
    }

    @Test
    void sisterChromatidsBoxedSideBySideAreOneChromosome() {
        Maps m = withReference(new Maps().skeleton(4, 10, 7, 21)); // a body 4 cells wide: both chromatids
        List<Detection> d = plus(reference(), box(4, 10, 5, 21, 0.9), box(6, 10, 7, 21, 0.85));
        assertEquals(4, run(m, d, true, false, false).size());
    }

    @Test
    void aCrossingIsNeverMerged() {
        Maps m = withReference(new Maps().skeleton(5, 5, 6, 24).intersection(5, 15));
        List<Detection> d = plus(reference(), box(5, 5, 6, 14, 0.95), box(5, 15, 6, 24, 0.8));
        assertEquals(5, run(m, d, true, false, false).size());
    }

    @Test
    void twoChromosomesTouchingInAVAreNotMerged() {
        // an L of two bars meeting at a corner: one skeleton piece, but it does not fill the joint rectangle
        Maps m = withReference(new Maps().skeleton(2, 10, 3, 21).skeleton(4, 20, 15, 21));
        List<Detection> d = plus(reference(), box(2, 10, 3, 21, 0.9), box(4, 20, 15, 21, 0.9));
        assertEquals(5, run(m, d, true, false, false).size());
    }

    @Test
    void twoChromosomesEndToEndLongerThanAnyChromosomeAreNotMerged() {
        Maps m = withReference(new Maps().skeleton(10, 2, 11, 45)); // 44 cells, ~4x the median box
        List<Detection> d = plus(reference(), box(10, 2, 11, 23, 0.9), box(10, 24, 11, 45, 0.9));
        assertEquals(5, run(m, d, true, false, false).size());
    }

    @Test
    void boxesAtRightAnglesAreNotMergedParallelNeighboursAre() {
        // one blob holding three boxes side by side: the outer two are not merged directly (their joint
        // rectangle holds the middle box), but each is merged with the middle one, so the group is one
        Maps m = withReference(new Maps().skeleton(4, 10, 9, 21));
        List<Detection> d = plus(reference(), box(4, 10, 5, 21, 0.9), box(8, 10, 9, 21, 0.85), box(6, 10, 7, 21, 0.8));
        List<Detection> out = run(m, d, true, false, false);
        assertEquals(4, out.size(), "the adjacent pairs still merge (sister chromatids), all three into one group");
        // two boxes at right angles on one blob that fills their joint square: not one axis
        Maps sq = withReference(new Maps().skeleton(4, 10, 15, 21));
        List<Detection> cross = plus(reference(), box(4, 10, 7, 21, 0.9), box(4, 10, 15, 13, 0.8));
        assertEquals(5, run(sq, cross, true, false, false).size());
    }

    @Test
    void oneBoxOverTwoSkeletonPiecesIsTwoChromosomes() {
        Maps m = withReference(new Maps().skeleton(5, 5, 6, 14).skeleton(9, 5, 10, 14)); // two bodies, a gap between
        List<Detection> d = plus(reference(), box(5, 5, 10, 14, 0.9));
        List<Detection> out = run(m, d, false, true, false);
        assertEquals(5, out.size());
        Detection added = out.stream()
                .filter(x -> !x.equals(d.get(3)) && !reference().contains(x))
                .findFirst()
                .orElseThrow();
        assertEquals(40, added.box().w(), 1e-6, "the added box lies on the second piece: 10 cells long");
        assertEquals(8, added.box().h(), 1e-6, "and 2 cells wide");
        assertEquals(4, run(m, d, false, false, false).size());
    }

    @Test
    void aPieceCarryingItsOwnBoxIsNotAddedTwice() {
        Maps m = withReference(new Maps().skeleton(5, 5, 6, 14).skeleton(9, 5, 10, 14));
        List<Detection> d = plus(reference(), box(5, 5, 10, 14, 0.9), box(9, 5, 10, 14, 0.8));
        assertEquals(5, run(m, d, false, true, false).size());
    }

    @Test
    void aSkeletonPieceNoBoxTouchesIsAMissedChromosome() {
        Maps m = withReference(new Maps().skeleton(15, 30, 17, 36).skeleton(2, 2, 2, 3)); // a body + 2-cell noise
        List<Detection> out = run(m, reference(), false, false, true);
        assertEquals(4, out.size(), "the body without a box is added; the 2-cell speck is not");
        assertEquals(3, run(m, reference(), false, false, false).size());
    }

    @Test
    void offChangesNothing() {
        List<Detection> d = reference();
        assertSame(d, run(withReference(new Maps()), d, false, false, false));
    }

    @Test
    void rejectsImpossibleSettings() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new SkeletonCountRule.Settings(0, 0.5, 3, 0.6, 2.5, true, true, true));
        assertThrows(IllegalArgumentException.class, () -> SkeletonCountRule.Settings.of(true, true, true)
                .withFill(1.5));
    }
}
