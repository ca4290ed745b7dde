package org.karyo.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.annotation.ChromosomeLabel;
import org.karyo.annotation.InstancePolygon;
import org.karyo.annotation.Vertex;
import org.karyo.annotation.io.LabelMeIo;
import org.karyo.app.Workspace;
import org.karyo.app.store.CaseRecord;
import org.karyo.app.store.Cell;
import org.karyo.app.store.DetectionRun;
import org.karyo.app.store.StoreFixtures;
import org.karyo.app.store.StoredPolygon;
import org.karyo.app.ui.annotate.AnnotationPane;
import org.karyo.app.ui.annotate.AnnotationTabs;
import org.karyo.app.ui.viewer.CellView;
import org.karyo.app.ui.viewer.PolygonTool;
import org.karyo.core.geometry.RotatedBox;
import org.karyo.inference.detect.Detection;
import org.karyo.trainingbridge.ModelRegistry;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The annotation tab end to end through the real window: draw an outline by clicks, refine it with
 * GrabCut, edit vertices, undo, seed a cell from its detections, export the dataset, train a tiny
 * model through the training bridge and find it listed and activatable. Clicks and keys are
 * counted for docs/annotation.md; with -Dkaryo.screenshots=DIR it writes the screenshots there.
 */
@ExtendWith(ApplicationExtension.class)
class TestAnnotationWorkflow {

    static final Path HOME =
            Path.of(System.getProperty("karyo.home", "..")).toAbsolutePath().normalize();
    static final Path DEMO = HOME.resolve("assets/demo/DEMO-0001");

    @TempDir
    static Path data;

    private Stage stage;
    private Workspace ws;
    private MainWindow window;
    private int clicks;
    private int keys;

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

    /** Two patients' cases; the detector's boxes stand in as the ground truth's rectangles (no model run). */
    private CaseRecord setUpCases() throws Exception {
        CaseRecord a = StoreFixtures.newCase(ws.store(), "CYT-A");
        for (String name : List.of("cell-01", "cell-02")) {
            Cell c = ws.store().cells().importImage(a.id(), DEMO.resolve(name + ".png"));
            List<Detection> boxes = truth(name).stream()
                    .map(p -> new Detection(p.minAreaRect(), 0.97))
                    .toList();
            ws.store().boxes().replaceWithDetections(c.id(), DetectionRun.of(c.id(), "truth", "1", "none"), boxes);
        }
        // the second patient's cell is annotated already (its ground truth), so the split has validation
        CaseRecord b = StoreFixtures.newCase(ws.store(), "CYT-B");
        Cell other = ws.store().cells().importImage(b.id(), DEMO.resolve("cell-04.png"));
        ws.store()
                .polygons()
                .addAll(
                        other.id(),
                        truth("cell-04").stream().map(InstancePolygon::points).toList(),
                        ChromosomeLabel.CHROMOSOME,
                        false,
                        "polygon.add");
        return a;
    }

    private static List<InstancePolygon> truth(String name) throws Exception {
        return LabelMeIo.read(DEMO.resolve(name + ".json")).annotation().instances();
    }

