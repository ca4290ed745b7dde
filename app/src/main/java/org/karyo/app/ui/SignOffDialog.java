package org.karyo.app.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.karyo.app.review.CountTable;
import org.karyo.app.signoff.SignOffCheck;
import org.karyo.app.signoff.SignOffChecks;
import org.karyo.app.store.CaseRecord;
import org.karyo.app.store.Role;
import org.karyo.app.store.User;

/**
 * The sign-off dialog: what is being signed (cells counted, reviewed, excluded, the modal number,
 * the distribution, the result typed), every check with its reason, and who signs (full name and
 * role from the profile). Sign stays disabled while a check fails, unless the signer is a lab lead
 * who ticks Override and writes why, for each failed check.
 */
final class SignOffDialog extends Dialog<SignOffDialog.Answer> {

    /** What the signer confirmed: the full name to sign with, overridden checks and reasons, a second signature. */
    record Answer(String fullName, Map<String, String> overrides, boolean needsSecondSignature) {}

    static final ButtonType SIGN = new ButtonType("Sign", ButtonBar.ButtonData.OK_DONE);

    final TextField fullName = new TextField();
    final CheckBox secondSignature = new CheckBox("This case needs a second signature (another reviewer)");
    private final Map<SignOffCheck.Kind, CheckBox> overrideBoxes = new LinkedHashMap<>();
    private final Map<SignOffCheck.Kind, TextField> overrideReasons = new LinkedHashMap<>();

