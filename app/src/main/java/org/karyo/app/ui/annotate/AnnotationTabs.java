package org.karyo.app.ui.annotate;

import java.util.function.Consumer;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyEvent;
import org.karyo.app.store.Cell;
import org.karyo.app.ui.model.CaseModel;
import org.karyo.app.ui.model.CellImages;

/**
 * Mounts annotation in the review window: the review centre, the {@link AnnotationPane} and the
 * {@link DatasetPane} as three tabs. The annotation tab follows the cell chosen in the window's
 * cell list (so Page Up/Down move through cells there too) and takes the window's keys while shown.
 */
public final class AnnotationTabs {

    private final TabPane tabs = new TabPane();
    private final Tab review;
    private final Tab annotate;
    private final Tab dataset;
    private final AnnotationPane annotation;
    private final DatasetPane datasetPane;

    public AnnotationTabs(
            CaseModel model,
            CellImages images,
            ObservableValue<Cell> shownCell,
            Node reviewCentre,
            Consumer<String> status) {
        this.annotation = new AnnotationPane(model, images, status);
        this.datasetPane = new DatasetPane(model.store(), status);
        review = new Tab("Review", reviewCentre);
        annotate = new Tab("Annotate", annotation);
        dataset = new Tab("Dataset", datasetPane);
        review.setId("reviewTab");
        annotate.setId("annotateTab");
        dataset.setId("datasetTab");
        for (Tab t : new Tab[] {review, annotate, dataset}) {
            t.setClosable(false);
        }
        tabs.setId("centreTabs");
        tabs.getTabs().addAll(review, annotate, dataset);
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b == annotate) {
                annotation.show(shownCell.getValue());
                annotation.view().requestFocus();
            } else if (b == dataset) {
                datasetPane.refresh();
                datasetPane.training().refreshModels();
            }
        });
        shownCell.addListener((o, a, b) -> {
            if (isAnnotating()) {
                annotation.show(b);
            }
        });
    }

    /** The node to place where the review centre was. */
    public TabPane node() {
        return tabs;
    }

    public AnnotationPane annotation() {
        return annotation;
    }

    public DatasetPane dataset() {
        return datasetPane;
    }

    public boolean isAnnotating() {
        return tabs.getSelectionModel().getSelectedItem() == annotate;
    }

    /** 0 review, 1 annotate, 2 dataset. */
    public void select(int index) {
        tabs.getSelectionModel().select(index);
    }

    /** The window's key presses while annotating; true when handled (then consume it). */
    public boolean handleKey(KeyEvent e) {
        return isAnnotating() && annotation.handleKey(e);
    }

    public void shutdown() {
        annotation.shutdown();
        datasetPane.training().shutdown();
    }
}
