package org.karyo.app.ui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.image.Image;
import javafx.scene.layout.StackPane;
import org.karyo.app.review.CellEditor;
import org.karyo.app.review.EditKind;
import org.karyo.app.store.Box;
import org.karyo.app.store.Cell;
import org.karyo.app.ui.model.CaseModel;
import org.karyo.app.ui.model.CellImages;
import org.karyo.app.ui.viewer.BoxEditHandler;
import org.karyo.app.ui.viewer.CellView;
import org.karyo.app.ui.viewer.ViewBox;
import org.karyo.app.ui.viewer.ViewState;
import org.karyo.core.geometry.RotatedBox;
import org.karyo.core.logging.Background;

/**
 * The centre of the window: the open cell in a {@link CellView}, wired to a {@link CellEditor} so
 * that every box edit is committed to the store as it happens, with undo/redo. Remembers each
 * cell's zoom and position for the session.
 */
public final class CellPane extends StackPane implements BoxEditHandler {

    /** Boxes scored below this are highlighted so the reviewer looks there first. */
    public static final double LOW_CONFIDENCE = 0.85;

    private final CaseModel model;
    private final CellImages images;
    private final Consumer<String> status;
    private final CellView view = new CellView();
    private final ObjectProperty<Cell> cell = new SimpleObjectProperty<>();
    private final Map<Long, ViewState> viewStates = new HashMap<>();
    private CellEditor editor;
    private final ReviewCues cues;
    private long shownImageFor = -1;
    private boolean sharpened;
    private final javafx.scene.image.ImageView preloader = new javafx.scene.image.ImageView();

    public CellPane(CaseModel model, CellImages images, Consumer<String> status) {
        this.model = model;
        this.images = images;
        this.status = status;
        view.setEditHandler(this);
        this.cues = new ReviewCues(model.store(), view, status);
        view.lowConfidenceProperty().set(LOW_CONFIDENCE);
        view.setId("cellView");
        view.viewStateProperty().addListener((o, a, b) -> sharpenWhenZoomed());
        // a 1-pixel view of the next cell's preview: drawing it uploads its texture while the
        // reviewer is still on this cell, so the switch does not pay for the upload
        preloader.setFitWidth(1);
        preloader.setFitHeight(1);
        preloader.setManaged(false);
        preloader.setMouseTransparent(true);
        preloader.setOpacity(0.02);
        getChildren().addAll(preloader, view);
    }

    public CellView view() {
        return view;
    }

    public ObjectProperty<Cell> cellProperty() {
        return cell;
    }

    public CellEditor editor() {
        return editor;
    }

    /** Shows a cell: its image as soon as it is decoded (at once when prefetched), its boxes now. */
    public void show(Cell c) {
        Cell previous = cell.get();
        if (previous != null && shownImageFor == previous.id()) {
            viewStates.put(previous.id(), view.getViewState());
        }
        cell.set(c);
        view.overlayProperty().set(null);
        view.getSelection().clear();
        if (c == null) {
            editor = null;
            view.setImage(null);
            view.setBoxes(List.of());
            cues.clear();
            shownImageFor = -1;
            return;
        }
        editor = CellEditor.open(model.store(), c.id());
        refreshBoxes();
        sharpened = false;
        var future = images.preview(c.storedImage(), c.width(), c.height());
        Image ready = future.getNow(null);
        if (ready != null) {
            showImage(c, ready);
        } else {
            shownImageFor = -1;
            Background.logFailure(
                    future.whenComplete((img, err) -> Platform.runLater(() -> {
                        Cell now = cell.get();
                        if (now == null || now.id() != c.id()) {
                            return;
                        }
                        if (err != null) {
                            status.accept("cannot show " + c.label() + ": " + rootMessage(err));
                        } else {
                            showImage(c, img);
                        }
                    })),
                    CellPane.class,
                    "showing cell " + c.id());
        }
        prefetchNeighbours(c);
    }

    private void showImage(Cell c, Image img) {
        view.setImage(img, c.width(), c.height());
        shownImageFor = c.id();
        ViewState remembered = viewStates.get(c.id());
        if (remembered != null) {
            view.setViewState(remembered);
        } else {
            view.fit();
        }
    }

    private void prefetchNeighbours(Cell c) {
        int i = model.indexOf(c.id());
        List<Cell> next = new ArrayList<>();
        for (int d : new int[] {1, -1, 2}) {
            int j = i + d;
            if (j >= 0 && j < model.cells().size()) {
                next.add(model.cells().get(j));
            }
        }
        images.prefetch(next);
        if (!next.isEmpty()) {
            Cell n = next.get(0);
            Background.logFailure(
                    images.preview(n.storedImage(), n.width(), n.height())
                            .thenAccept(img -> Platform.runLater(() -> {
                                Cell now = cell.get();
                                if (now != null && now.id() == c.id()) {
                                    preloader.setImage(img);
                                }
                            })),
                    CellPane.class,
                    "preview of cell " + n.id());
        }
    }

