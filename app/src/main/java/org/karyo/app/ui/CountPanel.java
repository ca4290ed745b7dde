package org.karyo.app.ui;

import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Separator;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import org.karyo.app.review.CountTable;
import org.karyo.app.store.CaseRecord;
import org.karyo.app.store.CaseStatus;
import org.karyo.app.store.Cell;
import org.karyo.app.ui.model.CaseModel;

/**
 * The right-hand panel: the case's count table (cells counted, modal number, cells off the mode,
 * distribution, what to count next) and the result and sign-off of the case.
 */
final class CountPanel extends VBox {

    final Label caseTitle = new Label();
    final Label caseStatus = new Label();
    final Label counted = new Label();
    final Label modal = new Label();
    final Label guidance = new Label();
    final Label distribution = new Label();
    final ListView<Cell> nonModal = new ListView<>();
    final Label detectedOnly = new Label();
    /**
     * Unreviewed cells to check, most uncertain first (counted off the case's reference count,
     * farthest first, then by places to check); a click opens the cell.
     */
    final ListView<Cell> toCheck = new ListView<>();
    /** Called with a cell of the off-mode list when the user clicks it (or presses Enter on it). */
    private java.util.function.Consumer<Cell> onOpenCell = c -> {};

    final TextField karyotype = new TextField();
    final TextArea interpretation = new TextArea();
    final Button saveResult = new Button("Save result");
    final Button signOff = new Button("Sign off…");
    final Button reopen = new Button("Reopen…");

