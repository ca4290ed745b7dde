package org.karyo.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.app.Workspace;
import org.karyo.app.store.CaseRecord;
import org.karyo.app.store.Cell;
import org.karyo.app.store.DetectionRun;
import org.karyo.app.store.Patient;
import org.karyo.core.geometry.RotatedBox;
import org.karyo.inference.detect.Detection;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What the window tells the reviewer (issue 23, "smaller"): F1 lists every shortcut with its key
 * column uncut, a cell edited away from the detector's count and back keeps its "edited" mark,
 * the status bar says what was undone and redone, a cell counted off the case's mode is listed
 * first under "Check first", and the image has at least half the window.
 */
@ExtendWith(ApplicationExtension.class)
class TestReviewFeedback {

    @TempDir
    static Path data;

    private Workspace ws;
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        System.setProperty("karyo.home", TestReviewWorkflow.HOME.toString());
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

    /** A case of three cells detected with 46, 46 and 45 boxes (cell-01, -02, -03 of the demo). */
    private CaseRecord threeCells() throws Exception {
        Patient p = ws.store().patients().create("MRN-9", null, null, "female");
        CaseRecord c = ws.store().cases().create(p.id(), "CYT-26-0400", null, null, null, null, null, null);
        int[] counts = {46, 46, 45};
        for (int i = 0; i < counts.length; i++) {
            Cell cell = ws.store()
                    .cells()
                    .importImage(c.id(), TestReviewWorkflow.DEMO.resolve(String.format("cell-%02d.png", i + 1)));
            List<Detection> kept = new ArrayList<>();
            for (int k = 0; k < counts[i]; k++) {
                kept.add(Detection.of(40 + 60 * (k % 10), 40 + 90 * (k / 10), 30, 7, 90, 0.95));
            }
            ws.store()
                    .boxes()
                    .replaceWithDetections(
                            cell.id(),
                            new DetectionRun(0, cell.id(), "test", "1", "0", Instant.now(), kept.size()),
                            kept);
        }
        return c;
    }

    @Test
    void helpUndoTheEditedMarkAndTheCellOffTheMode(FxRobot robot) throws Exception {
        CaseRecord c = threeCells();
        robot.interact(() -> {
            window.model().open(c.id());
            window.select(0);
        });
        long first = window.model().cells().get(0).id();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.cellPane().isShowingImageOf(first));

        // the image gets most of the window (the issue: less than half of it)
        double imageWidth = window.cellPane().view().getWidth();
        assertTrue(imageWidth >= 0.5 * stage.getWidth(), "image " + imageWidth + " of " + stage.getWidth());

        // the cell counted 45 among two at 46 comes first under "Check first", with its count
        var toCheck = robot.lookup("#toCheckList").queryListView();
        assertFalse(toCheck.getItems().isEmpty(), "a cell off the mode is listed");
        Cell top = (Cell) toCheck.getItems().get(0);
        assertEquals(3, top.ordinal(), "the cell counted 45 first");
        assertTrue(window.model().uncertainty().get(top.id()).flagged());
        assertEquals(-1, window.model().uncertainty().get(top.id()).countOff());
        assertTrue(
                window.model().uncertainty().get(top.id()).describe().startsWith("1 below 46"),
                window.model().uncertainty().get(top.id()).describe());

        // F1: every shortcut listed, no key cut short
        robot.interact(() -> {
            stage.toFront();
            stage.requestFocus();
        });
        robot.clickOn(window.cellPane().view());
        robot.type(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.help().isShowing(), "F1 shows the shortcuts");
        List<Label> keys = new ArrayList<>(robot.lookup(".help-key").queryAllAs(Label.class));
        long expected = HelpOverlay.all().stream().filter(s -> !s[0].isEmpty()).count();
        assertTrue(keys.stream().filter(l -> !l.getText().isEmpty()).count() >= expected, "all keys listed");
        for (Label key : keys) {
            Text shown = (Text) key.lookup(".text");
            if (!key.getText().isEmpty()) {
                assertEquals(key.getText(), shown.getText(), "key column cut short");
            }
        }
        robot.type(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(window.help().isShowing(), "F1 again hides them");

        // edited away from the detector's count and back: the mark stays
        long boxId = ws.store().boxes().list(first).get(0).id();
        robot.interact(() -> window.cellPane().delete(Set.of(boxId)));
        assertEquals(45, window.model().cells().get(0).count());
        assertEquals("Undone: box deletion in cell-01.png", undo(robot), "the status bar says what was undone");
        assertEquals(46, window.model().cells().get(0).count());
        robot.press(KeyCode.CONTROL).type(KeyCode.Y).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(
                window.statusBar().message.getText().startsWith("Redone: box deletion in cell-01.png"),
                window.statusBar().message.getText());
        robot.interact(() -> window.cellPane().add(RotatedBox.of(500, 420, 30, 7, 0)));
        Cell back = window.model().cells().get(0);
        assertEquals(46, back.count(), "back at the detector's count");
        assertTrue(window.model().isEdited(back.id()), "a person changed the boxes");
        assertEquals(
                "detected (46, edited)",
                CellListCell.statusText(back, window.model().isEdited(back.id())));
        var row = robot.lookup("#cellList").lookup(".cell-detail").queryAllAs(Label.class).stream()
                .filter(l -> l.getText().startsWith("detected (46, edited)"))
                .findFirst();
        assertTrue(row.isPresent(), "the cell list shows the mark");
    }

    private String undo(FxRobot robot) {
        robot.clickOn(window.cellPane().view());
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        String m = window.statusBar().message.getText();
        return m.length() > "Undone: box deletion in cell-01.png".length()
                ? m.substring(0, "Undone: box deletion in cell-01.png".length())
                : m;
    }
}
