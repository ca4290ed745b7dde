package org.karyo.app.ui.annotate;

import java.io.File;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.karyo.annotation.io.DatasetWriter;
import org.karyo.app.annotate.DatasetExport;
import org.karyo.app.store.AnnotationSummary;
import org.karyo.app.store.CaseRecord;
import org.karyo.app.store.CaseStore;
import org.karyo.app.store.Cell;
import org.karyo.core.groundtruth.AnnotationFileException;
import org.karyo.inference.model.KaryoData;

/**
 * The dataset tab: every cell of the store, whether it is annotated, how many outlines, by whom;
 * export as a LabelMe dataset (split by patient) or COCO; and training on it ({@link TrainingPane}).
 */
public final class DatasetPane extends BorderPane {

    private static final System.Logger LOG = System.getLogger(DatasetPane.class.getName());

    /** One row of the table. */
    public record Row(
            String accession, String patient, String cell, int instances, String annotators, String modified) {
        public boolean annotated() {
            return instances > 0;
        }
    }

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private final CaseStore store;
    private final Consumer<String> status;
    private final TableView<Row> table = new TableView<>();
    private final Label summary = new Label();
    private final TrainingPane training;

    public DatasetPane(CaseStore store, Consumer<String> status) {
        this.store = store;
        this.status = status;
        this.training = new TrainingPane(this::exportForTraining, status);
        table.setId("datasetTable");
        table.getColumns().add(column("Case", Row::accession));
        table.getColumns().add(column("Patient", Row::patient));
        table.getColumns().add(column("Cell", Row::cell));
        table.getColumns().add(column("Outlines", Row::instances));
        table.getColumns().add(column("Annotated by", Row::annotators));
        table.getColumns().add(column("Last change", Row::modified));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        summary.setId("datasetSummary");
        ToolBar bar = new ToolBar(
                Actions.button("Export LabelMe dataset…", "exportLabelMe", this::chooseLabelMe),
                Actions.button("Export COCO…", "exportCoco", this::chooseCoco),
                summary);
        setTop(bar);
        SplitPane split = new SplitPane(table, training);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.4);
        setCenter(split);
    }

    private static <T> TableColumn<Row, T> column(String title, java.util.function.Function<Row, T> value) {
        TableColumn<Row, T> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        return c;
    }

    public TableView<Row> table() {
        return table;
    }

    public TrainingPane training() {
        return training;
    }

    /** Re-reads every case's cells and their outline counts. */
    public void refresh() {
        Map<Long, AnnotationSummary> byCell = new HashMap<>();
        store.polygons().summaries().forEach(s -> byCell.put(s.cellId(), s));
        List<Row> rows = new ArrayList<>();
        int annotated = 0;
        int outlines = 0;
        for (CaseRecord c : store.cases().listAll()) {
            String patient = store.patients()
                    .find(c.patientId())
                    .map(p -> p.identifier())
                    .orElse("");
            for (Cell cell : store.cells().list(c.id())) {
                AnnotationSummary s = byCell.get(cell.id());
                rows.add(new Row(
                        c.accession(),
                        patient,
                        cell.label(),
                        s == null ? 0 : s.instances(),
                        s == null ? "" : String.join(", ", s.annotators()),
                        s == null || s.modified() == null
                                ? ""
                                : LocalDateTime.ofInstant(s.modified(), ZoneId.systemDefault())
                                        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"))));
                if (s != null) {
                    annotated++;
                    outlines += s.instances();
                }
            }
        }
        table.getItems().setAll(rows);
        summary.setText(annotated + " of " + rows.size() + " cells annotated, " + outlines + " outlines");
    }

    private void chooseLabelMe() {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Export a LabelMe dataset into a new, empty folder");
        File dir = dc.showDialog(getScene().getWindow());
        if (dir != null) {
            exportLabelMe(dir.toPath());
        }
    }

    private void chooseCoco() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Export COCO instances");
        fc.setInitialFileName("instances.json");
        File f = fc.showSaveDialog(getScene().getWindow());
        if (f != null) {
            exportCoco(f.toPath());
        }
    }

    /** Writes the LabelMe dataset into {@code folder}; null (and a message) when it could not. */
    public DatasetWriter.Summary exportLabelMe(Path folder) {
        try {
            DatasetWriter.Summary s = DatasetExport.writeLabelMe(store, folder);
            status.accept("dataset written to " + folder + ": " + s.trainImages() + " training and " + s.valImages()
                    + " validation images (" + s.trainGroups().size() + " + "
                    + s.valGroups().size() + " patients)");
            return s;
        } catch (AnnotationFileException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "dataset not exported", e);
            status.accept("not exported: " + Actions.rootMessage(e));
            return null;
        }
    }

    public boolean exportCoco(Path file) {
        try {
            int n = DatasetExport.writeCoco(store, file);
            status.accept("COCO file written: " + file + " (" + n + " images)");
            return true;
        } catch (AnnotationFileException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "dataset not exported", e);
            status.accept("not exported: " + Actions.rootMessage(e));
            return false;
        }
    }

    /** A fresh dataset folder for a training run, in the data folder's datasets/. Called off the FX thread. */
    private Path exportForTraining() throws AnnotationFileException {
        Path folder = KaryoData.dir()
                .resolve("datasets")
                .resolve(LocalDateTime.now(ZoneId.systemDefault()).format(STAMP));
        DatasetExport.writeLabelMe(store, folder);
        return folder;
    }
}
