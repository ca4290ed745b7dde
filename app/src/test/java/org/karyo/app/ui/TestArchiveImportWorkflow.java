package org.karyo.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.annotation.io.DatasetItem;
import org.karyo.app.Workspace;
import org.karyo.app.annotate.DatasetExport;
import org.karyo.app.archive.ArchiveCells;
import org.karyo.app.store.CaseRecord;
import org.karyo.app.store.StoreFixtures;
import org.karyo.app.ui.annotate.AnnotationTabs;
import org.karyo.app.ui.archive.ArchiveImportDialog;
import org.karyo.app.ui.viewer.ViewPolygon;
import org.karyo.core.SharedData;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Case > Import archive… through the real window on real CabinH pairs (../shared/data, skipped
 * with the reason when absent): the folder is paired (10 pairs), a rule typed in the window
 * narrows it to two (the rest listed as unpaired), the import runs in the background while the
 * window keeps answering, and the cells open in the Annotate tab lowest match score first with 46
 * classified outlines each; Accept cell makes the first join the dataset as checked. Cancel stops
 * a running import within its pair. With -Dkaryo.screenshots=DIR it writes the screenshot there.
 */
@ExtendWith(ApplicationExtension.class)
class TestArchiveImportWorkflow {

    static final Path HOME =
            Path.of(System.getProperty("karyo.home", "..")).toAbsolutePath().normalize();
    /** Two of the CabinH case's pairs (the quickest two; the command-line test runs all ten). */
    static final String TWO_PAIRS = "(?<cell>8129A\\.0(?:01|13))\\.(?<kind>[AK])\\.TIF";

    @TempDir
    static Path data;

