package org.karyo.app.signoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.karyo.app.review.CountTable;
import org.karyo.app.signoff.SignOffCheck.Kind;
import org.karyo.app.store.Cell;
import org.karyo.app.store.CellStatus;

class TestSignOffChecks {

    private static Cell cell(int i, int count, CellStatus s) {
        return new Cell(i, 1, i, "c" + i, "/in/" + i, Path.of("/img/" + i), "h" + i, 100, 100, s, null, count, count);
    }

    private static List<Cell> reviewed(int n, int count) {
        List<Cell> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(cell(i, count, CellStatus.REVIEWED));
        }
        return out;
    }

    private static Map<Kind, SignOffCheck> run(
            List<Cell> cells, String karyotype, String sex, boolean lab, String name) {
        return SignOffChecks.run(CountTable.of(cells), karyotype, sex, lab, "root", name).stream()
                .collect(Collectors.toMap(SignOffCheck::kind, c -> c));
    }

    @Test
    void aCompleteNormalStudyPassesEveryCheck() {
        Map<Kind, SignOffCheck> r = run(reviewed(20, 46), "46,XY", "male", true, "Dr A. Moreau");
        r.values().forEach(c -> assertTrue(c.passed(), c.toString()));
        assertEquals(Kind.values().length, r.size());
    }

    @Test
    void theIssuesCaseIsRefusedForEveryReasonItHas() {
        // 10 cells, 9 unreviewed, two of them counted 57 and 76; "46,XY[10]" with only 4 cells at 46
        List<Cell> cells = new ArrayList<>();
        cells.add(cell(1, 46, CellStatus.REVIEWED));
        for (int i = 2; i <= 4; i++) {
            cells.add(cell(i, 46, CellStatus.DETECTED));
        }
        cells.add(cell(5, 57, CellStatus.DETECTED));
        cells.add(cell(6, 76, CellStatus.DETECTED));
        for (int i = 7; i <= 10; i++) {
            cells.add(cell(i, 45, CellStatus.DETECTED));
        }
        Map<Kind, SignOffCheck> r = run(cells, "46,XY[10]", "male", false, "root");
        assertEquals(
                "9 of 10 counted cells not reviewed (cell 2, cell 3, cell 4, cell 5, cell 6, cell 7, cell 8, "
                        + "cell 9, …): review them (R) or exclude them (E)",
                r.get(Kind.UNREVIEWED_CELLS).reason());
        assertEquals(
                "1 reviewed cell; a standard study needs 20 (19 more)",
                r.get(Kind.STUDY_SIZE).reason());
        assertTrue(r.get(Kind.ISCN_SYNTAX).passed());
        assertEquals(false, r.get(Kind.ISCN_COUNT).passed());
        assertEquals(
                "[10] cells stated but 1 reviewed cell has 46",
                r.get(Kind.ISCN_COUNT).reason());
        assertEquals(false, r.get(Kind.LABORATORY).passed());
        assertEquals(false, r.get(Kind.SIGNER_NAME).passed(), "the login is not a full name");
    }

    @Test
    void resultAgainstTheCountTableAndTheSex() {
        Map<Kind, SignOffCheck> r = run(reviewed(20, 46), "47,XY,+21", "male", true, "Dr B");
        assertEquals(false, r.get(Kind.ISCN_COUNT).passed());
        assertTrue(
                r.get(Kind.ISCN_COUNT)
                        .reason()
                        .startsWith("the result states 47 chromosomes but the modal number "
                                + "of the reviewed cells is 46 (46 in 20)"),
                r.get(Kind.ISCN_COUNT).reason());

        SignOffCheck sex = run(reviewed(20, 46), "46,XX", "male", true, "Dr B").get(Kind.ISCN_SEX);
        assertEquals(false, sex.passed());
        assertTrue(sex.reason().contains("XX disagree with the patient recorded as male"), sex.reason());
        assertTrue(run(reviewed(20, 46), "46,XX", "F", true, "Dr B")
                .get(Kind.ISCN_SEX)
                .passed());
        assertTrue(run(reviewed(20, 46), "46,XX", "unknown", true, "Dr B")
                .get(Kind.ISCN_SEX)
                .passed());

        // the issue's "46,XX,+21": the parser says the count does not match the gain
        SignOffCheck syntax =
                run(reviewed(3, 46), "46,XX,+21", "female", true, "Dr B").get(Kind.ISCN_SYNTAX);
        assertEquals(false, syntax.passed(), syntax.reason());

        // a mosaic: each cell line's [n] against the reviewed cells with that count
        List<Cell> mosaic = new ArrayList<>(reviewed(42, 46));
        for (int i = 0; i < 8; i++) {
            mosaic.add(cell(100 + i, 47, CellStatus.REVIEWED));
        }
        assertTrue(run(mosaic, "mos 47,XY,+21[8]/46,XY[42]", "male", true, "Dr B")
                .get(Kind.ISCN_COUNT)
                .passed());
        SignOffCheck wrong =
                run(mosaic, "mos 47,XY,+21[10]/46,XY[40]", "male", true, "Dr B").get(Kind.ISCN_COUNT);
        assertEquals(
                "cell line 47 states [10] cells but 8 reviewed cells have 47; cell line 46 states [40] cells but "
                        + "42 reviewed cells have 46",
                wrong.reason());
    }

    private static Map<Kind, SignOffCheck> run(
            List<Cell> cells, String karyotype, List<SignOffChecks.Karyogram> karyograms) {
        return SignOffChecks.run(CountTable.of(cells), karyotype, "male", true, "root", "Dr A. Moreau", karyograms)
                .stream()
                .collect(Collectors.toMap(SignOffCheck::kind, c -> c));
    }

    @Test
    void aResultMustAgreeWithTheAcceptedKaryogramsInNumberAndSexChromosomes() {
        List<SignOffChecks.Karyogram> normal =
                List.of(new SignOffChecks.Karyogram("cell 1", "46,XY"), new SignOffChecks.Karyogram("cell 4", "46,XY"));
        SignOffCheck ok = run(reviewed(20, 46), "46,XY", normal).get(Kind.ISCN_KARYOGRAMS);
        assertTrue(ok.passed(), ok.reason());
        assertEquals("2 karyograms agree in number and sex chromosomes", ok.reason());

        // the count table says 46 and the result agrees with it, but one karyogram shows a trisomy 21
        SignOffCheck trisomy = run(
                        reviewed(20, 46),
                        "46,XY",
                        List.of(
                                new SignOffChecks.Karyogram("cell 1", "46,XY"),
                                new SignOffChecks.Karyogram("cell 7", "47,XY,+21")))
                .get(Kind.ISCN_KARYOGRAMS);
        assertFalse(trisomy.passed());
        assertEquals(
                "cell 7's karyogram has 47 chromosomes (47,XY,+21), which no cell line of the result states: "
                        + "check the result or the karyograms",
                trisomy.reason());

        SignOffCheck sex = run(reviewed(20, 46), "46,XY", List.of(new SignOffChecks.Karyogram("cell 2", "46,XX")))
                .get(Kind.ISCN_KARYOGRAMS);
        assertFalse(sex.passed());
        assertTrue(sex.reason().startsWith("cell 2's karyogram reads XX, the result XY"), sex.reason());

        // a mosaic result covers karyograms of both its lines
        List<Cell> mosaic = reviewed(16, 46);
        for (int i = 17; i <= 20; i++) {
            mosaic.add(cell(i, 47, CellStatus.REVIEWED));
        }
        SignOffCheck both = run(
                        mosaic,
                        "47,XY,+21[4]/46,XY[16]",
                        List.of(
                                new SignOffChecks.Karyogram("cell 1", "46,XY"),
                                new SignOffChecks.Karyogram("cell 18", "47,XY,+21")))
                .get(Kind.ISCN_KARYOGRAMS);
        assertTrue(both.passed(), both.reason());

        SignOffCheck none = run(reviewed(20, 46), "46,XY", List.of()).get(Kind.ISCN_KARYOGRAMS);
        assertTrue(none.passed(), "no karyogram: nothing to compare");
    }
}
