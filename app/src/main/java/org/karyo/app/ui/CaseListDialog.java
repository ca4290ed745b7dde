package org.karyo.app.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.karyo.app.store.CaseRecord;
import org.karyo.app.store.CaseStatus;
import org.karyo.app.store.CaseStore;
import org.karyo.app.store.Patient;

/**
 * Every case in a searchable table: accession, patient, status, date created (ISO 8601). Typing
 * filters on accession and patient; archived cases are hidden unless asked for.
 */
final class CaseListDialog extends Dialog<CaseRecord> {

    static final ButtonType OPEN = new ButtonType("Open", ButtonBar.ButtonData.OK_DONE);
    static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneId.systemDefault());

    /** One row of the table. */
    record Row(CaseRecord c, String patient, boolean archived) {
        String status() {
            return (c.status() == CaseStatus.SIGNED_OFF ? "signed off" : "open") + (archived ? " · archived" : "");
        }
    }

    final TextField search = new TextField();
    final CheckBox showArchived = new CheckBox("Show archived");
    final TableView<Row> table = new TableView<>();

    CaseListDialog(CaseStore store) {
        setTitle("Cases");
        setHeaderText("Find a case");
        Map<Long, Patient> patients = store.patients().list().stream().collect(Collectors.toMap(Patient::id, p -> p));
        Set<Long> archived = store.cases().archivedIds();
        List<Row> rows = store.cases().listAll().stream()
                .map(c -> {
                    Patient p = patients.get(c.patientId());
                    String who = p == null ? "?" : p.identifier() + (p.name() == null ? "" : " " + p.name());
                    return new Row(c, who, archived.contains(c.id()));
                })
                .toList();
        FilteredList<Row> shown = new FilteredList<>(FXCollections.observableArrayList(rows));
        search.setId("caseSearch");
        search.setPromptText("Accession or patient");
        showArchived.setId("showArchived");
        Runnable filter = () -> {
            String q = search.getText().strip().toLowerCase(Locale.ROOT);
            shown.setPredicate(r -> (showArchived.isSelected() || !r.archived())
                    && (q.isEmpty()
                            || r.c().accession().toLowerCase(Locale.ROOT).contains(q)
                            || r.patient().toLowerCase(Locale.ROOT).contains(q)));
        };
        search.textProperty().addListener((o, a, b) -> filter.run());
        showArchived.selectedProperty().addListener((o, a, b) -> filter.run());
        filter.run();
        table.setId("caseTable");
        table.setItems(shown);
        table.getColumns().add(column("Accession", r -> r.c().accession(), 140));
        table.getColumns().add(column("Patient", Row::patient, 200));
        table.getColumns().add(column("Status", Row::status, 140));
        table.getColumns().add(column("Created", r -> DATE.format(r.c().created()), 100));
        table.setPrefSize(620, 360);
        table.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && table.getSelectionModel().getSelectedItem() != null) {
                setResult(table.getSelectionModel().getSelectedItem().c());
                close();
            }
        });
        HBox top = new HBox(8, search, showArchived);
        HBox.setHgrow(search, Priority.ALWAYS);
        VBox box = new VBox(8, top, table);
        box.setPadding(new Insets(10));
        getDialogPane().setContent(box);
        getDialogPane().getButtonTypes().addAll(OPEN, ButtonType.CANCEL);
        getDialogPane()
                .lookupButton(OPEN)
                .disableProperty()
                .bind(table.getSelectionModel().selectedItemProperty().isNull());
        setResultConverter(b -> b == OPEN && table.getSelectionModel().getSelectedItem() != null
                ? table.getSelectionModel().getSelectedItem().c()
                : null);
        setResizable(true);
    }

    private static TableColumn<Row, String> column(String title, java.util.function.Function<Row, String> f, double w) {
        TableColumn<Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new SimpleStringProperty(f.apply(d.getValue())));
        c.setPrefWidth(w);
        return c;
    }

    static Optional<CaseRecord> ask(CaseStore store) {
        return new CaseListDialog(store).showAndWait();
    }
}