    @Test
    void drawRefineEditUndoSeedExportTrain(FxRobot robot) throws Exception {
        CaseRecord caseA = setUpCases();
        robot.interact(() -> window.model().open(caseA.id()));
        AnnotationTabs tabs = window.annotation();
        AnnotationPane pane = tabs.annotation();
        CellView view = pane.view();
        robot.interact(() -> tabs.select(1));
        clicks++;
        WaitForAsyncUtils.waitFor(
                20,
                TimeUnit.SECONDS,
                () -> view.getImage() != null && view.getImage().getWidth() > 0);
        WaitForAsyncUtils.waitForFxEvents();
        long cellA = pane.cell().id();

        // ---- from scratch: the largest chromosome with nothing else near it, by clicks, then GrabCut
        List<InstancePolygon> all = truth("cell-01");
        InstancePolygon target = all.stream()
                .filter(p -> isolated(p, all))
                .max(Comparator.comparingDouble(InstancePolygon::area))
                .orElseThrow();
        RotatedBox box = target.minAreaRect();
        int clicksBefore = clicks;
        int keysBefore = keys;
        key(robot, KeyCode.P);
        assertEquals(PolygonTool.DRAW, pane.layer().toolProperty().get());
        double[] c = box.corners();
        for (int i = 0; i < 4; i++) {
            click(robot, screen(view, c[2 * i], c[2 * i + 1]));
        }
        key(robot, KeyCode.ENTER);
        List<StoredPolygon> stored = ws.store().polygons().list(cellA);
        assertEquals(
                1, stored.size(), () -> "status: " + window.statusBar().message.getText());
        StoredPolygon drawn = stored.get(0);
        assertEquals(4, drawn.points().size());
        assertEquals(drawn.id(), pane.layer().selectedProperty().get());

        key(robot, KeyCode.G);
        WaitForAsyncUtils.waitFor(
                60, TimeUnit.SECONDS, () -> !pane.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(
                pane.layer().proposal(),
                () -> "GrabCut proposal; status: " + window.statusBar().message.getText());
        snapshot("annotation-refine-proposal.png");
        key(robot, KeyCode.ENTER);
        List<Vertex> refined =
                ws.store().polygons().find(drawn.id()).orElseThrow().points();
        assertTrue(refined.size() > 4, "GrabCut follows the chromosome: " + refined.size() + " points");
        double truthIou = iou(refined, target.points(), 700, 550);
        assertTrue(truthIou > 0.6, "refined outline overlaps the true one, IoU " + truthIou);
        int scratchClicks = clicks - clicksBefore;
        int scratchKeys = keys - keysBefore;

        // ---- edit: drag a vertex, undo it; insert a vertex on an edge, Alt+click deletes it
        key(robot, KeyCode.V);
        Vertex v0 = refined.get(0);
        robot.drag(screen(view, v0.x(), v0.y()), MouseButton.PRIMARY)
                .moveTo(screen(view, v0.x() + 8, v0.y() + 6))
                .release(MouseButton.PRIMARY);
        clicks++;
        WaitForAsyncUtils.waitForFxEvents();
        List<Vertex> moved =
                ws.store().polygons().find(drawn.id()).orElseThrow().points();
        assertNotEquals(v0, moved.get(0), "vertex dragged and saved");
        assertEquals(refined.size(), moved.size());
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        keys++;
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(
                refined, ws.store().polygons().find(drawn.id()).orElseThrow().points(), "undo restores the outline");
        robot.push(KeyCode.CONTROL, KeyCode.Y);
        keys++;
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(moved, ws.store().polygons().find(drawn.id()).orElseThrow().points(), "redo");
        Vertex a = moved.get(1);
        Vertex b = moved.get(2);
        Vertex mid = Vertex.of((a.x() + b.x()) / 2, (a.y() + b.y()) / 2);
        if (Math.hypot(a.x() - b.x(), a.y() - b.y()) * view.getViewState().scale() > 20) {
            click(robot, screen(view, mid.x(), mid.y()));
            assertEquals(
                    moved.size() + 1,
                    ws.store()
                            .polygons()
                            .find(drawn.id())
                            .orElseThrow()
                            .points()
                            .size(),
                    "a click on an edge inserts a vertex");
            robot.press(KeyCode.ALT);
            click(robot, screen(view, mid.x(), mid.y()));
            robot.release(KeyCode.ALT);
            assertEquals(
                    moved, ws.store().polygons().find(drawn.id()).orElseThrow().points(), "Alt+click deletes it");
        }
        // label it 1 (the largest chromosome) with the combo
        robot.interact(() -> pane.labelChoice().setValue(ChromosomeLabel.C1));
        clicks += 2;
        assertEquals(
                ChromosomeLabel.C1,
                ws.store().polygons().find(drawn.id()).orElseThrow().label());

        // ---- freehand outline, deleted, undone
        key(robot, KeyCode.P);
        InstancePolygon second = all.stream()
                .filter(p -> !p.equals(target))
                .max(Comparator.comparingDouble(InstancePolygon::area))
                .orElseThrow();
        List<Vertex> ring = second.minAreaRect().corners().length == 8 ? cornersOf(second.minAreaRect()) : List.of();
        var drag = robot.drag(screen(view, ring.get(0).x(), ring.get(0).y()), MouseButton.PRIMARY);
        for (int i = 1; i <= 4; i++) {
            Vertex p = ring.get(i % 4);
            drag.moveTo(screen(view, p.x(), p.y()));
        }
        drag.release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, ws.store().polygons().list(cellA).size(), "freehand outline stored");
        key(robot, KeyCode.DELETE);
        assertEquals(1, ws.store().polygons().list(cellA).size());
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, ws.store().polygons().list(cellA).size(), "undo brings the deleted outline back");
        key(robot, KeyCode.V);

