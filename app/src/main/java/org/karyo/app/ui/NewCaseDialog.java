package org.karyo.app.ui;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

/** Asks for a patient and a new case of that patient: the header a report will carry. */
final class NewCaseDialog extends Dialog<NewCaseDialog.Answer> {

    /** What the user entered; identifier and accession are required. */
    record Answer(
            String patientId,
            String patientName,
            LocalDate birthDate,
            String sex,
            String accession,
            String specimen,
            String referralReason,
            String culture,
            String bandLevel,
            LocalDate collected,
            LocalDate received) {}

    final TextField patientId = field("patientId", "e.g. MRN 0012345");
    final TextField patientName = field("patientName", "Family, Given");
    final DatePicker birthDate = new DatePicker();
    final ComboBox<String> sex = new ComboBox<>();
    final TextField accession = field("accession", "e.g. CYT-26-0001");
    final ComboBox<String> specimen = new ComboBox<>();
    final TextField referral = field("referral", "e.g. recurrent miscarriage");
    final TextField culture = field("culture", "e.g. PHA 72 h");
    final TextField bandLevel = field("bandLevel", "e.g. 550");
    final DatePicker collected = new DatePicker();
    final DatePicker received = new DatePicker(LocalDate.now(ZoneId.systemDefault()));

    NewCaseDialog() {
        setTitle("New case");
        setHeaderText("Patient and case");
        // ISO 8601 dates (2026-12-07), never the ambiguous 12/7/2026 of a US locale
        for (DatePicker d : List.of(birthDate, collected, received)) {
            d.setConverter(new javafx.util.converter.LocalDateStringConverter(
                    java.time.format.DateTimeFormatter.ISO_LOCAL_DATE,
                    java.time.format.DateTimeFormatter.ISO_LOCAL_DATE));
            d.setPromptText("YYYY-MM-DD");
        }
        sex.getItems().addAll("female", "male", "unknown");
        sex.setId("sex");
        specimen.getItems()
                .addAll(
                        "Peripheral blood",
                        "Bone marrow",
                        "Amniotic fluid",
                        "Chorionic villi",
                        "Products of conception",
                        "Skin fibroblasts");
        specimen.setEditable(true);
        specimen.setId("specimen");
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        g.setPadding(new Insets(10));
        int r = 0;
        r = row(g, r, "Patient ID *", patientId);
        r = row(g, r, "Name", patientName);
        r = row(g, r, "Birth date", birthDate);
        r = row(g, r, "Sex", sex);
        r = row(g, r, "Accession *", accession);
        r = row(g, r, "Specimen", specimen);
        r = row(g, r, "Referral reason", referral);
        r = row(g, r, "Culture", culture);
        r = row(g, r, "Band level", bandLevel);
        r = row(g, r, "Collected", collected);
        row(g, r, "Received", received);
        getDialogPane().setContent(g);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        var ok = getDialogPane().lookupButton(ButtonType.OK);
        ok.setId("createCase");
        ok.disableProperty()
                .bind(patientId
                        .textProperty()
                        .isEmpty()
                        .or(accession.textProperty().isEmpty()));
        setResultConverter(b -> b == ButtonType.OK ? answer() : null);
    }

    private Answer answer() {
        return new Answer(
                patientId.getText().trim(),
                blank(patientName.getText()),
                birthDate.getValue(),
                sex.getValue(),
                accession.getText().trim(),
                blank(specimen.getEditor().getText()),
                blank(referral.getText()),
                blank(culture.getText()),
                blank(bandLevel.getText()),
                collected.getValue(),
                received.getValue());
    }

    static Optional<Answer> ask() {
        return new NewCaseDialog().showAndWait();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static TextField field(String id, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        return f;
    }

    private static int row(GridPane g, int r, String label, javafx.scene.Node n) {
        g.add(new Label(label), 0, r);
        g.add(n, 1, r);
        return r + 1;
    }
}
