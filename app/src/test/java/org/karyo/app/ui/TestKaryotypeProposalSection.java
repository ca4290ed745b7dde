package org.karyo.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.karyo.app.karyogram.KaryotypeProposal;

/** What the sign-off dialog shows of the karyotype proposal. */
class TestKaryotypeProposalSection {

    @Test
    void agreeingResultShowsTheProposalOnly() {
        KaryotypeProposal p = KaryotypeProposal.of(List.of("47,XY,+21", "47,XY,+21"), 47);
        List<String> lines = KaryotypeProposalSection.lines(p, "47,XY,+21");
        assertEquals(List.of("Proposed from 2 karyotyped cell(s): 47,XY,+21"), lines);
    }

    @Test
    void aTypedResultThatDiffersIsShownBeforeSigning() {
        KaryotypeProposal p = KaryotypeProposal.of(List.of("47,XY,+21", "47,XY,+21"), 47);
        List<String> lines = KaryotypeProposalSection.lines(p, "46,XY");
        assertTrue(lines.stream().anyMatch(l -> l.contains("46,XY differs") && l.startsWith("•")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("no karyotyped cell has 46")), lines.toString());
    }

    @Test
    void noKaryotypedCellSaysHowToMakeOne() {
        List<String> lines = KaryotypeProposalSection.lines(KaryotypeProposal.of(List.of(), 46), "46,XX");
        assertTrue(lines.get(0).startsWith("No karyotyped cells"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("0 cell(s) karyotyped")), lines.toString());
    }
}
