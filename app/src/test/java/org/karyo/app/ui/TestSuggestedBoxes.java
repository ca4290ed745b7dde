package org.karyo.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.app.Workspace;
import org.karyo.app.review.Uncertainty;
import org.karyo.app.store.CaseRecord;
import org.karyo.app.store.Cell;
import org.karyo.app.store.DetectionRun;
import org.karyo.app.store.Patient;
import org.karyo.inference.detect.Detection;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Suggested boxes through the window: a detection run with two candidates just below the
 * threshold; they are not counted, T shows them, N goes to one, Y accepts it as a box (counted,
 * audited), and undo makes it a suggestion again.
 */
@ExtendWith(ApplicationExtension.class)
class TestSuggestedBoxes {

    @TempDir
    static Path data;

    private Stage stage;
    private Workspace ws;
    private MainWindow window;

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

    @Test
    void aSuggestedBoxIsShownOnDemandAndAccepted(FxRobot robot) throws Exception {
        Patient p = ws.store().patients().create("MRN-7", null, null, "female");
        CaseRecord c = ws.store().cases().create(p.id(), "CYT-26-0300", null, null, null, null, null, null);
        Cell cell = ws.store().cells().importImage(c.id(), TestReviewWorkflow.DEMO.resolve("cell-01.png"));
        List<Detection> kept = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
            kept.add(Detection.of(60 + 40 * (k % 6), 80 + 60 * (k / 6), 30, 7, 90, 0.95));
        }
        DetectionRun run = ws.store()
                .boxes()
                .replaceWithDetections(
                        cell.id(), new DetectionRun(0, cell.id(), "test", "1", "0", Instant.now(), kept.size()), kept);
        ws.store()
                .suggestions()
                .replace(
                        cell.id(),
                        run.id(),
                        0.858,
                        List.of(Detection.of(300, 300, 28, 7, 45, 0.80), Detection.of(350, 360, 26, 7, 10, 0.66)));
        robot.interact(() -> {
            window.model().open(c.id());
            window.select(0);
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.cellPane().isShowingImageOf(cell.id()));
        var view = window.cellPane().view();
        assertEquals(12, window.model().cells().get(0).count(), "suggestions are not counted");
        assertEquals(2, view.getSuggestions().size());
        assertTrue(!view.showSuggestionsProperty().get(), "hidden until asked for");
        Uncertainty u = window.model().uncertainty().get(cell.id());
        assertEquals(2, u.score(), u.describe());

        robot.interact(() -> {
            stage.toFront();
            stage.requestFocus();
        });
        robot.clickOn(view);
        robot.type(KeyCode.T);
        assertTrue(view.showSuggestionsProperty().get(), "T shows them");
        robot.type(KeyCode.N);
        WaitForAsyncUtils.waitForFxEvents();
        long first = ws.store().suggestions().open(cell.id()).get(0).id();
        assertEquals(first, view.focusedSuggestion(), "N goes to the highest-scoring suggestion first");
        assertTrue(
                window.statusBar().message.getText().contains("missed chromosome"),
                window.statusBar().message.getText());
        robot.type(KeyCode.Y);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(13, window.model().cells().get(0).count(), "accepted: counted as a box");
        assertEquals(1, view.getSuggestions().size());
        assertNull(view.focusedSuggestion());
        assertTrue(ws.store().audit().forCell(cell.id()).stream()
                .anyMatch(e -> e.action().equals("suggestion.accept")));
        assertEquals(1, window.model().uncertainty().get(cell.id()).score());

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(12, window.model().cells().get(0).count(), "undo removes the accepted box");
        assertEquals(2, view.getSuggestions().size(), "and the suggestion is offered again");
        assertTrue(
                window.statusBar().message.getText().startsWith("Undone: box added in cell-01.png"),
                window.statusBar().message.getText());
    }
}