    /**
     * @param signaturesSoFar names of those who already signed this round (a second signature follows)
     */
    SignOffDialog(
            CaseRecord c,
            CountTable table,
            String karyotype,
            String patientSex,
            boolean laboratorySet,
            User signer,
            List<String> signaturesSoFar,
            int signaturesRequired,
            List<SignOffChecks.Karyogram> karyograms) {
        setTitle("Sign off " + c.accession());
        setHeaderText(
                signaturesSoFar.isEmpty()
                        ? "Sign off case " + c.accession()
                        : "Second signature for case " + c.accession() + " (signed by "
                                + String.join(", ", signaturesSoFar) + ")");
        setResizable(true);
        boolean labLead = signer.has(Role.LAB_LEAD);
        fullName.setId("signerName");
        fullName.setPromptText("Your full name, as printed on the report");
        fullName.setText(signer.displayName().equals(signer.login()) ? "" : signer.displayName());

        VBox content = new VBox(8, summary(table, karyotype), new Separator(), heading("Checks"));
        List<SignOffCheck> checks = SignOffChecks.run(
                table, karyotype, patientSex, laboratorySet, signer.login(), signer.displayName(), karyograms);
        BooleanBinding blocked = Bindings.createBooleanBinding(() -> false);
        for (SignOffCheck check : checks) {
            if (check.kind() == SignOffCheck.Kind.SIGNER_NAME) {
                continue; // answered by the name field below
            }
            content.getChildren().add(row(check));
            if (!check.passed()) {
                CheckBox override = new CheckBox("Override (lab lead)");
                override.setId("override-" + check.kind().name());
                TextField reason = new TextField();
                reason.setId("overrideReason-" + check.kind().name());
                reason.setPromptText("Why this case may be signed anyway (kept in the audit trail)");
                reason.disableProperty().bind(override.selectedProperty().not());
                override.setDisable(!labLead);
                overrideBoxes.put(check.kind(), override);
                overrideReasons.put(check.kind(), reason);
                HBox.setHgrow(reason, javafx.scene.layout.Priority.ALWAYS);
                HBox line = new HBox(8, override, reason);
                line.setPadding(new Insets(0, 0, 0, 22));
                content.getChildren()
                        .add(
                                labLead
                                        ? line
                                        : indent(new Label("Only a lab lead may sign past this check; fix it first")));
                BooleanBinding open = override.selectedProperty()
                        .not()
                        .or(Bindings.createBooleanBinding(() -> reason.getText().isBlank(), reason.textProperty()));
                blocked = blocked.or(open);
            }
        }
        content.getChildren().addAll(new Separator(), heading("Signed by"));
        GridPane who = new GridPane();
        who.setHgap(8);
        who.setVgap(6);
        who.addRow(0, new Label("Full name"), fullName);
        Label role = new Label(labLead ? "Lab lead" : signer.has(Role.CYTOGENETICIST) ? "Cytogeneticist" : "Annotator");
        role.setId("signerRole");
        who.addRow(1, new Label("Role"), role);
        who.addRow(2, new Label("Login"), new Label(signer.login()));
        content.getChildren().add(who);
        secondSignature.setId("secondSignature");
        secondSignature.setSelected(signaturesRequired > 1);
        secondSignature.setDisable(!signaturesSoFar.isEmpty());
        content.getChildren().add(secondSignature);
        Label blockedNote = new Label();
        blockedNote.setId("signOffBlocked");
        blockedNote.setWrapText(true);
        blockedNote.getStyleClass().add("check-failed");
        blockedNote.setStyle("-fx-text-fill: #c62828; -fx-font-weight: bold");
        content.getChildren().add(blockedNote);
        content.setPadding(new Insets(10));
        content.setPrefWidth(620);

        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(Math.min(560, 120 + 42 * checks.size() + 200));
        getDialogPane().setContent(scroll);
        getDialogPane().getButtonTypes().addAll(SIGN, ButtonType.CANCEL);
        Node sign = getDialogPane().lookupButton(SIGN);
        sign.setId("confirmSignOff");
        BooleanBinding noName = Bindings.createBooleanBinding(
                () -> fullName.getText().isBlank() || fullName.getText().strip().equals(signer.login()),
                fullName.textProperty());
        BooleanBinding disabled = blocked.or(noName);
        sign.disableProperty().bind(disabled);
        long failed = checks.stream()
                .filter(x -> !x.passed() && x.kind() != SignOffCheck.Kind.SIGNER_NAME)
                .count();
        blockedNote
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> !disabled.get()
                                ? ""
                                : noName.get() && failed == 0
                                        ? "Type your full name to sign"
                                        : failed
                                                + (failed == 1 ? " check fails" : " checks fail")
                                                + (labLead
                                                        ? ": fix it, or tick Override and write the reason for each"
                                                        : ": fix them before signing"),
                        disabled));
        setResultConverter(b -> b == SIGN ? answer() : null);
    }

    private Answer answer() {
        Map<String, String> o = new LinkedHashMap<>();
        overrideBoxes.forEach((k, box) -> {
            if (box.isSelected()) {
                o.put(k.name(), overrideReasons.get(k).getText().strip());
            }
        });
        return new Answer(fullName.getText().strip(), o, secondSignature.isSelected());
    }

    private static Node summary(CountTable t, String karyotype) {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(4);
        g.setId("signOffSummary");
        int r = 0;
        g.addRow(
                r++,
                new Label("Cells counted"),
                new Label(Integer.toString(t.counted().size())));
        g.addRow(
                r++,
                new Label("Cells reviewed"),
                new Label(Integer.toString(t.reviewed().size())));
        g.addRow(
                r++,
                new Label("Cells excluded"),
                new Label(Integer.toString(t.excluded().size())));
        g.addRow(
                r++,
                new Label("Modal number"),
                new Label(
                        t.modalNumber() < 0
                                ? "– (no cell reviewed)"
                                : t.modalNumber() + (t.tiedModes().isEmpty() ? "" : " (tie: " + t.tiedModes() + ")")));
        String dist = t.distribution().entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("   "));
        g.addRow(r++, new Label("Distribution"), new Label(dist.isEmpty() ? "–" : dist));
        Label result = new Label(karyotype == null || karyotype.isBlank() ? "(none typed)" : karyotype.strip());
        result.setId("signOffResult");
        result.getStyleClass().add("case-title");
        g.addRow(r, new Label("Result"), result);
        return g;
    }

    private static Node row(SignOffCheck c) {
        Label mark = new Label(c.passed() ? "✓" : "✗");
        mark.getStyleClass().add(c.passed() ? "check-passed" : "check-failed");
        // inline: a dialog's scene does not carry the window's stylesheet
        mark.setStyle(
                c.passed()
                        ? "-fx-text-fill: #2e7d32; -fx-font-weight: bold; -fx-font-size: 15px"
                        : "-fx-text-fill: #c62828; -fx-font-weight: bold; -fx-font-size: 15px");
        mark.setMinWidth(14);
        Label title = new Label(c.kind().title());
        title.setStyle("-fx-font-weight: bold");
        Label reason = new Label(c.reason());
        reason.setWrapText(true);
        reason.setId("check-" + c.kind().name());
        VBox text = new VBox(2, title, reason);
        HBox line = new HBox(8, mark, text);
        line.getStyleClass().add(c.passed() ? "check-row-passed" : "check-row-failed");
        return line;
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("panel-heading");
        return l;
    }

    private static Node indent(Node n) {
        HBox h = new HBox(n);
        h.setPadding(new Insets(0, 0, 0, 22));
        return h;
    }
}