    CountPanel(CaseModel model) {
        super(6);
        setPadding(new Insets(8));
        setPrefWidth(300);
        setMinWidth(240);
        getStyleClass().add("count-panel");
        caseTitle.getStyleClass().add("case-title");
        caseTitle.setWrapText(true);
        modal.setId("modalNumber");
        modal.getStyleClass().add("modal-number");
        counted.setId("cellsCounted");
        guidance.setId("guidance");
        guidance.setWrapText(true);
        guidance.getStyleClass().add("guidance");
        distribution.setId("distribution");
        distribution.setWrapText(true);
        caseStatus.setId("caseStatus");
        caseStatus.setWrapText(true);
        nonModal.setId("nonModalList");
        nonModal.setPrefHeight(120);
        nonModal.setCellFactory(l -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(Cell c, boolean empty) {
                super.updateItem(c, empty);
                setText(empty || c == null ? null : describe(c));
            }
        });
        nonModal.setOnMouseClicked(e -> openSelected());
        nonModal.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER) {
                openSelected();
            }
        });
        nonModal.setTooltip(new javafx.scene.control.Tooltip("Click a cell to open it"));
        toCheck.setId("toCheckList");
        toCheck.setPrefHeight(110);
        toCheck.setCellFactory(l -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(Cell c, boolean empty) {
                super.updateItem(c, empty);
                var u = empty || c == null ? null : model.uncertainty().get(c.id());
                setText(
                        u == null
                                ? null
                                : "cell " + c.ordinal() + " (" + c.label() + "): "
                                        + (u.flagged() ? "counted " + c.count() + " " + u.shortReference() : "")
                                        + (u.flagged() && u.score() > 0 ? " · " : "")
                                        + (u.score() > 0 ? u.score() + " to check" : ""));
                setTooltip(u == null ? null : new javafx.scene.control.Tooltip(u.describe()));
            }
        });
        toCheck.setOnMouseClicked(e -> {
            Cell c = toCheck.getSelectionModel().getSelectedItem();
            if (c != null) {
                onOpenCell.accept(c);
            }
        });
        toCheck.setPlaceholder(new Label("Nothing flagged"));
        model.uncertainty().addListener((javafx.collections.MapChangeListener<Long, org.karyo.app.review.Uncertainty>)
                ch -> showToCheck(model));
        // the map is filled before the cells are listed when a case opens: follow the count too
        model.countTableProperty().addListener((o, a, b) -> showToCheck(model));
        detectedOnly.setId("detectedOnly");
        detectedOnly.setWrapText(true);
        detectedOnly.getStyleClass().add("hint");
        karyotype.setId("karyotype");
        karyotype.setPromptText("ISCN result, e.g. 46,XY");
        interpretation.setId("interpretation");
        interpretation.setPromptText("Interpretation");
        interpretation.setPrefRowCount(3);
        interpretation.setWrapText(true);
        saveResult.setId("saveResult");
        signOff.setId("signOff");
        reopen.setId("reopen");
        getChildren()
                .addAll(
                        caseTitle,
                        caseStatus,
                        new Separator(),
                        heading("Count"),
                        counted,
                        modal,
                        guidance,
                        heading("Cells off the mode"),
                        nonModal,
                        heading("Distribution (reviewed cells)"),
                        distribution,
                        detectedOnly,
                        heading("Check first (N walks a cell's places)"),
                        toCheck,
                        new Separator(),
                        heading("Result"),
                        karyotype,
                        interpretation,
                        saveResult,
                        signOff,
                        reopen);
        model.caseRecordProperty().addListener((o, a, b) -> showCase(b));
        model.countTableProperty().addListener((o, a, b) -> showCount(b));
        showCase(model.caseRecord());
        showCount(model.countTableProperty().get());
    }

    private void showToCheck(CaseModel model) {
        var u = model.uncertainty();
        toCheck.getItems()
                .setAll(model.cells().stream()
                        .filter(c -> !c.excluded()
                                && c.status() != org.karyo.app.store.CellStatus.REVIEWED
                                && u.containsKey(c.id())
                                && (u.get(c.id()).flagged() || u.get(c.id()).score() > 0))
                        .sorted(java.util.Comparator.comparing(
                                        (Cell c) -> u.get(c.id()), org.karyo.app.review.Uncertainty.ORDER)
                                .thenComparingInt(Cell::ordinal))
                        .toList());
    }

    void setOnOpenCell(java.util.function.Consumer<Cell> action) {
        onOpenCell = action;
    }

    private void openSelected() {
        Cell c = nonModal.getSelectionModel().getSelectedItem();
        if (c != null) {
            onOpenCell.accept(c);
        }
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("panel-heading");
        return l;
    }

    private void showCase(CaseRecord c) {
        if (c == null) {
            caseTitle.setText("No case open");
            caseStatus.setText("Create one with New case… (Ctrl+N) or pick one above the cell list");
            caseStatus.getStyleClass().removeAll("signed", "open");
            karyotype.setText("");
            interpretation.setText("");
            for (var n : java.util.List.of(karyotype, interpretation, saveResult, signOff, reopen)) {
                n.setDisable(true);
            }
            return;
        }
        for (var n : java.util.List.of(karyotype, interpretation)) {
            n.setDisable(false);
        }
        caseTitle.setText(c.accession() + (c.specimen() == null ? "" : " · " + c.specimen()));
        boolean signed = c.status() == CaseStatus.SIGNED_OFF;
        caseStatus.setText(signed ? "Signed off (locked)" : "Open");
        caseStatus.getStyleClass().removeAll("signed", "open");
        caseStatus.getStyleClass().add(signed ? "signed" : "open");
        if (!karyotype.isFocused()) {
            karyotype.setText(c.karyotype() == null ? "" : c.karyotype());
        }
        if (!interpretation.isFocused()) {
            interpretation.setText(c.interpretation() == null ? "" : c.interpretation());
        }
        karyotype.setEditable(!signed);
        interpretation.setEditable(!signed);
        saveResult.setDisable(signed);
        signOff.setDisable(signed);
        reopen.setDisable(!signed);
    }

    private void showCount(CountTable t) {
        if (t == null) {
            counted.setText("");
            modal.setText("");
            guidance.setText("");
            distribution.setText("");
            nonModal.getItems().clear();
            detectedOnly.setText("");
            return;
        }
        counted.setText("Cells counted: " + t.counted().size() + ", reviewed: "
                + t.reviewed().size()
                + (t.excluded().isEmpty() ? "" : " (" + t.excluded().size() + " excluded)"));
        modal.setText(
                t.modalNumber() < 0
                        ? "Modal number: – (no cell reviewed)"
                        : "Modal number: " + t.modalNumber()
                                + (t.tiedModes().isEmpty()
                                        ? ""
                                        : " (tie with "
                                                + t.tiedModes().stream()
                                                        .filter(k -> k != t.modalNumber())
                                                        .map(String::valueOf)
                                                        .collect(java.util.stream.Collectors.joining(", "))
                                                + ")"));
        guidance.setText(t.guidance().message());
        StringBuilder d = new StringBuilder();
        for (Map.Entry<Integer, Integer> e : t.distribution().entrySet()) {
            d.append(d.length() == 0 ? "" : "   ")
                    .append(e.getKey())
                    .append(": ")
                    .append(e.getValue());
        }
        distribution.setText(d.length() == 0 ? "–" : d.toString());
        StringBuilder u = new StringBuilder();
        for (Map.Entry<Integer, Integer> e : t.detectedOnlyDistribution().entrySet()) {
            u.append(u.length() == 0 ? "" : "   ")
                    .append(e.getKey())
                    .append(": ")
                    .append(e.getValue());
        }
        detectedOnly.setText(
                u.length() == 0
                        ? ""
                        : "Detected only, not reviewed (" + t.unreviewed().size() + "): " + u);
        nonModal.getItems().setAll(t.nonModal());
    }

    private static String describe(Cell c) {
        return "cell " + c.ordinal() + " (" + c.label() + "): " + c.count()
                + (c.status() == org.karyo.app.store.CellStatus.REVIEWED ? "" : " · detected only");
    }
}
