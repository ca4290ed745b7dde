package org.karyo.app.ui;

import java.io.File;
import java.nio.file.Path;
import javafx.stage.DirectoryChooser;
import org.karyo.app.store.CaseRecord;
import org.karyo.app.ui.archive.ArchiveImportDialog;
import org.karyo.app.ui.archive.ArchiveImportTask;

/**
 * Case > Import archive…: choose the folder, pair and import in {@link ArchiveImportDialog}, then
 * the imported cells open in the Annotate tab for review, lowest match score first.
 */
final class ArchiveImportAction {

    /** The import windows of each main window, abandoned when it shuts down. */
    private static final java.util.IdentityHashMap<MainWindow, java.util.List<ArchiveImportDialog>> OPEN =
            new java.util.IdentityHashMap<>();

    private ArchiveImportAction() {}

    /** Stops every import of {@code w} before its store closes (UI thread). */
    static void shutdown(MainWindow w) {
        java.util.List<ArchiveImportDialog> ds = OPEN.remove(w);
        if (ds != null) {
            ds.forEach(ArchiveImportDialog::abandon);
        }
    }

    static void choose(MainWindow w) {
        if (!w.model().isOpen()) {
            w.statusBar().say("Open or create a case first: the archive's cells join the open case");
            return;
        }
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Import an archive folder of metaphase + karyogram pairs");
        File dir = dc.showDialog(w.getScene().getWindow());
        if (dir != null) {
            open(w, dir.toPath());
        }
    }

    /** The pairing and import window for {@code dir}, shown (the open case receives the cells). */
    static ArchiveImportDialog open(MainWindow w, Path dir) {
        CaseRecord c = w.model().caseRecord();
        ArchiveImportDialog d = new ArchiveImportDialog(
                w.getScene().getWindow(), dir, w.model().store(), c.id(), c.accession(), o -> finished(w, o));
        OPEN.computeIfAbsent(w, k -> new java.util.ArrayList<>()).add(d);
        d.show();
        return d;
    }

    private static void finished(MainWindow w, ArchiveImportTask.Outcome o) {
        w.model().reload();
        if (o.imported().isEmpty()) {
            w.statusBar().say("Archive import: no cell added" + (o.cancelled() ? " (cancelled)" : ""));
            return;
        }
        w.annotation()
                .archiveReview()
                .setQueue(o.imported(), id -> w.select(w.model().indexOf(id)));
        w.select(w.model().indexOf(o.imported().get(0).cellId()));
        w.annotation().select(1);
        w.statusBar()
                .say(o.imported().size() + " archive cells added, lowest match score first: check each, "
                        + "then Accept cell (its classified outlines join the dataset) or Reject outlines");
    }
}
