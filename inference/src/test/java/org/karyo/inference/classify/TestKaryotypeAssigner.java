package org.karyo.inference.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestKaryotypeAssigner {

    /** A confident call: p 0.9 for the class, 0.08 for its neighbour in ISCN order, 0.02 for "none". */
    static ChromosomeCall call(int i, int cls) {
        return call(i, cls, 0.9f, cls == 0 ? 1 : cls - 1, 0.08f);
    }

    static ChromosomeCall call(int i, int cls, float p, int other, float q) {
        float[] probs = new float[ChromosomeClass.OUTPUTS];
        float rest = 1f - p - q;
        probs[cls] += p;
        probs[other] += q;
        probs[ChromosomeClass.NONE] += rest;
        return new ChromosomeCall(i, null, probs, 0.9f);
    }

    static List<ChromosomeCall> cell(boolean male, int... extra) {
        List<ChromosomeCall> calls = new ArrayList<>();
        for (int k = 0; k < 22; k++) {
            calls.add(call(calls.size(), k));
            calls.add(call(calls.size(), k));
        }
        calls.add(call(calls.size(), ChromosomeClass.X));
        calls.add(call(calls.size(), male ? ChromosomeClass.Y : ChromosomeClass.X));
        for (int e : extra) {
            calls.add(call(calls.size(), e));
        }
        return calls;
    }

    @Test
    void normalCellsAreNormal() {
        assertEquals("46,XY", KaryotypeAssigner.assign(cell(true)).iscn());
        CellKaryotype xx = KaryotypeAssigner.assign(cell(false));
        assertEquals("46,XX", xx.iscn());
        assertTrue(xx.findings().isEmpty(), xx.findings().toString());
    }

    @Test
    void trisomy21IsShownNotHidden() {
        List<ChromosomeCall> calls = cell(true);
        // the third 21 is only moderately sure against 22: still a gain of 21, never moved to 22
        calls.add(call(calls.size(), 20, 0.6f, 21, 0.38f));
        CellKaryotype k = KaryotypeAssigner.assign(calls);
        assertEquals("47,XY,+21", k.iscn());
        assertTrue(
                k.findings().stream()
                        .anyMatch(f -> f.kind() == Finding.Kind.GAIN
                                && f.cls() == 20
                                && f.calls().size() == 3
                                && f.evidence().contains("p(21)")),
                k.findings().toString());
    }

    @Test
    void monosomyXIsShown() {
        List<ChromosomeCall> calls = cell(false);
        calls.remove(calls.size() - 1);
        CellKaryotype k = KaryotypeAssigner.assign(calls);
        assertEquals("45,X", k.iscn());
        assertTrue(k.findings().stream().anyMatch(f -> f.kind() == Finding.Kind.SEX_COMPLEMENT));
    }

    @Test
    void klinefelterIsShown() {
        CellKaryotype k = KaryotypeAssigner.assign(cell(true, ChromosomeClass.X));
        assertEquals("47,XXY", k.iscn());
        assertTrue(k.findings().stream()
                .anyMatch(f ->
                        f.kind() == Finding.Kind.SEX_COMPLEMENT && f.evidence().contains("XXY")));
    }

    @Test
    void lossOfAnAutosomeNamesWhereTheMissingOneMayBe() {
        List<ChromosomeCall> calls = cell(true);
        calls.remove(14); // one chromosome 8
        CellKaryotype k = KaryotypeAssigner.assign(calls);
        assertEquals("45,XY,-8", k.iscn());
        assertTrue(k.findings().stream().anyMatch(f -> f.kind() == Finding.Kind.LOSS && f.cls() == 7));
    }

    @Test
    void aLookAlikeIsMovedToTheFreeSlotAndTheMoveIsReported() {
        List<ChromosomeCall> calls = cell(true);
        // one of the two 4s looks slightly more like a 5 (there are already two confident 5s)
        calls.set(6, call(6, 4, 0.52f, 3, 0.45f));
        CellKaryotype k = KaryotypeAssigner.assign(calls);
        assertEquals("46,XY", k.iscn());
        assertEquals(3, k.placements().get(6).cls());
        assertTrue(k.placements().get(6).reassigned());
        assertTrue(k.placements().get(6).lowConfidence());
        assertTrue(k.findings().stream()
                .anyMatch(f -> f.kind() == Finding.Kind.REASSIGNED && f.calls().equals(List.of(6))));
    }

    @Test
    void debrisIsUnsureAndNeverPlacedInASlot() {
        List<ChromosomeCall> calls = cell(false);
        float[] p = new float[ChromosomeClass.OUTPUTS];
        p[ChromosomeClass.NONE] = 0.85f;
        p[20] = 0.15f;
        calls.add(new ChromosomeCall(calls.size(), null, p, 0.5f));
        CellKaryotype k = KaryotypeAssigner.assign(calls);
        assertEquals("46,XX", k.iscn());
        assertEquals(1, k.unsureCount());
        assertTrue(k.placements().get(46).unsure());
        assertTrue(k.findings().stream().anyMatch(f -> f.kind() == Finding.Kind.UNSURE));
    }

    @Test
    void aChromosomeThatFitsNothingIsUnsure() {
        List<ChromosomeCall> calls = cell(true);
        float[] p = new float[ChromosomeClass.OUTPUTS];
        for (int k = 0; k < ChromosomeClass.OUTPUTS; k++) {
            p[k] = 1f / ChromosomeClass.OUTPUTS; // every class at 0.04: below the unsure ceiling
        }
        calls.add(new ChromosomeCall(calls.size(), null, p, 0.5f));
        CellKaryotype k = KaryotypeAssigner.assign(calls);
        assertTrue(k.placements().get(46).unsure());
        assertEquals("46,XY", k.iscn());
    }

    /** p(cls) = p, p(not a chromosome) = 1 - p: the reject class fired on a neighbour's fragment. */
    static ChromosomeCall halfRejected(int i, int cls, float p) {
        float[] probs = new float[ChromosomeClass.OUTPUTS];
        probs[cls] = p;
        probs[ChromosomeClass.NONE] = 1f - p;
        return new ChromosomeCall(i, null, probs, 0.9f);
    }

    @Test
    void aHalfRejectedChromosomeFillsItsVacancyInsteadOfMakingALoss() {
        List<ChromosomeCall> calls = cell(false);
        calls.set(30, halfRejected(30, 15, 0.35f)); // a 16 whose first choice is "not a chromosome"
        CellKaryotype k = KaryotypeAssigner.assign(calls);
        assertEquals("46,XX", k.iscn());
        assertEquals(15, k.placements().get(30).cls());
        assertTrue(k.placements().get(30).lowConfidence(), "placed against the first choice: marked");
    }

    @Test
    void aGainIsNotHiddenInTheVacancyOfAHalfRejectedChromosome() {
        List<ChromosomeCall> calls = cell(true);
        calls.set(42, halfRejected(42, 21, 0.45f)); // one 22 half rejected
        // a clear third 21; before, the 22 the reject class vacated took it in
        calls.add(call(calls.size(), 20, 0.95f, 21, 0.02f));
        CellKaryotype k = KaryotypeAssigner.assign(calls);
        assertEquals("47,XY,+21", k.iscn());
        assertEquals(21, k.placements().get(42).cls());
    }

    @Test
    void aSexChromosomeLookAlikeDoesNotHideMonosomyX() {
        List<ChromosomeCall> calls = cell(false);
        calls.remove(calls.size() - 1); // 45,X
        calls.set(12, call(12, 6, 0.6f, ChromosomeClass.X, 0.38f)); // a 7 that looks a bit like an X
        CellKaryotype k = KaryotypeAssigner.assign(calls);
        assertEquals("45,X", k.iscn());
    }

    @Test
    void weakEvidenceForAGainLosesToANormalKaryotype() {
        List<ChromosomeCall> calls = cell(true);
        // two look-alikes: a 4 at 0.55/0.45 against 5 where the cell has two 4s and one 5: a 5
        calls.remove(8); // one 5 missing
        calls.add(call(calls.size(), 3, 0.55f, 4, 0.44f));
        CellKaryotype k = KaryotypeAssigner.assign(calls);
        assertEquals("46,XY", k.iscn());
    }

    @Test
    void editedPlacementsAreSummarisedAgain() {
        List<ChromosomeCall> calls = cell(true);
        CellKaryotype k = KaryotypeAssigner.assign(calls);
        List<Placement> edited = new ArrayList<>(k.placements());
        edited.set(42, edited.get(42).withClass(20, calls.get(42).probability(20))); // a 22 dragged to 21
        CellKaryotype e = KaryotypeSummary.of(edited, calls);
        assertEquals("46,XY,+21,-22", e.iscn());
        assertFalse(e.findings().isEmpty());
    }
}
