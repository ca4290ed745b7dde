package org.karyo.inference.count;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestCaseSummary {

    private static List<CaseSummary.CellCount> counts(int... n) {
        List<CaseSummary.CellCount> out = new ArrayList<>();
        for (int i = 0; i < n.length; i++) {
            out.add(new CaseSummary.CellCount("cell" + (i + 1), n[i]));
        }
        return out;
    }

    @Test
    void modalNumberAndNonModalCells() {
        CaseSummary s = CaseSummary.of(counts(46, 46, 47, 46, 45, 46));
        assertEquals(46, s.modalNumber());
        assertEquals(
                List.of(new CaseSummary.CellCount("cell3", 47), new CaseSummary.CellCount("cell5", 45)), s.nonModal());
        assertEquals(4, s.distribution().get(46));
        assertEquals(6, s.cellCount());
    }

    @Test
    void trisomicCaseHasModal47() {
        CaseSummary s = CaseSummary.of(counts(47, 47, 47, 46, 47));
        assertEquals(47, s.modalNumber());
        assertEquals(1, s.nonModal().size());
    }

    @Test
    void tiesGoToTheCountNearer46() {
        assertEquals(46, CaseSummary.of(counts(45, 46, 45, 46)).modalNumber());
        assertEquals(45, CaseSummary.of(counts(44, 45, 44, 45)).modalNumber());
    }
}
