package org.karyo.app.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.karyo.app.store.Cell;
import org.karyo.app.store.CellStatus;

class TestCountTable {

    private static Cell cell(int i, int count) {
        return cell(i, count, CellStatus.REVIEWED);
    }

    private static Cell cell(int i, int count, CellStatus status) {
        return new Cell(
                i,
                1,
                i,
                "cell" + i,
                "/in/" + i + ".png",
                Path.of("/img/" + i),
                "h" + i,
                100,
                100,
                status,
                null,
                count,
                count);
    }

    private static List<Cell> cells(int n, int count) {
        List<Cell> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(cell(i + 1, count));
        }
        return out;
    }

    @Test
    void hookValues() {
        assertEquals(0.139, CountTable.mosaicismExcluded95(20), 0.001);
        assertEquals(0.095, CountTable.mosaicismExcluded95(30), 0.001);
        assertEquals(0.058, CountTable.mosaicismExcluded95(50), 0.001);
        assertTrue(Double.isNaN(CountTable.mosaicismExcluded95(0)));
        Map<Integer, Double> hook = CountTable.of(cells(3, 46)).guidance().hook();
        assertEquals(List.of(20, 30, 40, 50), List.copyOf(new java.util.TreeMap<>(hook).keySet()));
        assertEquals(CountTable.mosaicismExcluded95(40), hook.get(40), 1e-12);
    }

    @Test
    void panelAndReportStateTheSameHookFigureAndMode() {
        // 40 cells exclude 7.2 %: both say 8 % (rounded up, never overclaiming)
        CountTable forty = CountTable.of(cells(40, 46));
        assertTrue(
                forty.guidance().message().contains("mosaicism >= 8 % excluded"),
                forty.guidance().message());
        List<org.karyo.app.report.ReportCell> rc = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            rc.add(new org.karyo.app.report.ReportCell(
                    i, "c" + i, null, null, null, 46, 46, false, null, null, null, null));
        }
        assertEquals(8, org.karyo.app.report.CountStatistics.of(rc).mosaicismExcludedPercent());
        for (int n = 1; n <= 60; n++) {
            assertEquals(CountTable.mosaicismExcluded95(n), org.karyo.app.report.CountStatistics.hookExcluded(n));
        }
        // a 45/46 tie: both take 46
        List<Cell> tie = new ArrayList<>(List.of(cell(1, 45), cell(2, 45), cell(3, 46), cell(4, 46)));
        List<org.karyo.app.report.ReportCell> tieCells = tie.stream()
                .map(c -> new org.karyo.app.report.ReportCell(
                        c.ordinal(), c.label(), null, null, null, c.count(), c.count(), false, null, null, null, null))
                .toList();
        assertEquals(
                CountTable.of(tie).modalNumber(),
                org.karyo.app.report.CountStatistics.of(tieCells).modalNumber());
        assertEquals(46, CountTable.of(tie).modalNumber());
    }

    @Test
    void twentyNormalCellsCompleteTheStandardStudy() {
        CountTable t = CountTable.of(cells(20, 46));
        assertEquals(46, t.modalNumber());
        assertEquals(0, t.cellsStillToCount());
        assertEquals(Guidance.Stage.STANDARD, t.guidance().stage());
        assertEquals(
                "20 of 20 cells counted; modal 46; mosaicism >= 14 % excluded at 95 % confidence",
                t.guidance().message());
        assertEquals(0, t.unreviewed().size());
        assertEquals(
                "30 cells counted; modal 46; mosaicism >= 10 % excluded at 95 % confidence",
                CountTable.of(cells(30, 46)).guidance().message());
        CountTable partial = CountTable.of(cells(12, 46));
        assertEquals(8, partial.cellsStillToCount());
        assertTrue(partial.guidance().message().startsWith("12 of 20 cells counted; modal 46"));
        assertTrue(
                partial.guidance().message().endsWith("8 more to count"),
                partial.guidance().message());
    }

    @Test
    void excludedAndPendingCellsAreNotCounted() {
        List<Cell> cs = new ArrayList<>(cells(5, 46));
        cs.add(new Cell(90, 1, 90, "broken", "", Path.of("x"), "h", 1, 1, CellStatus.EXCLUDED, "broken cell", 30, 30));
        cs.add(new Cell(91, 1, 91, "new", "", Path.of("y"), "g", 1, 1, CellStatus.NOT_RUN, null, null, 0));
        cs.add(cell(92, 45));
        CountTable t = CountTable.of(cs);
        assertEquals(6, t.counted().size());
        assertEquals(List.of("broken: broken cell"), t.exclusionReasons());
        assertEquals(List.of("new"), t.pending().stream().map(Cell::label).toList());
        assertEquals(List.of("cell92"), t.nonModal().stream().map(Cell::label).toList());
        assertEquals(Map.of(45, 1, 46, 5), t.distribution());
    }

    @Test
    void guidanceGoesFrom20To30To50() {
        List<Cell> cs = new ArrayList<>(cells(19, 46));
        cs.add(cell(20, 45)); // one non-modal cell: extend to 30
        CountTable t = CountTable.of(cs);
        // one lost chromosome in one cell is usually lost in the preparation: no extension
        assertEquals(Guidance.Stage.STANDARD, t.guidance().stage());
        assertEquals(0, t.cellsStillToCount());
        assertEquals(
                "20 of 20 cells counted; modal 46; 1 cell off the mode (45); single-cell loss (45) not a "
                        + "clone: ISCN needs the same loss in 3 cells",
                t.guidance().message());

        cs.add(cell(21, 45)); // a loss in 2 cells is not yet a clone (ISCN: loss needs 3) but extends to 30
        assertEquals(Guidance.Stage.EXTENDED, CountTable.of(cs).guidance().stage());
        assertEquals(9, CountTable.of(cs).cellsStillToCount());
        cs.add(cell(22, 45));
        CountTable lossClone = CountTable.of(cs);
        assertEquals(Guidance.Stage.CLONE, lossClone.guidance().stage());
        assertEquals(45, lossClone.guidance().cloneCount());
        assertEquals(3, lossClone.guidance().cloneCells());
        assertEquals(28, lossClone.cellsStillToCount());

        List<Cell> gain = new ArrayList<>(cells(20, 46));
        gain.add(cell(21, 47));
        assertNull(CountTable.of(gain).guidance().cloneCount());
        assertEquals(Guidance.Stage.EXTENDED, CountTable.of(gain).guidance().stage(), "a single gain extends to 30");
        gain.add(cell(22, 47)); // a gain in 2 cells is a possible clone
        CountTable g = CountTable.of(gain);
        assertEquals(Guidance.Stage.CLONE, g.guidance().stage());
        assertEquals(47, g.guidance().cloneCount());
        assertTrue(
                g.guidance().message().contains("possible clone: 47 in 2 cells"),
                g.guidance().message());
        assertTrue(
                g.guidance().message().contains("28 more to count (study extended to 50)"),
                g.guidance().message());
    }

    @Test
    void noCellsYet() {
        CountTable t = CountTable.of(List.of());
        assertEquals(-1, t.modalNumber());
        assertEquals(20, t.cellsStillToCount());
        assertEquals("No cells reviewed yet; 20 cells to count", t.guidance().message());
    }

    @Test
    void adviceComesFromReviewedCellsOnlyAndDetectedOnlyCellsAreShownApart() {
        // the case: the detector says 45 in 3 of 4 cells of a normal patient, nobody reviewed
        List<Cell> cs = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            cs.add(cell(i, 45, CellStatus.DETECTED));
        }
        cs.add(cell(4, 46, CellStatus.DETECTED));
        CountTable none = CountTable.of(cs);
        assertEquals(-1, none.modalNumber());
        assertEquals(Guidance.Stage.STANDARD, none.guidance().stage());
        assertNull(none.guidance().cloneCount());
        assertEquals(
                "No cells reviewed yet; 20 cells to count; 4 cells detected only, not yet reviewed "
                        + "(not in this advice)",
                none.guidance().message());
        assertEquals(Map.of(45, 3, 46, 1), none.detectedOnlyDistribution());
        // off the detector's mode until something is reviewed: the list still leads to cells
        assertEquals(List.of("cell4"), none.nonModal().stream().map(Cell::label).toList());

        // two reviewed (corrected) to 46: the mode is theirs, the other two stay apart
        cs.set(0, cell(1, 46, CellStatus.REVIEWED));
        cs.set(1, cell(2, 46, CellStatus.REVIEWED));
        CountTable some = CountTable.of(cs);
        assertEquals(46, some.modalNumber());
        assertEquals(Map.of(46, 2), some.distribution());
        assertEquals(List.of("cell3"), some.nonModal().stream().map(Cell::label).toList());
        assertTrue(
                some.guidance().message().startsWith("2 of 20 cells counted; modal 46; mosaicism"),
                some.guidance().message());
        assertTrue(
                some.guidance().message().endsWith("; 2 cells detected only, not yet reviewed (not in this advice)"),
                some.guidance().message());
    }

    @Test
    void aTieIsStated() {
        List<Cell> cs = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            cs.add(cell(i, 45));
            cs.add(cell(10 + i, 46));
        }
        CountTable t = CountTable.of(cs);
        assertEquals(46, t.modalNumber());
        assertEquals(List.of(45, 46), t.tiedModes());
        assertTrue(
                t.guidance()
                        .message()
                        .contains("modal 46 (tie: 45 and 46 in 3 cells each; count more cells " + "to settle it)"),
                t.guidance().message());
        assertEquals(List.of(), CountTable.of(cells(5, 46)).tiedModes());
    }
}
