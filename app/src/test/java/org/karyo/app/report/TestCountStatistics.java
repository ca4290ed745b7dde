package org.karyo.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestCountStatistics {

    private static ReportCell cell(int i, int count, boolean excluded) {
        return new ReportCell(
                i,
                "c" + i,
                "c" + i + ".png",
                null,
                null,
                count,
                count,
                excluded,
                excluded ? "broken" : null,
                List.of(),
                null,
                null);
    }

    private static List<ReportCell> cells(int... counts) {
        List<ReportCell> out = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            out.add(cell(i + 1, counts[i], false));
        }
        return out;
    }

    @Test
    void hookLevelsMatchThePublishedTable() {
        // Hook 1977, 95 % confidence: 20 cells exclude 14 %, 30 cells 10 %, 50 cells 6 % mosaicism
        assertEquals(
                14,
                new CountStatistics(20, 46, List.of(), java.util.Map.of(), CountStatistics.hookExcluded(20))
                        .mosaicismExcludedPercent());
        assertEquals(0.139, CountStatistics.hookExcluded(20), 0.001);
        assertEquals(0.095, CountStatistics.hookExcluded(30), 0.001);
        assertEquals(0.058, CountStatistics.hookExcluded(50), 0.001);
        assertEquals(0.0, CountStatistics.hookExcluded(0));
        // every count of cells: the level excluded is exactly the one at which n normal cells have probability 5 %
        for (int n = 1; n <= 60; n++) {
            assertEquals(0.05, Math.pow(1 - CountStatistics.hookExcluded(n), n), 1e-12);
        }
    }

    @Test
    void modeNonModalCellsAndExclusions() {
        List<ReportCell> list = cells(46, 46, 45, 46, 47, 46);
        list.add(cell(7, 30, true));
        CountStatistics s = CountStatistics.of(list);
        assertEquals(6, s.cellsCounted());
        assertEquals(46, s.modalNumber());
        assertEquals(
                List.of("c3", "c5"),
                s.nonModal().stream().map(ReportCell::label).toList());
        assertEquals(4, s.distribution().get(46));
        assertFalse(s.distribution().containsKey(30));
        assertFalse(s.minimumMet());
        assertEquals(Math.ceil(CountStatistics.hookExcluded(6) * 100), s.mosaicismExcludedPercent());
    }

    @Test
    void tiesGoToTheCountNearer46AndTheMinimumIsTwentyCells() {
        assertEquals(46, CountStatistics.of(cells(45, 45, 46, 46)).modalNumber());
        assertEquals(45, CountStatistics.of(cells(44, 44, 45, 45)).modalNumber());
        int[] twenty = new int[20];
        java.util.Arrays.fill(twenty, 46);
        assertTrue(CountStatistics.of(cells(twenty)).minimumMet());
        CountStatistics none = CountStatistics.of(List.of());
        assertFalse(none.hasCells());
        assertEquals(0, none.cellsCounted());
    }
}
