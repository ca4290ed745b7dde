package org.karyo.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.app.Workspace;
import org.karyo.app.report.ReportCsv;
import org.karyo.app.report.StoreReportFixtures;
import org.karyo.app.store.StoreFixtures;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Case > Report… on a reviewed case: Ctrl+P opens the preview, the pages are rendered in the
 * background, and saving writes the previewed PDF (DRAFT until signed off) and the CSVs.
 */
@ExtendWith(ApplicationExtension.class)
class TestReportDialog {

    @TempDir
    static Path data;

    private Stage stage;
    private Workspace ws;
    private MainWindow window;
    private long caseId;

    @Start
    void start(Stage stage) throws Exception {
        assumeTrue(Files.isDirectory(StoreReportFixtures.DEMO), "demo case not found at " + StoreReportFixtures.DEMO);
        this.stage = stage;
        Path dir = Files.createTempDirectory(data, "ws-");
        ws = Workspace.open(dir, "dr.lee", null, false);
        StoreReportFixtures.laboratory(dir, "Dialog Test Lab", "3 Preview Lane");
        caseId = StoreReportFixtures.reviewedCase(ws.store(), "DEMO-0001-A");
        window = KaryoApplication.show(stage, ws, 1200, 800);
        window.model().open(caseId);
    }

    @AfterEach
    void close() throws Exception {
        if (window != null) {
            FxThread.run(() -> {
                window.shutdown();
                ws.close();
            });
        }
    }

    @Test
    void ctrlPPreviewsADraftAndSavesItAsDraft(FxRobot robot) throws Exception {
        robot.interact(() -> {
            stage.toFront();
            stage.requestFocus();
        });
        robot.press(KeyCode.CONTROL).type(KeyCode.P).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        ReportDialog dialog =
                (ReportDialog) robot.lookup("#reportPreview").query().getScene().getWindow();
        int pages = awaitPreview(dialog);
        assertEquals(
                pages,
                robot.lookup("#reportPages")
                        .queryAs(javafx.scene.layout.VBox.class)
                        .getChildren()
                        .size());
        assertTrue(
                robot.lookup("#reportStatus").queryAs(Labeled.class).getText().contains("DRAFT"));

        Path pdf = data.resolve("draft.pdf"), cells = data.resolve("cells.csv");
        dialog.savePdf(pdf);
        assertEquals(pages, pageCount(pdf), "the saved PDF is the one previewed");
        String text = text(pdf);
        assertTrue(text.contains("DRAFT") && text.contains("DEMO-0001-A") && text.contains("Dialog Test Lab"), text);
        dialog.saveCsv(cells);
        assertEquals(5, ReportCsv.readCells(cells).size());
        assertEquals(
                ws.store().audit().forCase(caseId).size(),
                ReportCsv.readAudit(data.resolve("cells-audit.csv")).size());

        robot.clickOn("#closeReport");
        robot.interact(() -> {
            stage.toFront();
            stage.requestFocus();
        });
        assertFalse(dialog.isShowing());
    }

    @Test
    void aSignedCaseIsPreviewedAndSavedWithoutDraft(FxRobot robot) throws Exception {
        robot.interact(() -> {
            StoreFixtures.signOffUnchecked(ws.store(), caseId);
            window.model().reload();
        });
        ReportDialog[] opened = new ReportDialog[1];
        robot.interact(() -> opened[0] = window.showReport());
        assertNotNull(opened[0]);
        int pages = awaitPreview(opened[0]);
        Path pdf = data.resolve("signed.pdf");
        opened[0].savePdf(pdf);
        assertEquals(pages, pageCount(pdf));
        String text = text(pdf);
        assertFalse(text.contains("DRAFT"));
        assertTrue(text.contains("Signed off dr.lee"), text);
        robot.interact(opened[0]::close);
    }

    @Test
    void theAuditCsvIsNamedAfterTheCellsCsv() {
        assertEquals(Path.of("out", "case-audit.csv"), ReportDialog.auditFileFor(Path.of("out", "case.csv")));
        assertEquals(Path.of("case.txt-audit.csv"), ReportDialog.auditFileFor(Path.of("case.txt")));
    }

    private static int awaitPreview(ReportDialog d) throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> d.pageCount() > 0);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(d.pageCount() > 0);
        return d.pageCount();
    }

    private static int pageCount(Path pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return doc.getNumberOfPages();
        }
    }

    private static String text(Path pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(doc);
        }
    }
}
