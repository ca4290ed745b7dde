package org.karyo.app.ui;

import java.util.Map;
import java.util.stream.Collectors;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import org.karyo.app.store.CaseRecord;
import org.karyo.app.store.CaseStatus;
import org.karyo.app.store.Patient;
import org.karyo.app.ui.model.CaseModel;

/** Chooses the open case among all cases in the store, labelled "accession · patient". */
final class CasePicker extends ComboBox<CaseRecord> {

    private final CaseModel model;
    private Map<Long, Patient> patients = Map.of();
    private boolean updating;

    CasePicker(CaseModel model) {
        this.model = model;
        setId("casePicker");
        setPromptText("Open a case…");
        setMaxWidth(Double.MAX_VALUE);
        setCellFactory(l -> new Row());
        setButtonCell(new Row());
        valueProperty().addListener((o, a, b) -> {
            if (!updating
                    && b != null
                    && (model.caseRecord() == null || model.caseRecord().id() != b.id())) {
                model.open(b.id());
            }
        });
        model.caseRecordProperty().addListener((o, a, b) -> refresh());
        refresh();
    }

    /** Re-reads the list of cases (after a case was created or signed off). */
    void refresh() {
        updating = true;
        try {
            patients = model.store().patients().list().stream().collect(Collectors.toMap(Patient::id, p -> p));
            var archived = model.store().cases().archivedIds();
            getItems()
                    .setAll(model.store().cases().listAll().stream()
                            .filter(c -> !archived.contains(c.id()))
                            .toList());
            CaseRecord open = model.caseRecord();
            setValue(
                    open == null
                            ? null
                            : getItems().stream()
                                    .filter(c -> c.id() == open.id())
                                    .findFirst()
                                    .orElse(null));
        } finally {
            updating = false;
        }
    }

    String label(CaseRecord c) {
        Patient p = patients.get(c.patientId());
        return c.accession() + " · " + (p == null ? "?" : p.identifier() + (p.name() == null ? "" : " " + p.name()))
                + (c.status() == CaseStatus.SIGNED_OFF ? " · signed" : "");
    }

    private final class Row extends ListCell<CaseRecord> {
        @Override
        protected void updateItem(CaseRecord c, boolean empty) {
            super.updateItem(c, empty);
            setText(empty || c == null ? null : label(c));
        }
    }
}
