package org.karyo.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.app.cli.Karyo;
import org.karyo.app.store.AuditEntry;
import org.karyo.app.store.CaseStore;
import org.karyo.app.store.Cell;
import org.karyo.app.store.DetectionRun;
import org.karyo.app.store.StoreFixtures;
import picocli.CommandLine;

/** {@code karyo report --db} on a real store: a reviewed case, signed, as a draft, re-signed, and an unknown id. */
class TestStoreReport {

    @TempDir
    Path data;

    private CaseStore store;
    private Path db;
    private final StringWriter out = new StringWriter(), err = new StringWriter();

    @BeforeEach
    void open() throws IOException {
        assumeTrue(Files.isDirectory(StoreReportFixtures.DEMO), "demo case not found at " + StoreReportFixtures.DEMO);
        db = data.resolve("cases.db");
        store = CaseStore.open(db, data.resolve("images"), "dr.lee");
        StoreReportFixtures.laboratory(data, "North Cytogenetics Lab", "2 Gene Street");
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private int report(long caseId, Path pdf, String... more) {
        CommandLine cl = Karyo.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        List<String> args = new java.util.ArrayList<>(
                List.of("report", "--case", Long.toString(caseId), "--out", pdf.toString(), "--db", db.toString()));
        args.addAll(List.of(more));
        return cl.execute(args.toArray(String[]::new));
    }

    @Test
    void signedCaseReportMatchesTheStore() throws IOException {
        long id = StoreReportFixtures.reviewedCase(store, "DEMO-0001-A");
        StoreFixtures.signOffUnchecked(store, id);
        Path pdf = data.resolve("r.pdf"), cells = data.resolve("cells.csv"), audit = data.resolve("audit.csv");
        assertEquals(0, report(id, pdf, "--csv", cells.toString(), "--audit-csv", audit.toString()), err.toString());

        String text = PdfText.all(pdf);
        for (String s : List.of(
                "Patient ID: DEMO-0001",
                "Accession: DEMO-0001-A",
                "North Cytogenetics Lab, 2 Gene Street",
                "Karyotype: 46,XX",
                "Modal number 46",
                "Cells counted 4 (1 excluded)",
                "Cells analysed 3",
                "boxes added 1, removed 1, moved 1",
                "Reviewer(s) Ann Annotator, dr.lee",
                "Detection model " + StoreReportFixtures.MODEL + " 1.2.0",
                StoreReportFixtures.MODEL_SHA,
                "Signed off dr.lee, Lab lead",
                "Report version 1",
                "cell-05.png: " + StoreReportFixtures.EXCLUSION)) {
            assertTrue(text.contains(s), "missing '" + s + "'");
        }
        assertFalse(text.contains("DRAFT"), "a signed case is no draft");

        List<Cell> stored = store.cells().list(id);
        Map<String, ReportCsv.CellRow> rows =
                ReportCsv.readCells(cells).stream().collect(Collectors.toMap(ReportCsv.CellRow::label, r -> r));
        assertEquals(stored.size(), rows.size());
        for (Cell c : stored) {
            ReportCsv.CellRow r = rows.get(c.label());
            DetectionRun run = store.boxes().latestRun(c.id()).orElseThrow();
            assertEquals("DEMO-0001-A", r.accession());
            assertEquals(c.ordinal(), r.ordinal());
            assertEquals(c.sha256(), r.sha256());
            assertEquals(run.count(), r.detectedCount());
            assertEquals(c.count(), r.finalCount());
            assertEquals(store.boxes().list(c.id()).size(), r.finalCount());
            assertEquals(c.excluded(), r.excluded());
            assertEquals(c.exclusionReason(), r.exclusionReason());
        }
        // the edits as the fixture made them, and who is the cell's reviewer
        assertEquals(new ReportCell.Edits(1, 0, 0), rows.get("cell-01.png").edits());
        assertEquals(
                rows.get("cell-01.png").detectedCount() + 1,
                rows.get("cell-01.png").finalCount());
        assertEquals(new ReportCell.Edits(0, 1, 0), rows.get("cell-02.png").edits());
        assertEquals(new ReportCell.Edits(0, 0, 1), rows.get("cell-04.png").edits());
        assertEquals("dr.lee", rows.get("cell-01.png").reviewer(), "marked reviewed beats the last editor");
        assertEquals("Ann Annotator", rows.get("cell-02.png").reviewer(), "not marked: the last editor, by full name");
        assertEquals("dr.lee", rows.get("cell-05.png").reviewer(), "who excluded it");

        List<AuditEntry> trail = store.audit().forCase(id);
        List<ReportAuditEntry> csv = ReportCsv.readAudit(audit);
        assertEquals(trail.size(), csv.size());
        for (int i = 0; i < trail.size(); i++) {
            assertEquals(trail.get(i).action(), csv.get(i).action());
            assertEquals(trail.get(i).user(), csv.get(i).user());
            Long cellId = trail.get(i).cellId();
            assertEquals(
                    cellId == null
                            ? null
                            : store.cells().find(cellId).orElseThrow().label(),
                    csv.get(i).cell());
        }
        assertTrue(csv.stream().anyMatch(e -> e.action().equals("case.signoff") && e.cell() == null));
    }

    @Test
    void draftReopenedAndReSignedCasesAreVersioned() throws IOException {
        long id = StoreReportFixtures.reviewedCase(store, "DEMO-0001-B");
        Path pdf = data.resolve("draft.pdf");
        assertEquals(0, report(id, pdf));
        assertTrue(out.toString().contains("DRAFT"), out.toString());
        List<String> pages = PdfText.pages(pdf);
        assertTrue(pages.stream().allMatch(p -> p.contains("DRAFT")), "DRAFT on every page");
        assertTrue(pages.get(0).contains("Report version 1"));

        StoreFixtures.signOffUnchecked(store, id);
        store.cases().reopen(id, "cell 3 recounted");
        Path reopened = data.resolve("reopened.pdf");
        assertEquals(0, report(id, reopened));
        String draft2 = PdfText.all(reopened);
        assertTrue(draft2.contains("DRAFT") && draft2.contains("Report version 2"), "a reopened case drafts version 2");
        assertTrue(draft2.contains("cell 3 recounted"), "the reopening reason is in the audit trail");

        StoreFixtures.signOffUnchecked(store, id);
        Path resigned = data.resolve("resigned.pdf");
        assertEquals(0, report(id, resigned));
        String text = PdfText.all(resigned);
        assertTrue(text.contains("Report version 2"));
        assertFalse(text.contains("DRAFT"));
        assertEquals(2, store.cases().signOffs(id).size());
    }

    @Test
    void aCellNeverDetectedIsLeftOutOfTheCount() throws IOException {
        long id = StoreReportFixtures.reviewedCase(store, "DEMO-0001-C");
        store.cells().importImage(id, StoreReportFixtures.DEMO.resolve("cell-06.png"));
        try (StoreReportSource source = StoreReportSource.of(store, data)) {
            ReportCase rc = source.load(id);
            ReportCell pending = rc.cells().get(5);
            assertTrue(pending.excluded());
            assertEquals(StoreReportSource.NOT_COUNTED, pending.exclusionReason());
            assertNull(pending.detectedCount());
            assertEquals(4, rc.statistics().cellsCounted());
            assertEquals("North Cytogenetics Lab", rc.laboratory().name());
        }
    }

    @Test
    void unknownCaseIsAUsageError() {
        Path pdf = data.resolve("none.pdf");
        assertEquals(2, report(999, pdf));
        assertTrue(err.toString().contains("no case with id 999"), err.toString());
        assertTrue(Files.notExists(pdf));
    }

    @Test
    void withoutLaboratoryFileTheReportSaysSo() throws IOException {
        Files.delete(data.resolve(LaboratoryFile.FILE));
        long id = StoreReportFixtures.reviewedCase(store, "DEMO-0001-D");
        try (StoreReportSource source = StoreReportSource.of(store, data)) {
            assertEquals(
                    LaboratoryFile.NAME_NOT_SET, source.load(id).laboratory().name());
        }
    }

    @Test
    void cellsFromDifferentModelsAreNamedAsMixed() {
        ReportCase.ModelProvenance m = StoreReportSource.provenance(new java.util.LinkedHashSet<>(
                List.of(java.util.Arrays.asList("a", "1", "s1"), java.util.Arrays.asList("b", null, "s2"))));
        assertEquals("mixed (2 models): a 1; b", m.name());
        assertEquals("s1, s2", m.sha256());
        assertNull(StoreReportSource.provenance(new java.util.LinkedHashSet<>()));
    }
}
