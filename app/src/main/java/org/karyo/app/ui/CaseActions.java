package org.karyo.app.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.control.Alert;
import javafx.scene.control.TextInputDialog;
import org.karyo.app.imports.FolderScan;
import org.karyo.app.imports.ImageFiles;
import org.karyo.app.imports.MetaphaseScreen;
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
                    .filter(x -> x.identifier().equals(a.patientId()))
                    .findFirst()
                    .orElseGet(() -> store().patients().create(a.patientId(), a.patientName(), a.birthDate(), a.sex()));
            CaseRecord c = store().cases()
                    .create(
                            p.id(),
                            a.accession(),
                            a.specimen(),
                            a.referralReason(),
                            a.culture(),
                            a.bandLevel(),
                            a.collected(),
                            a.received());
            model.open(c.id());
            status.accept("Case " + c.accession() + " created for patient " + p.identifier());
            return Optional.of(c);
        } catch (RuntimeException e) {
            error("Cannot create the case", e);
            return Optional.empty();
        }
    }

    /**
     * Imports image files and folders into the open case. A folder is listed first (images found,
     * sizes, hidden folders skipped) and imported only when the user agrees; every file is screened
     * (tiny, blank, screenshot) and refusals are listed with their reasons.
     */
    List<Cell> importPaths(List<Path> paths) {
        if (!model.isOpen()) {
            status.accept("Open or create a case before importing images");
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                FolderScan scan = FolderScan.of(p);
                if (!ImportDialogs.confirmFolder(scan)) {
                    status.accept("Folder import cancelled: " + p);
                    continue;
                }
                scan.images().forEach(f -> files.add(f.file()));
            } else {
                files.add(p);
            }
        }
        return importFiles(files);
    }

    /** Screens and imports files (no questions asked), listing the refusals in a scrolling window. */
    List<Cell> importFiles(List<Path> files) {
        if (files.isEmpty()) {
            return List.of();
        }
        List<Cell> added = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Path f : files) {
            try {
                Optional<String> notMetaphase = MetaphaseScreen.refuse(f);
                if (notMetaphase.isPresent()) {
                    refused.add(notMetaphase.get());
                    continue;
                }
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
            ImportDialogs.showRefused(refused, added.size());
        }
        return added;
    }

    static boolean isImage(Path p) {
        return ImageFiles.isImage(p);
    }

    /** Removes a cell from the case (asks for the reason; audited; the image stays in the store). */
    void remove(Cell c) {
        if (c == null) {
            return;
        }
        reason("Remove " + c.label() + " from the case", "Reason (e.g. wrong patient, duplicate, not a metaphase)")
                .ifPresent(
                        r -> run(() -> store().cells().remove(c.id(), r), c.label() + " removed from the case: " + r));
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
            run(
                    () -> store().cases().setKaryotype(shown.id(), shown.version(), karyotype, interpretation),
                    "Result saved");
        }
    }

    /**
     * The sign-off dialog: laboratory details first when they are missing (and the user may set
     * them), then the summary and checks; signs with the answer. True when a signature was added.
     */
    boolean signOff(Path dataDir) {
        if (!model.isOpen()) {
            return false;
        }
        CaseRecord c = model.caseRecord();
        var user = store().users().current();
        if (!user.maySignOff()) {
            status.accept("Only a cytogeneticist or lab lead may sign off (you are " + user.displayName() + ")");
            return false;
        }
        if (!org.karyo.app.report.LaboratorySettings.read(dataDir).complete()
                && user.has(org.karyo.app.store.Role.LAB_LEAD)) {
            LaboratoryDialog.edit(dataDir, "Before the first sign-off: the laboratory printed on every report", status);
        }
        boolean labSet = org.karyo.app.report.LaboratorySettings.read(dataDir).complete();
        String sex = store().patients().find(c.patientId()).map(Patient::sex).orElse(null);
        var signatures = store().signatures();
        List<String> soFar =
                signatures.current(c.id()).stream().map(s -> s.fullName()).toList();
        Optional<SignOffDialog.Answer> answer = new SignOffDialog(
                        c,
                        model.countTableProperty().get(),
                        c.karyotype(),
                        sex,
                        labSet,
                        user,
                        soFar,
                        signatures.required(c.id()),
                        org.karyo.app.signoff.AcceptedKaryograms.of(store(), c.id()))
                .showAndWait();
        if (answer.isEmpty()) {
            status.accept("Sign-off cancelled");
            return false;
        }
        SignOffDialog.Answer a = answer.get();
        try {
            if (!a.fullName().equals(user.displayName())) {
                store().users().setFullName(user.login(), a.fullName());
            }
            if (soFar.isEmpty() && a.needsSecondSignature() != (signatures.required(c.id()) > 1)) {
                signatures.setRequired(c.id(), a.needsSecondSignature() ? 2 : 1);
            }
            boolean locked = signatures.sign(c.id(), c, a.overrides());
            String who =
                    a.fullName() + (user.has(org.karyo.app.store.Role.LAB_LEAD) ? " (lab lead)" : " (cytogeneticist)");
            status.accept(
                    locked
                            ? "Case " + c.accession() + " signed off by " + who
                                    + (a.overrides().isEmpty()
                                            ? ""
                                            : "; overridden: "
                                                    + String.join(
                                                            ", ", a.overrides().keySet()))
                            : "Signed by " + who + "; case " + c.accession() + " awaits a second reviewer's signature");
            return true;
        } catch (RuntimeException e) {
            error("Not signed", e);
            return false;
        } finally {
            model.reload();
        }
    }

    void reopen() {
        if (!model.isOpen()) {
            return;
        }
        reason("Reopen " + model.caseRecord().accession(), "Reason for reopening a signed-off case")
                .ifPresent(
                        r -> run(() -> store().cases().reopen(model.caseRecord().id(), r), "Case reopened: " + r));
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
        d.getDialogPane()
                .lookupButton(javafx.scene.control.ButtonType.OK)
                .disableProperty()
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
