package org.karyo.app.ui;

import java.util.HashMap;
import java.util.Map;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.karyo.app.store.Cell;
import org.karyo.app.store.CellStatus;
import org.karyo.app.ui.model.CaseModel;
import org.karyo.app.ui.model.CellImages;
import org.karyo.core.logging.Background;

/** One row of the cell list: thumbnail, label, status and count; off-mode counts stand out. */
final class CellListCell extends ListCell<Cell> {

    static final double THUMB = 64;

    private final CellImages images;
    private final Map<Long, Image> thumbs;
    private final CaseModel model;
    private final ImageView thumb = new ImageView();
    private final Label title = new Label();
    private final Label detail = new Label();
    private final Label count = new Label();
    private final HBox row;

    CellListCell(CellImages images, Map<Long, Image> thumbs, CaseModel model) {
        this.images = images;
        this.thumbs = thumbs;
        this.model = model;
        thumb.setFitWidth(THUMB);
        thumb.setFitHeight(THUMB);
        thumb.setPreserveRatio(true);
        count.getStyleClass().add("cell-count");
        count.setMinWidth(34);
        count.setAlignment(Pos.CENTER_RIGHT);
        detail.getStyleClass().add("cell-detail");
        VBox text = new VBox(2, title, detail);
        HBox.setHgrow(text, javafx.scene.layout.Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        text.setMinWidth(0);
        title.setMinWidth(0);
        detail.setMinWidth(0);
        count.setMinWidth(Region.USE_PREF_SIZE);
        row = new HBox(8, thumb, text, count);
        // fit the list's width (no horizontal scrolling); long names are cut with an ellipsis
        setPrefWidth(0);
        row.setAlignment(Pos.CENTER_LEFT);
        row.setPadding(new Insets(2));
    }

    static Map<Long, Image> newThumbCache() {
        return new HashMap<>();
    }

    @Override
    protected void updateItem(Cell c, boolean empty) {
        super.updateItem(c, empty);
        getStyleClass().removeAll("cell-excluded", "cell-offmode", "cell-reviewed");
        if (empty || c == null) {
            setGraphic(null);
            setText(null);
            return;
        }
        title.setText(c.ordinal() + ". " + c.label());
        var flags = model.uncertainty().get(c.id());
        boolean cue = flags != null && flags.flagged() && !c.excluded() && c.status() != CellStatus.REVIEWED;
        detail.setText(statusText(c, model.isEdited(c.id()))
                + (cue ? String.format(" · check count (%+d)", flags.countOff()) : "")
                + (flags == null || flags.score() == 0 || c.excluded() ? "" : " · " + flags.score() + " to check"));
        boolean counted = c.status() != CellStatus.NOT_RUN && c.status() != CellStatus.EXCLUDED;
        count.setText(counted ? Integer.toString(c.count()) : "–");
        var table = model.countTableProperty().get();
        if (c.status() == CellStatus.EXCLUDED) {
            getStyleClass().add("cell-excluded");
        } else if (counted && table != null && table.modalNumber() > 0 && c.count() != table.modalNumber()) {
            getStyleClass().add("cell-offmode");
        }
        if (c.status() == CellStatus.REVIEWED) {
            getStyleClass().add("cell-reviewed");
        }
        Image t = thumbs.get(c.id());
        thumb.setImage(t);
        if (t == null) {
            long id = c.id();
            Background.logFailure(
                    images.thumbnail(c.storedImage(), THUMB * 2)
                            .thenAccept(img -> Platform.runLater(() -> {
                                thumbs.put(id, img);
                                if (getItem() != null && getItem().id() == id) {
                                    thumb.setImage(img);
                                }
                            })),
                    CellListCell.class,
                    "thumbnail of cell " + id);
        }
        setText(null);
        setGraphic(row);
    }

    static String statusText(Cell c) {
        return statusText(c, c.detectedCount() != null && c.detectedCount() != c.count());
    }

    /** @param edited a person changed the boxes (the mark stays when a count is edited back to the detector's) */
    static String statusText(Cell c, boolean edited) {
        return switch (c.status()) {
            case NOT_RUN -> "not run";
            case DETECTED -> "detected"
                    + (edited && c.detectedCount() != null ? " (" + c.detectedCount() + ", edited)" : "");
            case REVIEWED -> "reviewed";
            case EXCLUDED -> "excluded: " + (c.exclusionReason() == null ? "" : c.exclusionReason());
        };
    }
}
