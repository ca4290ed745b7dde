package org.karyo.app.ui;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.karyo.app.detect.CaseDetection;
import org.karyo.app.detect.DetectorSource;
import org.karyo.app.store.Cell;
import org.karyo.app.ui.model.CaseModel;

/**
 * The status bar: the last message, and while detection runs, its progress and a Cancel button.
 * Detection runs on its own thread; each finished cell is re-read on the FX thread, so results
 * appear cell by cell and the window never waits for the model.
 */
final class DetectionBar extends HBox {

    private static final System.Logger LOG = System.getLogger(DetectionBar.class.getName());

    final Label message = new Label("Ready");
    final ProgressBar progress = new ProgressBar(0);
    final Label progressText = new Label();
    final Button cancel = new Button("Cancel");
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "detection");
        t.setDaemon(true);
        return t;
    });
    private Task<CaseDetection.Summary> task;

    DetectionBar() {
        super(8);
        setPadding(new Insets(4, 8, 4, 8));
        setAlignment(Pos.CENTER_LEFT);
        getStyleClass().add("status-bar");
        message.setId("statusMessage");
        progress.setId("detectionProgress");
        cancel.setId("cancelDetection");
        progress.setPrefWidth(220);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        getChildren().addAll(message, spacer, progressText, progress, cancel);
        progress.visibleProperty().bind(running);
        progressText.visibleProperty().bind(running);
        cancel.visibleProperty().bind(running);
        cancel.setOnAction(e -> cancel());
    }

    BooleanProperty runningProperty() {
        return running;
    }

    void say(String text) {
        message.setText(text);
    }

    /**
     * Starts detection over {@code cells}; {@code cellDone} runs on the FX thread after each cell,
     * {@code finished} once at the end (also after cancel or failure).
     */
    void start(
            CaseModel model,
            DetectorSource source,
            List<Cell> cells,
            boolean redetect,
            Consumer<Long> cellDone,
            Runnable finished) {
        if (running.get()) {
            return;
        }
        task = new Task<>() {
            @Override
            protected CaseDetection.Summary call() throws Exception {
                updateMessage("Loading the model…");
                return CaseDetection.run(
                        model.store(),
                        source,
                        cells,
                        redetect,
                        new CaseDetection.Listener() {
                            @Override
                            public void cellDone(Cell cell, int count, int done, int total) {
                                updateProgress(done, total);
                                updateMessage(
                                        "Detected " + cell.label() + ": " + count + " (" + done + "/" + total + ")");
                                Platform.runLater(() -> cellDone.accept(cell.id()));
                            }

                            @Override
                            public void cellFailed(Cell cell, String why, int done, int total) {
                                updateProgress(done, total);
                                updateMessage(cell.label() + " not detected: " + why);
                                Platform.runLater(() -> cellDone.accept(cell.id()));
                            }
                        },
                        this::isCancelled);
            }
        };
        progress.progressProperty().bind(task.progressProperty());
        message.textProperty().bind(task.messageProperty());
        progressText.setText("Detecting");
        running.set(true);
        task.setOnSucceeded(e -> done(summaryText(task.getValue()), finished));
        task.setOnCancelled(e -> done("Detection cancelled; finished cells are kept", finished));
        task.setOnFailed(e -> {
            LOG.log(System.Logger.Level.WARNING, "detection stopped", task.getException());
            done("Detection stopped: " + CellPane.rootMessage(task.getException()), finished);
        });
        worker.execute(task);
    }

    private static String summaryText(CaseDetection.Summary s) {
        if (s.detected() == 0 && s.failed() == 0) {
            return "Nothing to detect: every cell has been run (use Re-detect to run again)";
        }
        return "Detection done: " + s.detected() + " cells" + (s.failed() > 0 ? ", " + s.failed() + " failed" : "")
                + (s.cancelled() ? " (cancelled)" : "");
    }

    private void done(String text, Runnable finished) {
        message.textProperty().unbind();
        progress.progressProperty().unbind();
        running.set(false);
        message.setText(text);
        finished.run();
    }

    void cancel() {
        if (task != null) {
            task.cancel(false);
        }
    }

    void shutdown() {
        cancel();
        worker.shutdownNow();
    }

    /** For callers that must not start a second run or close the store under a running one. */
    boolean isRunning() {
        return running.get();
    }
}
