package org.karyo.app.ui.archive;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.karyo.annotation.archive.ArchivePairing;
import org.karyo.app.store.CaseStore;

/**
 * Case > Import archive…: the folder's metaphase + karyogram pairs (and every image left unpaired,
 * with why), a pairing rule to replace the defaults, then the import with its progress and Cancel.
 * Listing and back-projection run off the UI thread; the window is not modal. When the import
 * ends, {@code done} gets its outcome (also after Cancel); the window closes itself when every pair
 * was taken, else it stays to show the problems.
 */
public final class ArchiveImportDialog extends Stage {

    private final Path dir;
    private final CaseStore store;
    private final long caseId;
    private final Consumer<ArchiveImportTask.Outcome> done;
    private final TextField pattern = new TextField();
    private final ListView<String> lines = new ListView<>();
    private final Label message = new Label();
    private final ProgressBar progress = new ProgressBar(0);
    private final Button start = new Button("Import");
    private final Button cancel = new Button("Cancel");
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "archive-import");
        t.setDaemon(true);
        return t;
    });
    private List<ArchivePairing.Pair> pairs = List.of();
    private ArchiveImportTask task;
    /** Set and cleared on the UI thread; read by tests from theirs. */
    private volatile boolean running;

    public ArchiveImportDialog(
            Window owner,
            Path dir,
            CaseStore store,
            long caseId,
            String caseName,
            Consumer<ArchiveImportTask.Outcome> done) {
        this.dir = dir;
        this.store = store;
        this.caseId = caseId;
        this.done = done;
        initOwner(owner);
        setTitle("Import archive into case " + caseName);
        pattern.setId("archivePattern");
        pattern.setPromptText("default: NAME.A.TIF + NAME.K.TIF, NAME_metaphase.png + NAME_karyogram.png");
        HBox.setHgrow(pattern, Priority.ALWAYS);
        Button again = new Button("Pair again");
        again.setId("archivePairAgain");
        again.setOnAction(e -> pair());
        pattern.setOnAction(e -> pair());
        lines.setId("archiveLines");
        VBox.setVgrow(lines, Priority.ALWAYS);
        message.setId("archiveMessage");
        message.setWrapText(true);
        progress.setId("archiveProgress");
        progress.setMaxWidth(Double.MAX_VALUE);
        start.setId("archiveImport");
        start.setDefaultButton(true);
        start.setDisable(true);
        start.setOnAction(e -> start());
        cancel.setId("archiveCancel");
        cancel.setOnAction(e -> cancelOrClose());
        setOnCloseRequest(e -> stopRunning());
        Label rule = new Label("Pairing rule (regular expression with (?<cell>…) and (?<kind>…); empty: defaults):");
        VBox root = new VBox(
                6,
                new Label("Folder: " + dir),
                rule,
                new HBox(6, pattern, again),
                lines,
                message,
                progress,
                new HBox(6, start, cancel));
        root.setPadding(new Insets(10));
        setScene(new Scene(root, 760, 480));
        pair();
    }

    public ListView<String> lines() {
        return lines;
    }

    public TextField pattern() {
        return pattern;
    }

    public Label message() {
        return message;
    }

    /** Lists the pairs by the rule in the field (or the defaults), off the UI thread. */
    public void pair() {
        String rule = pattern.getText().trim();
        List<String> rules = rule.isEmpty() ? ArchivePairing.DEFAULT_RULES : List.of(rule);
        start.setDisable(true);
        message.setText("Listing " + dir + "…");
        worker.execute(() -> {
            ArchivePairing.Result r = null;
            Throwable err = null;
            try {
                r = ArchivePairing.pair(dir, rules);
            } catch (java.io.IOException | RuntimeException e) {
                err = e;
            }
            ArchivePairing.Result result = r;
            Throwable error = err;
            Platform.runLater(() -> paired(result, error));
        });
    }

    private void paired(ArchivePairing.Result r, Throwable err) {
        if (err != null) {
            pairs = List.of();
            lines.getItems().clear();
            message.setText("Cannot pair: " + err.getMessage());
            return;
        }
        pairs = r.pairs();
        lines.getItems()
                .setAll(r.pairs().stream()
                        .map(p ->
                                p.cell() + ": " + dir.relativize(p.metaphase()) + " + " + dir.relativize(p.karyogram()))
                        .toList());
        r.unpaired().forEach(u -> lines.getItems().add("unpaired: " + u));
        message.setText(pairs.size() + " pairs, " + r.unpaired().size() + " unpaired images"
                + (pairs.isEmpty() ? ": change the pairing rule" : ": Import back-projects them into this case"));
        start.setDisable(pairs.isEmpty());
    }

    /** Starts the import of the listed pairs. */
    public void start() {
        if (task != null || pairs.isEmpty()) {
            return;
        }
        lines.getItems().clear();
        task = new ArchiveImportTask(store, caseId, pairs, lines.getItems()::add);
        progress.progressProperty().bind(task.progressProperty());
        message.textProperty().bind(task.messageProperty());
        start.setDisable(true);
        running = true;
        task.setOnSucceeded(e -> finished(task.getValue()));
        task.setOnFailed(e -> {
            running = false;
            message.textProperty().unbind();
            message.setText("Import stopped: " + task.getException().getMessage());
            cancel.setText("Close");
        });
        worker.execute(task);
    }

    private void finished(ArchiveImportTask.Outcome o) {
        running = false;
        if (abandoned) {
            return;
        }
        message.textProperty().unbind();
        progress.progressProperty().unbind();
        message.setText((o.cancelled() ? "Cancelled after " + o.done() + " of " + o.pairs() + " pairs; " : "")
                + o.imported().size() + " cells added to the case"
                + (o.problems().isEmpty() ? "" : "; " + o.problems().size() + " problems (listed)"));
        cancel.setText("Close");
        done.accept(o);
        if (o.problems().isEmpty() && !o.cancelled()) {
            close();
            worker.shutdown();
        }
    }

    /** Cancel while running (the finished pairs are kept), Close otherwise. */
    public void cancelOrClose() {
        if (isRunning()) {
            task.stop();
            message.textProperty().unbind();
            message.setText("Cancelling…");
        } else {
            close();
            worker.shutdown();
        }
    }

    private void stopRunning() {
        if (isRunning()) {
            task.stop();
        }
    }

    public boolean isRunning() {
        return running;
    }

    private volatile boolean abandoned;

    /**
     * The main window is closing: stops the import without another store write and waits a few
     * seconds for the running cut-out search to end, so nothing touches the store once closed.
     */
    public void abandon() {
        abandoned = true;
        if (task != null) {
            task.abandon();
        }
        worker.shutdown();
        try {
            worker.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }
}
