package org.karyo.app.ui.annotate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import org.karyo.annotation.Vertex;
import org.karyo.app.archive.ArchiveCells;
import org.karyo.app.store.CaseStore;
import org.karyo.app.store.Cell;
import org.karyo.app.ui.viewer.ViewPolygon;

/**
 * Above the annotation canvas while an archive import is being reviewed: the shown cell's pair,
 * match score and flagged outlines, and Accept cell (its classified outlines join the dataset as
 * checked), Reject outlines, Next flagged (selects the flagged outlines in turn) and Next cell (the
 * review order: lowest match score first). Hidden for cells that are not in the review.
 */
public final class ArchiveReviewBar extends FlowPane {

    private final CaseStore store;
    private final AnnotationPane pane;
    private final Consumer<String> status;
    private final Label text = new Label();
    private final List<ArchiveCells.Imported> queue = new ArrayList<>();
    private LongConsumer openCell = id -> {};
    private ArchiveCells.Imported current;
    private int flaggedIndex = -1;

    ArchiveReviewBar(CaseStore store, AnnotationPane pane, Consumer<String> status) {
        super(6, 4);
        this.store = store;
        this.pane = pane;
        this.status = status;
        setId("archiveReview");
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(4, 6, 4, 6));
        getStyleClass().add("tool-bar");
        text.setId("archiveReviewText");
        getChildren()
                .addAll(
                        text,
                        Actions.button("Next flagged", "archiveNextFlagged", this::nextFlagged),
                        Actions.button("Accept cell", "archiveAccept", this::accept),
                        Actions.button("Reject outlines", "archiveReject", this::reject),
                        Actions.button("Next cell", "archiveNext", this::next));
        // wraps onto a second row rather than cutting the buttons to "..."
        getChildren().forEach(n -> {
            if (n instanceof Button b) {
                b.setMinWidth(Region.USE_PREF_SIZE);
            }
        });
        managedProperty().bind(visibleProperty());
        setVisible(false);
    }

    /** The cells to review, in review order; {@code openCell} shows a cell by its store id. */
    public void setQueue(List<ArchiveCells.Imported> cells, LongConsumer openCell) {
        queue.clear();
        queue.addAll(cells);
        this.openCell = openCell;
        show(pane.cell());
    }

    public List<ArchiveCells.Imported> queue() {
        return List.copyOf(queue);
    }

    /** Follows the cell shown in the annotation tab. */
    void show(Cell cell) {
        current = cell == null
                ? null
                : queue.stream()
                        .filter(i -> i.cellId() == cell.id())
                        .findFirst()
                        .orElse(null);
        flaggedIndex = -1;
        setVisible(current != null);
        if (current != null) {
            text.setText(String.format(
                    Locale.ROOT,
                    "Archive cell %d of %d (%s): median match %.3f, %d found, %d flagged",
                    queue.indexOf(current) + 1,
                    queue.size(),
                    current.pair(),
                    current.medianScore(),
                    current.found(),
                    current.flagged()));
        }
    }

    /** Selects the next flagged outline: the one whose centre is nearest the flagged chromosome's. */
    public void nextFlagged() {
        if (current == null || current.flaggedAt().isEmpty()) {
            status.accept("no flagged outlines in this cell");
            return;
        }
        flaggedIndex = (flaggedIndex + 1) % current.flaggedAt().size();
        Vertex at = current.flaggedAt().get(flaggedIndex);
        ViewPolygon best = null;
        double bestD = Double.MAX_VALUE;
        for (ViewPolygon p : pane.layer().polygons()) {
            double x = 0, y = 0;
            for (Vertex v : p.points()) {
                x += v.x();
                y += v.y();
            }
            double d = Math.hypot(x / p.points().size() - at.x(), y / p.points().size() - at.y());
            if (d < bestD) {
                bestD = d;
                best = p;
            }
        }
        if (best != null) {
            pane.layer().selectedProperty().set(best.id());
            status.accept("flagged " + (flaggedIndex + 1) + " of "
                    + current.flaggedAt().size() + ": class " + best.label()
                    + " (check the outline and the class; V edits, L relabels)");
        }
    }

    /** The cell's untouched outlines are accepted as they are; then the next cell. */
    public void accept() {
        if (current == null) {
            return;
        }
        ArchiveCells.Imported done = current;
        run(
                () -> ArchiveCells.accept(store, done.cellId()),
                "accepted: outlines of " + done.pair() + " join the dataset");
    }

    /** The cell's outlines are deleted (it stays out of the dataset); then the next cell. */
    public void reject() {
        if (current == null) {
            return;
        }
        ArchiveCells.Imported done = current;
        run(() -> ArchiveCells.reject(store, done.cellId()), "rejected: outlines of " + done.pair() + " deleted");
    }

    private void run(java.util.function.IntSupplier action, String said) {
        long cellId = current.cellId();
        try {
            int n = action.getAsInt();
            pane.reopen();
            status.accept(said + " (" + n + " outlines)");
            next();
        } catch (RuntimeException e) {
            status.accept("not changed: " + Actions.rootMessage(e));
            if (pane.cell() != null && pane.cell().id() == cellId) {
                pane.reopen();
            }
        }
    }

    /** The next cell of the review (after the shown one, else the first). */
    public void next() {
        if (queue.isEmpty()) {
            return;
        }
        int i = current == null ? -1 : queue.indexOf(current);
        if (i + 1 >= queue.size()) {
            status.accept("last archive cell of this import reviewed");
            return;
        }
        openCell.accept(queue.get(i + 1).cellId());
    }
}
