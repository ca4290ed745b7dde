package org.karyo.app.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javafx.scene.control.Alert;
import javafx.scene.control.TextInputDialog;
import org.karyo.app.store.CaseRecord;
import org.karyo.app.store.CaseStore;
import org.karyo.app.store.Cell;
import org.karyo.app.store.Patient;
import org.karyo.app.ui.model.CaseModel;

/**
 * What the user can do to a case from menus, buttons and keys. Each action goes to the store
 * (which checks roles and locks) and the model re-reads; a refusal becomes a message, never a crash.
 */
final class CaseActions {

    private static final System.Logger LOG = System.getLogger(CaseActions.class.getName());

    static final List<String> IMAGE_SUFFIXES = List.of(".png", ".tif", ".tiff", ".jpg", ".jpeg", ".bmp");

    private final CaseModel model;
    private final Consumer<String> status;

    CaseActions(CaseModel model, Consumer<String> status) {
        this.model = model;
        this.status = status;
    }

    private CaseStore store() {
        return model.store();
    }

    /** Creates the patient (or reuses one with the same identifier) and the case, and opens it. */
    Optional<CaseRecord> createCase(NewCaseDialog.Answer a) {
        try {
            Patient p = store().patients().list().stream()
                    .filter(x -> x.identifier().equals(a.patientId())).findFirst()
                    .orElseGet(() -> store().patients().create(a.patientId(), a.patientName(), a.birthDate(), a.sex()));
            CaseRecord c = store().cases().create(p.id(), a.accession(), a.specimen(), a.referralReason(),
                    a.culture(), a.bandLevel(), a.collected(), a.received());
            model.open(c.id());
            status.accept("Case " + c.accession() + " created for patient " + p.identifier());
            return Optional.of(c);
        } catch (RuntimeException e) {
            error("Cannot create the case", e);
            return Optional.empty();
        }
    }

    /** Imports image files and folders (recursively) into the open case, one message per refusal. */
    List<Cell> importPaths(List<Path> paths) {
        if (!model.isOpen()) {
            status.accept("Open or create a case before importing images");
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            collect(p, files);
        }
        List<Cell> added = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Path f : files) {
            try {
                added.add(store().cells().importImage(model.caseRecord().id(), f));
            } catch (RuntimeException e) {
                String why = CellPane.rootMessage(e);
                refused.add(why.startsWith(f.getFileName() + ":") ? why : f.getFileName() + ": " + why);
            }
        }
        model.reload();
        status.accept("Imported " + added.size() + " of " + files.size() + " images"
                + (refused.isEmpty() ? "" : "; " + refused.size() + " refused"));
        if (!refused.isEmpty()) {
            Alert a = new Alert(Alert.AlertType.WARNING, String.join("\n", refused));
            a.setHeaderText(refused.size() + " file(s) were not imported");
            a.show();
        }
        return added;
    }

    private static void collect(Path p, List<Path> out) {
        if (Files.isDirectory(p)) {
            try (Stream<Path> s = Files.walk(p)) {
                s.filter(Files::isRegularFile).filter(CaseActions::isImage).sorted().forEach(out::add);
            } catch (IOException e) {
                out.add(p); // reported as refused by the import
            }
        } else {
            out.add(p);
        }
    }

    static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return IMAGE_SUFFIXES.stream().anyMatch(n::endsWith);
    }

    void exclude(Cell c) {
        if (c == null) {
            return;
        }
        reason("Exclude " + c.label() + " from the count", "Reason (e.g. broken spread, overlapping cells)")
                .ifPresent(r -> run(() -> store().cells().exclude(c.id(), r), c.label() + " excluded: " + r));
    }

    void include(Cell c) {
        if (c != null) {
            run(() -> store().cells().include(c.id()), c.label() + " counted again");
        }
    }

    void markReviewed(Cell c) {
        if (c != null) {
            run(() -> store().cells().markReviewed(c.id()), c.label() + " reviewed");
        }
    }

    void saveResult(String karyotype, String interpretation) {
        if (model.isOpen()) {
            CaseRecord shown = model.caseRecord();
            run(() -> store().cases().setKaryotype(shown.id(), shown.version(), karyotype, interpretation),
                    "Result saved");
        }
    }

    void signOff() {
        if (!model.isOpen()) {
            return;
        }
        run(() -> store().cases().signOff(model.caseRecord().id()),
                "Case signed off by " + store().users().current().displayName());
    }

    void reopen() {
        if (!model.isOpen()) {
            return;
        }
        reason("Reopen " + model.caseRecord().accession(), "Reason for reopening a signed-off case")
                .ifPresent(r -> run(() -> store().cases().reopen(model.caseRecord().id(), r), "Case reopened: " + r));
    }

    private void run(Runnable action, String done) {
        try {
            action.run();
            status.accept(done);
        } catch (RuntimeException e) {
            error("Not done", e);
        }
        model.reload();
    }

    static Optional<String> reason(String title, String prompt) {
        TextInputDialog d = new TextInputDialog();
        d.setTitle(title);
        d.setHeaderText(title);
        d.setContentText(prompt);
        d.getEditor().setId("reasonField");
        d.getDialogPane().lookupButton(javafx.scene.control.ButtonType.OK).disableProperty()
                .bind(d.getEditor().textProperty().isEmpty());
        return d.showAndWait().map(String::trim).filter(s -> !s.isEmpty());
    }

    void error(String what, Throwable e) {
        LOG.log(System.Logger.Level.WARNING, what, org.karyo.core.logging.LogFiles.withheld(e));
        String m = CellPane.rootMessage(e);
        status.accept(what + ": " + m);
        Alert a = new Alert(Alert.AlertType.ERROR, m);
        a.setHeaderText(what);
        a.show();
    }
}