    private Stage stage;
    private Workspace ws;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        System.setProperty("karyo.home", HOME.toString());
        System.setProperty("karyo.data", data.toString());
        this.stage = stage;
        ws = Workspace.open(data, "dr.lee", null, false);
        window = KaryoApplication.show(stage, ws, 1400, 900);
    }

    @AfterEach
    void close() throws Exception {
        FxThread.run(() -> {
            window.shutdown();
            ws.close();
        });
    }

    private ArchiveImportDialog openDialog(FxRobot robot, Path dir, String accession) throws Exception {
        CaseRecord c = StoreFixtures.newCase(ws.store(), accession);
        robot.interact(() -> window.model().open(c.id()));
        ArchiveImportDialog[] d = new ArchiveImportDialog[1];
        robot.interact(() -> d[0] = ArchiveImportAction.open(window, dir));
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> d[0].message().getText().contains("pairs,"));
        return d[0];
    }

    @Test
    void importTwoRealPairsIntoTheAnnotateTab(FxRobot robot) throws Exception {
        Path cabinh = SharedData.dir("real/cabinh-case-8129A");
        ArchiveImportDialog d = openDialog(robot, cabinh, "8129A");
        assertEquals(
                "10 pairs, 0 unpaired images: Import back-projects them into this case",
                d.message().getText());

        robot.clickOn("#archivePattern").write(TWO_PAIRS);
        robot.clickOn("#archivePairAgain");
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> d.message().getText().startsWith("2 pairs"));
        assertEquals(2 + 16, d.lines().getItems().size(), d.lines().getItems().toString());
        assertTrue(d.lines().getItems().get(0).startsWith("8129A.001: a/8129A.001.A.TIF + k/8129A.001.K.TIF"));
        assertTrue(d.lines().getItems().stream()
                .anyMatch(l -> l.equals("unpaired: a/8129A.004.A.TIF: name matches no pairing rule")));

        robot.clickOn("#archiveImport");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, d::isRunning);
        assertAnswering();

        AnnotationTabs tabs = window.annotation();
        WaitForAsyncUtils.waitFor(
                900, TimeUnit.SECONDS, () -> !tabs.archiveReview().queue().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(d.isShowing(), "every pair taken: the window closed itself");
        List<ArchiveCells.Imported> queue = tabs.archiveReview().queue();
        assertEquals(2, queue.size());
        assertTrue(queue.get(0).medianScore() <= queue.get(1).medianScore(), "lowest match score first");
        assertEquals(2, window.model().cells().size());
        assertEquals(queue.get(0).cellId(), window.model().cells().get(0).id(), "the cell list is the review order");
        assertTrue(tabs.isAnnotating(), "the Annotate tab is open");
        WaitForAsyncUtils.waitFor(
                20,
                TimeUnit.SECONDS,
                () -> tabs.annotation().cell() != null
                        && tabs.annotation().cell().id() == queue.get(0).cellId()
                        && tabs.annotation().view().getImage() != null);
        List<ViewPolygon> shown = tabs.annotation().layer().polygons();
        assertEquals(46, shown.size());
        Map<String, Long> byClass =
                shown.stream().collect(Collectors.groupingBy(ViewPolygon::label, Collectors.counting()));
        assertEquals(24, byClass.size(), byClass.toString());
        assertEquals(1L, byClass.get("X"));
        assertEquals(1L, byClass.get("Y"));
        assertEquals(2L, byClass.get("21"));
        assertTrue(tabs.archiveReview().isVisible());
        snapshot("archive-review.png");

        robot.clickOn("#archiveAccept");
        WaitForAsyncUtils.waitFor(
                20,
                TimeUnit.SECONDS,
                () -> tabs.annotation().cell() != null
                        && tabs.annotation().cell().id() == queue.get(1).cellId());
        List<DatasetItem> items = DatasetExport.items(ws.store());
        assertEquals(2, items.size());
        for (DatasetItem item : items) {
            boolean accepted = item.annotation()
                    .image()
                    .equals(window.model().cells().get(0).storedImage());
            long unchecked = item.annotation().instances().stream()
                    .filter(p -> p.flags().getOrDefault(DatasetExport.UNCHECKED_DRAFT, false))
                    .count();
            assertEquals(accepted ? 0 : 46, unchecked, item.annotation().image().toString());
            assertEquals(46, item.annotation().instances().size());
        }
    }

    @Test
    void cancelStopsARunningImport(FxRobot robot) throws Exception {
        Path cabinh = SharedData.dir("real/cabinh-case-8129A");
        ArchiveImportDialog d = openDialog(robot, cabinh, "8129A-C");
        robot.clickOn("#archiveImport");
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> d.message().getText().startsWith("Back-projecting"));
        long t0 = System.nanoTime();
        robot.clickOn("#archiveCancel");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !d.isRunning());
        double s = (System.nanoTime() - t0) / 1e9;
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(
                d.message().getText().startsWith("Cancelled after "),
                d.message().getText());
        assertTrue(d.isShowing(), "a cancelled import keeps its window, saying what was done");
        int done = Integer.parseInt(d.message().getText().replaceFirst("^Cancelled after (\\d+) of .*$", "$1"));
        assertTrue(done < 10, "stopped before the end: " + d.message().getText());
        assertEquals(done, window.model().cells().size(), "the finished pairs are kept, nothing else");
        System.out.printf("archive import cancelled %.1f s after Cancel%n", s);
        robot.interact(d::cancelOrClose);
    }

    /** The UI thread answers within a second while the import runs. */
    private static void assertAnswering() throws Exception {
        CompletableFuture<Boolean> ran = new CompletableFuture<>();
        Platform.runLater(() -> ran.complete(true));
        assertTrue(ran.get(1, TimeUnit.SECONDS));
    }

    private void snapshot(String name) throws Exception {
        String dir = System.getProperty("karyo.screenshots");
        if (dir == null) {
            return;
        }
        WaitForAsyncUtils.waitForFxEvents();
        var img = ReviewBenchmark.onFxGet(() -> stage.getScene().snapshot(null));
        Files.createDirectories(Path.of(dir));
        ImageIO.write(
                SwingFXUtils.fromFXImage(img, null), "png", Path.of(dir, name).toFile());
    }
}
