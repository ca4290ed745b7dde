package org.karyo.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.app.Workspace;
import org.karyo.app.store.Box;
import org.karyo.app.store.CaseStatus;
import org.karyo.app.store.Cell;
import org.karyo.app.store.CellStatus;
import org.karyo.app.ui.viewer.BoxGeometry;
import org.karyo.app.ui.viewer.BoxHandle;
import org.karyo.app.ui.viewer.CellView;
import org.karyo.core.geometry.RotatedBox;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The review workflow end to end through the real window: create a case, import cells, detect
 * with the bundled model, edit boxes with the mouse and keys (add, move, rotate, delete, undo,
 * redo), watch counts and the modal number follow, sign off, and restart to find it all again.
 */
@ExtendWith(ApplicationExtension.class)
class TestReviewWorkflow {

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
        System.setProperty("karyo.home", HOME.toString());
        System.setProperty("karyo.data", data.toString());
        this.stage = stage;
        open();
    }

    private void open() throws Exception {
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

    @Test
    void reviewCaseEndToEnd(FxRobot robot) throws Exception {
        // a new patient and case through the dialog
        robot.clickOn("#newCase");
        robot.clickOn("#patientId").write("MRN-0042");
        robot.clickOn("#accession").write("CYT-26-0007");
        robot.clickOn("#createCase");
        // Monocle leaves key focus with the closed dialog's window; a real window manager does not
        robot.interact(() -> {
            stage.toFront();
            stage.requestFocus();
        });
        assertEquals("CYT-26-0007", window.model().caseRecord().accession());

        // three cells of 46 (dataset.json of the demo case), imported as a drop would
        List<Path> files =
                List.of(DEMO.resolve("cell-01.png"), DEMO.resolve("cell-02.png"), DEMO.resolve("cell-04.png"));
        robot.interact(() -> window.importPaths(files));
        assertEquals(3, window.model().cells().size());
        assertTrue(window.model().cells().stream().allMatch(c -> c.status() == CellStatus.NOT_RUN));

        // detection in the background with the bundled model, cell by cell
        robot.clickOn("#runDetection");
        WaitForAsyncUtils.waitFor(
                180,
                TimeUnit.SECONDS,
                () -> !window.statusBar().isRunning()
                        && window.model().cells().stream().allMatch(c -> c.status() == CellStatus.DETECTED));
        WaitForAsyncUtils.waitForFxEvents();
        for (Cell c : window.model().cells()) {
            assertEquals(ws.store().boxes().list(c.id()).size(), c.count());
            assertTrue(Math.abs(c.count() - 46) <= 2, "demo cell of 46 counted " + c.count());
        }
        // detector counts are advice: no modal number until a person reviews cells
        assertEquals(-1, window.model().countTableProperty().get().modalNumber());
        assertEquals(
                "Modal number: – (no cell reviewed)",
                robot.lookup("#modalNumber").queryLabeled().getText());

        // first cell: add a box by drawing it in an empty corner of the spread
        robot.interact(() -> window.select(0));
        waitForImage(0);
        CellView view = window.cellPane().view();
        int before = cell(0).count();
        robot.clickOn(view, MouseButton.PRIMARY);
        robot.type(KeyCode.A);
        assertEquals(
                org.karyo.app.ui.viewer.Tool.ADD,
                view.toolProperty().get(),
                () -> "focus " + stage.getScene().getFocusOwner());
        robot.drag(screen(view, 30, 30), MouseButton.PRIMARY)
                .moveTo(screen(view, 30, 90))
                .release(MouseButton.PRIMARY);
        robot.moveTo(screen(view, 36, 90)).clickOn(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(
                before + 1,
                cell(0).count(),
                () -> "drawn box counted; tool " + view.toolProperty().get() + ", status: "
                        + window.statusBar().message.getText() + ", focus "
                        + stage.getScene().getFocusOwner());
        Box added = newest(0);
        assertEquals(60, added.geometry().w(), 3, "length along the drag");
        assertEquals(90, added.geometry().angle(), 3);

        // select it and move it 40 image pixels right
        robot.type(KeyCode.V);
        robot.clickOn(screen(view, 30, 60));
        robot.drag(screen(view, 30, 60), MouseButton.PRIMARY)
                .moveTo(screen(view, 70, 60))
                .release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        Box moved = find(0, added.id());
        assertEquals(
                70,
                moved.geometry().cx(),
                3,
                () -> "moved with the mouse: " + added + " -> " + moved + " scale " + view.getViewState());

        // rotate it by its handle, a quarter turn
        double[] h = BoxGeometry.handlePosition(
                moved.geometry(), BoxHandle.ROTATE, 20 / view.getViewState().scale());
        RotatedBox g = moved.geometry();
        robot.drag(screen(view, h[0], h[1]), MouseButton.PRIMARY)
                .moveTo(screen(view, g.cx() + 40, g.cy()))
                .release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        double angle = find(0, added.id()).geometry().angle();
        assertTrue(angle < 10 || angle > 170, "rotated to horizontal, was " + angle);

        // arrow-key nudge, then delete, undo, redo
        robot.type(KeyCode.RIGHT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(71, find(0, added.id()).geometry().cx(), 1.5);
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before, cell(0).count(), "deleted");
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before + 1, cell(0).count(), "undo restores the box");
        robot.press(KeyCode.CONTROL).type(KeyCode.Y).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before, cell(0).count(), "redo deletes it again");

        // raise two of the three cells to one above the highest count: the modal number follows
        int target = window.model().cells().stream().mapToInt(Cell::count).max().orElseThrow() + 1;
        for (int i = 0; i < 2; i++) {
            int idx = i;
            robot.interact(() -> window.select(idx));
            waitForImage(i);
            while (cell(i).count() < target) {
                int k = cell(i).count();
                robot.interact(() -> window.cellPane().add(RotatedBox.of(25 + 2 * k % 40, 30, 50, 10, 0)));
            }
        }
        // the modal number is the reviewed cells': none reviewed yet, none stated
        assertEquals(-1, window.model().countTableProperty().get().modalNumber());
        for (Cell c : List.copyOf(window.model().cells())) {
            ws.store().cells().markReviewed(c.id());
        }
        robot.interact(() -> window.model().reload());
        assertEquals(target, window.model().countTableProperty().get().modalNumber());
        assertTrue(robot.lookup("#modalNumber").queryLabeled().getText().endsWith(Integer.toString(target)));
        assertEquals(1, robot.lookup("#nonModalList").queryListView().getItems().size(), "third cell off the mode");

        // result and sign-off: 3 cells are too few and the result disagrees, so the dialog refuses
        // (TestSignOffWorkflow drives it); the lab lead signs past the checks with reasons
        robot.clickOn("#karyotype").write("46,XY");
        robot.clickOn("#signOff");
        // the first sign-off of an installation asks for the laboratory's details first
        WaitForAsyncUtils.waitFor(
                10, TimeUnit.SECONDS, () -> robot.lookup("#labName").tryQuery().isPresent());
        robot.interact(() -> {
            robot.lookup("#labName").<javafx.scene.control.TextField>query().setText("Test Cytogenetics");
            robot.lookup("#labAddress").<javafx.scene.control.TextArea>query().setText("1 Test Road");
        });
        robot.interact(() -> robot.lookup("#saveLaboratory").queryButton().fire());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#confirmSignOff")
                .tryQuery()
                .isPresent());
        assertEquals(
                "Test Cytogenetics",
                org.karyo.app.report.LaboratorySettings.read(data).name());
        assertTrue(robot.lookup("#confirmSignOff").queryButton().isDisabled());
        javafx.scene.control.Button cancel = robot.lookup(".button").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.Button b
                        && "Cancel".equals(b.getText())
                        && b.getScene() != null
                        && b.getScene().getRoot() instanceof javafx.scene.control.DialogPane
                        && b.getScene().getWindow().isShowing())
                .map(javafx.scene.control.Button.class::cast)
                .findFirst()
                .orElseThrow();
        robot.interact(cancel::fire);
        WaitForAsyncUtils.waitFor(
                10, TimeUnit.SECONDS, () -> window.statusBar().message.getText().equals("Sign-off cancelled"));
        ws.store()
                .signatures()
                .sign(
                        window.model().caseRecord().id(),
                        java.util.Map.of(
                                "STUDY_SIZE",
                                "test case of 3 cells",
                                "ISCN_COUNT",
                                "test result",
                                "SIGNER_NAME",
                                "test profile"));
        robot.interact(() -> window.model().reload());
        assertEquals(CaseStatus.SIGNED_OFF, window.model().caseRecord().status());
        int locked = cell(1).count();
        robot.interact(() -> window.cellPane().add(RotatedBox.of(60, 60, 50, 10, 0)));
        assertEquals(locked, cell(1).count(), "signed-off case is locked");

        // restart: everything as it was
        List<Cell> seen = List.copyOf(window.model().cells());
        long caseId = window.model().caseRecord().id();
        robot.interact(() -> {
            window.shutdown();
            ws.close();
        });
        robot.interact(() -> {
            try {
                open();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            window.openLastCase();
        });
        assertEquals(caseId, window.model().caseRecord().id());
        assertEquals(CaseStatus.SIGNED_OFF, window.model().caseRecord().status());
        assertEquals("46,XY", window.model().caseRecord().karyotype());
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(seen.get(i).count(), window.model().cells().get(i).count(), "cell " + i + " after restart");
        }
        assertFalse(ws.store().audit().forCase(caseId).isEmpty(), "audit trail kept");
    }

    private Cell cell(int i) {
        return window.model().cells().get(i);
    }

    private Box newest(int i) {
        return ws.store().boxes().list(cell(i).id()).stream()
                .max((a, b) -> Long.compare(a.id(), b.id()))
                .orElseThrow();
    }

    private Box find(int i, long id) {
        return ws.store().boxes().list(cell(i).id()).stream()
                .filter(b -> b.id() == id)
                .findFirst()
                .orElseThrow();
    }

    private void waitForImage(int i) throws Exception {
        long id = cell(i).id();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.cellPane().isShowingImageOf(id));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static Point2D screen(CellView view, double x, double y) {
        Point2D local = view.imageToView(x, y);
        return view.localToScreen(local);
    }
}
