package org.karyo.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.app.Workspace;
import org.karyo.app.report.KaryogramCsv;
import org.karyo.app.report.ReportKaryogram;
import org.karyo.app.report.ReportPdf;
import org.karyo.app.report.StoreReportSource;
import org.karyo.app.store.AuditEntry;
import org.karyo.app.store.CaseRecord;
import org.karyo.app.store.CellStatus;
import org.karyo.app.store.Karyograms;
import org.karyo.app.store.StoreFixtures;
import org.karyo.app.store.StoredKaryogram;
import org.karyo.inference.classify.ChromosomeClass;
import org.karyo.inference.classify.ClassifierModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The karyogram workflow through the real window: detect a cell with the bundled detector, open
 * its karyogram (K: the bundled classifier runs), drag one chromosome to another slot, undo,
 * accept; every step is audited, and the case's PDF report then holds the karyogram.
 * With -Dkaryo.screenshots=DIR the view is saved as DIR/karyogram-view.png.
 */
@ExtendWith(ApplicationExtension.class)
class TestKaryogramWorkflow {

    static final Path HOME =
            Path.of(System.getProperty("karyo.home", "..")).toAbsolutePath().normalize();
    static final Path DEMO = HOME.resolve("assets/demo/DEMO-0001");

    @TempDir
    static Path data;

    private Stage stage;
    private Workspace ws;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        assumeTrue(Files.isRegularFile(HOME.resolve(ClassifierModel.DEFAULT_RELATIVE)), "no bundled classifier");
        System.setProperty("karyo.home", HOME.toString());
        this.stage = stage;
        ws = Workspace.open(data, "dr.lee", null, false);
        window = KaryoApplication.show(stage, ws, 1400, 900);
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
    void detectOpenKaryogramDragUndoAcceptAndReport(FxRobot robot) throws Exception {
        CaseRecord c = StoreFixtures.newCase(ws.store(), "KT-0001");
        robot.interact(() -> {
            window.model().open(c.id());
            window.importPaths(List.of(DEMO.resolve("cell-01.png")));
        });
        robot.clickOn("#runDetection");
        WaitForAsyncUtils.waitFor(
                180,
                TimeUnit.SECONDS,
                () -> !window.statusBar().isRunning()
                        && window.model().cells().stream().allMatch(x -> x.status() == CellStatus.DETECTED));
        robot.interact(() -> {
            window.select(0);
            stage.toFront();
            stage.requestFocus();
        });
        long cellId = window.model().cells().get(0).id();

        // K opens the karyogram: the bundled classifier runs on the detected boxes first
        robot.type(KeyCode.K);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> robot.lookup("#karyogramCanvas")
                .tryQuery()
                .isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        KaryogramView view = (KaryogramView)
                robot.lookup("#karyogramCanvas").query().getScene().getWindow();
        int boxes = ws.store().boxes().list(cellId).size();
        assertEquals(boxes, view.editor().placements().size(), "every detected box is in the karyogram");
        StoredKaryogram proposed = Karyograms.of(ws.store()).find(cellId).orElseThrow();
        assertTrue(!proposed.karyotyped());
        String iscnBefore = view.editor().karyotype().iscn();
        screenshot(view);

        // drag chromosome 0 to a slot of another class
        int from = view.editor().placements().get(0).cls();
        int target = from == 0 ? 1 : 0;
        Node tile = robot.lookup("#kgTile-0").query();
        Node slot = robot.lookup("#kgSlot-" + ChromosomeClass.name(target)).query();
        robot.drag(tile).dropTo(slot);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(
                target,
                view.editor().placements().get(0).cls(),
                "dropped in the " + ChromosomeClass.name(target) + " slot");
        assertNotEquals(iscnBefore, view.editor().karyotype().iscn());
        assertTrue(audit(cellId).stream().anyMatch(a -> a.action().equals("karyogram.move")));

        // undo puts it back, and is audited too
        robot.clickOn("#karyogramUndo");
        assertEquals(from, view.editor().placements().get(0).cls());
        assertEquals(iscnBefore, view.editor().karyotype().iscn());
        assertTrue(audit(cellId).stream().anyMatch(a -> a.action().equals("undo:karyogram.move")));
        assertEquals(
                from,
                Karyograms.of(ws.store())
                        .find(cellId)
                        .orElseThrow()
                        .entries()
                        .get(0)
                        .cls(),
                "undo stored");

        // accept: the cell is karyotyped
        robot.clickOn("#karyogramAccept");
        StoredKaryogram accepted = Karyograms.of(ws.store()).find(cellId).orElseThrow();
        assertTrue(accepted.karyotyped());
        assertEquals("dr.lee", accepted.karyotypedBy());
        assertEquals(iscnBefore, accepted.iscn());
        robot.interact(view::close);

        // closing the view re-reads the case: the cell list marks the cell karyotyped, with its ISCN
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(iscnBefore, window.model().karyotyped().get(cellId));
        assertTrue(
                robot.lookup(".cell-detail").queryAllAs(javafx.scene.control.Label.class).stream()
                        .anyMatch(l -> l.getText().contains("karyotyped " + iscnBefore)),
                "the cell list shows the karyotyped mark");

        // the report holds the karyogram and the class counts
        List<ReportKaryogram> ks;
        Path pdf = data.resolve("karyogram-report.pdf");
        try (StoreReportSource src = StoreReportSource.of(ws.store(), data)) {
            ks = src.karyograms(c.id());
            ReportPdf.write(src.load(c.id()), src.audit(c.id()), ks, pdf, Instant.now());
        }
        assertEquals(1, ks.size());
        assertTrue(ks.get(0).image().getWidth() > 1500, "drawn at print resolution");
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            text = new PDFTextStripper().getText(doc);
        }
        assertTrue(text.contains("Karyograms of the karyotyped cells") && text.contains(iscnBefore), text);
        Path csv = data.resolve("cells-classes.csv");
        KaryogramCsv.write("KT-0001", ks, csv);
        List<String> rows = Files.readAllLines(csv);
        assertEquals(2, rows.size());
        assertTrue(rows.get(0).contains("chr21")
                && rows.get(1).contains(iscnBefore.contains(",") ? "\"" + iscnBefore + "\"" : iscnBefore));
        String out = System.getProperty("karyo.screenshots");
        if (out != null) {
            Files.copy(
                    pdf,
                    Path.of(out).resolve("karyogram-report.pdf"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private List<AuditEntry> audit(long cellId) {
        return ws.store().audit().forCell(cellId);
    }

    private static void screenshot(KaryogramView view) throws Exception {
        String out = System.getProperty("karyo.screenshots");
        if (out == null) {
            return;
        }
        WritableImage img = FxThread.call(() -> view.getScene().snapshot(null));
        Path file = Path.of(out).resolve("karyogram-view.png");
        Files.createDirectories(file.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", new File(file.toString()));
    }
}