    /**
     * Once the reviewer zooms in past the preview's resolution, swaps in the full image (decoded
     * in the background) without moving the view.
     */
    private void sharpenWhenZoomed() {
        Cell c = cell.get();
        if (sharpened || c == null || shownImageFor != c.id() || view.displayResolution() >= 1) {
            return;
        }
        if (view.getViewState().scale() / view.displayResolution() <= 1.0) {
            return;
        }
        sharpened = true;
        Background.logFailure(
                images.get(c.storedImage())
                        .whenComplete((img, err) -> Platform.runLater(() -> {
                            Cell now = cell.get();
                            if (err == null && now != null && now.id() == c.id()) {
                                view.sharpen(img);
                            }
                        })),
                CellPane.class,
                "full image of cell " + c.id());
    }

    /** Re-reads the boxes from the editor (after an edit, undo, or a detection run). */
    public void refreshBoxes() {
        if (editor == null) {
            return;
        }
        List<ViewBox> boxes = new ArrayList<>();
        List<Box> stored = editor.boxes();
        for (Box b : stored) {
            boxes.add(new ViewBox(b.id(), b.geometry(), b.score()));
        }
        view.setBoxes(boxes);
        if (cell.get() != null) {
            cues.reload(cell.get().id(), stored);
        }
    }

    /** Reopens the editor on the current cell, e.g. after detection replaced its boxes. */
    public void reloadCell() {
        Cell c = cell.get();
        if (c != null) {
            editor = CellEditor.open(model.store(), c.id());
            refreshBoxes();
        }
    }

    @Override
    public void add(RotatedBox box) {
        edit(() -> editor.add(box), "box added");
    }

    @Override
    public void change(Map<Long, RotatedBox> after, EditKind kind) {
        edit(
                () -> editor.change(after, kind),
                after.size()
                        + (after.size() == 1 ? " box " : " boxes ")
                        + kind.name().toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public void delete(Set<Long> ids) {
        edit(() -> editor.delete(ids), ids.size() + (ids.size() == 1 ? " box deleted" : " boxes deleted"));
        view.getSelection().removeAll(ids);
    }

    public void undo() {
        if (editor != null && editor.canUndo()) {
            edit(
                    editor::undo,
                    "Undone: " + describeAction(editor.undoAction()) + " in "
                            + cell.get().label());
        } else if (editor != null) {
            status.accept("Nothing to undo in this cell");
        }
    }

    public void redo() {
        if (editor != null && editor.canRedo()) {
            edit(
                    editor::redo,
                    "Redone: " + describeAction(editor.redoAction()) + " in "
                            + cell.get().label());
        } else if (editor != null) {
            status.accept("Nothing to redo in this cell");
        }
    }

    /** "box.add" -> "box added": what the status bar says was undone or redone. */
    static String describeAction(String action) {
        if (action == null) {
            return "edit";
        }
        return switch (action) {
            case "box.add" -> "box added";
            case "box.delete" -> "box deletion";
            case "box.move" -> "box move";
            case "box.resize" -> "box resize";
            case "box.rotate" -> "box rotation";
            case "box.nudge" -> "box nudge";
            default -> action.replace('.', ' ');
        };
    }

    /** Shows or hides the suggestions (T). */
    public void toggleSuggestions() {
        cues.toggleSuggestions();
    }

    /** Goes to the next flagged place of this cell (N). */
    public void nextUncertain() {
        cues.next();
    }

    /** Accepts the highlighted suggestion as a box (Y; undoable, audited). */
    public void acceptSuggestion() {
        if (editor == null) {
            return;
        }
        cues.acceptFocused(
                g -> {
                    Box[] added = new Box[1];
                    edit(() -> added[0] = editor.add(g), "suggestion accepted");
                    return added[0];
                },
                editor::undo);
        refreshBoxes();
        model.reloadCell(cell.get().id());
    }

    /** The flags and suggestions of the cell on screen. */
    ReviewCues cues() {
        return cues;
    }

    /** One edit: committed by the editor (or refused with a reason), then the screen re-reads. */
    private void edit(Runnable action, String done) {
        if (editor == null) {
            return;
        }
        try {
            action.run();
            status.accept(done);
        } catch (RuntimeException e) {
            status.accept("not changed: " + rootMessage(e));
        }
        refreshBoxes();
        model.reloadCell(cell.get().id());
    }

    /** True once the image of cell {@code id} is on screen (not just its boxes). */
    public boolean isShowingImageOf(long id) {
        return shownImageFor == id;
    }

    public void showOverlay(Image overlay) {
        view.overlayProperty().set(overlay);
    }

    static String rootMessage(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null
                && (r.getMessage() == null || r instanceof java.util.concurrent.CompletionException)) {
            r = r.getCause();
        }
        return r.getMessage() == null ? r.getClass().getSimpleName() : r.getMessage();
    }
}
