package org.karyo.app.karyogram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TestKaryotypeProposal {

    @Test
    void oneCellLineIsTheResult() {
        KaryotypeProposal p = KaryotypeProposal.of(List.of("47,XY,+21", "47,XY,+21"), 47);
        assertEquals("47,XY,+21", p.iscn());
        assertTrue(p.notes().isEmpty(), p.notes().toString());
        assertTrue(p.disagreements("47,XY,+21").isEmpty());
        assertTrue(p.disagreements("46,XY").size() >= 1);
    }

    @Test
    void mosaicismListsAbnormalLineFirstWithCellCounts() {
        KaryotypeProposal p = KaryotypeProposal.of(List.of("46,XX", "45,X", "46,XX", "45,X", "46,XX"), 46);
        assertEquals("45,X[2]/46,XX[3]", p.iscn());
    }

    @Test
    void countTableAndKaryotypedCellsDisagreeingIsANote() {
        KaryotypeProposal p = KaryotypeProposal.of(List.of("47,XXY", "47,XXY"), 46);
        assertTrue(
                p.notes().stream().anyMatch(n -> n.contains("modal number is 46")),
                p.notes().toString());
    }

    @Test
    void tooFewKaryotypedCellsIsANote() {
        assertTrue(KaryotypeProposal.of(List.of("46,XY"), 46).notes().get(0).contains("at least 2"));
        assertEquals("", KaryotypeProposal.of(List.of(), 46).iscn());
    }
}
