package org.karyo.app.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TestReferenceCount {

    @Test
    void reviewedModeComesFirstThenTheDetectorsModeThenFortySix() {
        var reviewed = ReferenceCount.of(List.of(47, 47, 46), List.of(46, 46, 46, 46));
        assertEquals(List.of(47), reviewed.counts(), "a trisomy reviewed: 47 is the reference, not 46");
        assertEquals(ReferenceCount.Basis.REVIEWED_MODE, reviewed.basis());

        var detected = ReferenceCount.of(List.of(), List.of(45, 46, 46, 47, 72, 46));
        assertEquals(List.of(46), detected.counts());
        assertEquals(ReferenceCount.Basis.DETECTED_MODE, detected.basis());

        // four cells, four counts: the tie-break nearest 46 would make 47 the mode of one cell
        var none = ReferenceCount.of(List.of(), List.of(53, 43, 47, 49));
        assertEquals(List.of(46), none.counts());
        assertEquals(ReferenceCount.Basis.DIPLOID, none.basis());
        assertEquals(List.of(46), ReferenceCount.of(List.of(), List.of()).counts());
    }

    @Test
    void aTiedModeKeepsEveryTiedCountAndOffByIsToTheNearest() {
        var tie = ReferenceCount.of(List.of(45, 45, 46, 46, 44), List.of());
        assertEquals(List.of(45, 46), tie.counts());
        assertEquals(0, tie.offBy(45));
        assertEquals(0, tie.offBy(46));
        assertEquals(-1, tie.offBy(44));
        assertEquals(2, tie.offBy(48));
        assertTrue(tie.describe().startsWith("45 or 46 (mode of the reviewed cells)"), tie.describe());
    }

    @Test
    void aCellOffTheReferenceIsFlaggedWhateverItsPlaces() {
        var ref = ReferenceCount.of(List.of(), List.of(46, 46, 45));
        Uncertainty none = new Uncertainty(List.of());
        assertTrue(none.withCount(45, ref).flagged());
        assertEquals(-1, none.withCount(45, ref).countOff());
        assertFalse(none.withCount(46, ref).flagged());
        assertTrue(
                none.withCount(45, ref).describe().startsWith("1 below 46 (mode of the detector's counts)"),
                none.withCount(45, ref).describe());
        // most uncertain first: off the reference (farthest first) before places
        List<Uncertainty> sorted = new java.util.ArrayList<>(
                List.of(none.withCount(46, ref), none.withCount(45, ref), none.withCount(72, ref)));
        sorted.sort(Uncertainty.ORDER);
        assertEquals(
                List.of(26, -1, 0), sorted.stream().map(Uncertainty::countOff).toList());
    }
}
