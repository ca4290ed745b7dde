package org.karyo.inference.count;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-set and overall agreement with the true counts, computed by hand for a small case. */
class TestTruthScore {

    private static CountTruth truth(String folder, Map<String, Integer> counts) {
        return new CountTruth(Path.of(folder, "counts.csv"), folder, counts);
    }

    @Test
    void scoresEachSetAndAllTogether() {
        CountTruth a = truth("labA", Map.of("c1", 46, "c2", 46, "c3", 46, "c4", 46));
        CountTruth b = truth("labB", Map.of("d1", 45, "d2", 46));
        List<CaseSummary.CellCount> counted = List.of(
                new CaseSummary.CellCount("x/labA/c1.TIF", 46), // exact
                new CaseSummary.CellCount("x/labA/c2.tif", 47), // +1
                new CaseSummary.CellCount("x/labA/c3.tif", 40), // -6
                new CaseSummary.CellCount("x/labA/c4.tif", 49), // +3
                new CaseSummary.CellCount("y/d1.png", 45), // exact
                new CaseSummary.CellCount("y/d2.png", 44), // -2
                new CaseSummary.CellCount("y/raw-frame.png", 12)); // no truth row
        TruthScore s = TruthScore.of(List.of(a, b), counted);

        CountAgreement la = s.sets().get(0);
        assertEquals("labA", la.set());
        assertEquals(4, la.size());
        assertEquals(1, la.exact());
        assertEquals(2, la.withinOne());
        assertEquals(0.25, la.exactShare(), 1e-12);
        assertEquals(0.5, la.withinOneShare(), 1e-12);
        assertEquals((0 + 1 + 6 + 3) / 4.0, la.meanAbsoluteError(), 1e-12);
        assertEquals((0 + 1 - 6 + 3) / 4.0, la.bias(), 1e-12);

        CountAgreement lb = s.sets().get(1);
        assertEquals(2, lb.size());
        assertEquals(1, lb.exact());
        assertEquals(1.0, lb.meanAbsoluteError(), 1e-12);
        assertEquals(-1.0, lb.bias(), 1e-12);

        assertEquals(6, s.overall().size());
        assertEquals(2, s.overall().exact());
        assertEquals(3, s.overall().withinOne());
        assertEquals(12 / 6.0, s.overall().meanAbsoluteError(), 1e-12);
        assertEquals(-4 / 6.0, s.overall().bias(), 1e-12);
        assertEquals(List.of("y/raw-frame.png"), s.unmatched());

        String report = s.report();
        assertTrue(report.contains("over 3"), report);
        assertTrue(report.contains("under 6"), report);
        assertTrue(
                report.contains("1 counted cell(s) have no row in the truth file(s), not scored:\n  y/raw-frame.png"),
                report);
        assertTrue(
                report.lines()
                        .anyMatch(l -> l.startsWith("all ") && l.contains("MAE   2.00") && l.contains("bias  -0.67")),
                report);

        Map<String, Object> json = s.toJson();
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) ((List<?>) json.get("sets")).get(0);
        assertEquals(0.25, first.get("exact_share"));
        assertEquals(4, ((List<?>) first.get("per_cell")).size());
        assertEquals(List.of("y/raw-frame.png"), json.get("without_truth"));
    }

    @Test
    void aSetWithoutMatchingCellsHasNoFiguresRatherThanZeros() {
        TruthScore s = TruthScore.of(
                List.of(truth("labA", Map.of("c1", 46))), List.of(new CaseSummary.CellCount("other.png", 46)));
        assertEquals(0, s.sets().get(0).size());
        assertTrue(Double.isNaN(s.sets().get(0).meanAbsoluteError()));
        assertEquals(null, s.sets().get(0).toJson(false).get("mean_absolute_error"));
    }
}