        // ---- next cell, seeded from its detected boxes with one key
        key(robot, KeyCode.PAGE_DOWN);
        WaitForAsyncUtils.waitFor(
                20,
                TimeUnit.SECONDS,
                () -> pane.cell() != null
                        && pane.cell().id() != cellA
                        && view.getImage() != null
                        && view.getImage().getWidth() > 0);
        long cellB = pane.cell().id();
        int nBoxes = ws.store().boxes().list(cellB).size();
        int seedKeys = keys;
        key(robot, KeyCode.D);
        WaitForAsyncUtils.waitFor(
                120,
                TimeUnit.SECONDS,
                () -> !pane.busyProperty().get()
                        && !ws.store().polygons().list(cellB).isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(nBoxes, ws.store().polygons().list(cellB).size(), "one draft outline per detected box");
        seedKeys = keys - seedKeys;
        snapshot("annotation-seeded.png");
        key(robot, KeyCode.D);
        assertEquals(nBoxes, ws.store().polygons().list(cellB).size(), "seeding again adds no duplicates");
        robot.push(KeyCode.CONTROL, KeyCode.Z);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(ws.store().polygons().list(cellB).isEmpty(), "the whole seeding is one undo step");
        robot.push(KeyCode.CONTROL, KeyCode.Y);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(nBoxes, ws.store().polygons().list(cellB).size());

        // ---- dataset view and export
        robot.interact(() -> tabs.select(2));
        var rows = tabs.dataset().table().getItems();
        assertEquals(3, rows.size());
        assertEquals(
                List.of(2, nBoxes, truth("cell-04").size()),
                rows.stream().map(r -> r.instances()).toList());
        assertTrue(rows.get(0).annotators().contains("dr.lee"));
        Path export = data.resolve("export");
        robot.interact(() -> assertNotNull(tabs.dataset().exportLabelMe(export)));
        assertTrue(Files.isRegularFile(export.resolve("dataset.json")));
        try (var files = Files.list(export)) {
            assertEquals(
                    3,
                    files.filter(f -> f.toString().endsWith(".json") && !f.endsWith("dataset.json"))
                            .count());
        }
        Path coco = data.resolve("coco.json");
        robot.interact(() -> assertTrue(tabs.dataset().exportCoco(coco)));
        assertTrue(Files.size(coco) > 1000);
        String walkthrough = String.format(
                "scratch: %d clicks + %d keys for 1 outline (draw 4 points, refine, accept); "
                        + "seeded: %d key for %d outlines%n",
                scratchClicks, scratchKeys, seedKeys, nBoxes);
        System.out.print("WALKTHROUGH " + walkthrough);
        Files.writeString(data.resolve("walkthrough.txt"), walkthrough);

        // ---- train a tiny model for a few steps; the new model is listed and can be activated
        Assumptions.assumeTrue(torchAvailable(), "Debian's python3-torch is not installed: training skipped");
        var training = tabs.dataset().training();
        robot.interact(() -> {
            training.preset().setValue("tiny");
            training.maxSteps().setText("3");
            training.inputSize().setText("128x192");
        });
        robot.clickOn("#train");
        WaitForAsyncUtils.waitFor(
                10, TimeUnit.SECONDS, () -> training.runningProperty().get());
        WaitForAsyncUtils.waitFor(
                540, TimeUnit.SECONDS, () -> !training.runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(
                training.trained(), () -> "trained; state: " + training.state().getText());
        assertFalse(training.series().get(0).getData().isEmpty(), "the loss chart has points");
        String id = training.trained().id();
        assertTrue(training.models().getItems().stream().anyMatch(s -> s.contains(id)), "new model listed");
        snapshot("annotation-training.png");
        robot.clickOn("#activateModel");
        assertEquals(id, new ModelRegistry(data.resolve("models")).activeId().orElseThrow());
        assertTrue(training.models().getItems().stream().anyMatch(s -> s.startsWith("●") && s.contains(id)));
    }

    /** No other instance within GrabCut's padding of this one's box. */
    private static boolean isolated(InstancePolygon p, List<InstancePolygon> all) {
        var b = p.minAreaRect().bounds();
        double pad = org.karyo.annotation.grabcut.RefineOptions.DEFAULT_PADDING_PX;
        var reach = new org.karyo.core.geometry.AxisBox(b.x1() - pad, b.y1() - pad, b.x2() + pad, b.y2() + pad);
        return all.stream().noneMatch(q -> !q.equals(p) && q.polygon().bounds().intersects(reach));
    }

    private static List<Vertex> cornersOf(RotatedBox b) {
        double[] c = b.corners();
        List<Vertex> out = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            out.add(Vertex.of(c[2 * i], c[2 * i + 1]));
        }
        return out;
    }

    private static boolean torchAvailable() {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import torch")
                    .redirectErrorStream(true)
                    .start();
            return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** Intersection over union of two outlines, by rasterising both on the image grid. */
    private static double iou(List<Vertex> p, List<Vertex> q, int w, int h) {
        int inter = 0;
        int union = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean a = org.karyo.app.ui.viewer.PolygonGeometry.contains(p, x + 0.5, y + 0.5);
                boolean b = org.karyo.app.ui.viewer.PolygonGeometry.contains(q, x + 0.5, y + 0.5);
                inter += a && b ? 1 : 0;
                union += a || b ? 1 : 0;
            }
        }
        return union == 0 ? 0 : (double) inter / union;
    }

    private void key(FxRobot robot, KeyCode k) {
        robot.type(k);
        keys++;
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void click(FxRobot robot, Point2D at) {
        robot.moveTo(at).clickOn(MouseButton.PRIMARY);
        clicks++;
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static Point2D screen(CellView view, double ix, double iy) {
        Point2D local = view.imageToView(ix, iy);
        return view.localToScreen(local);
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
