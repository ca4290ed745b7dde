package org.karyo.app.ui.annotate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import org.karyo.annotation.ChromosomeLabel;
import org.karyo.annotation.InstancePolygon;
import org.karyo.annotation.Vertex;
import org.karyo.annotation.grabcut.GrabCutRefiner;
import org.karyo.annotation.grabcut.RefineOptions;
import org.karyo.annotation.grabcut.Refinement;
import org.karyo.annotation.grabcut.Scribble;
import org.karyo.app.annotate.PolygonEditor;
import org.karyo.app.store.Cell;
import org.karyo.app.store.StoredPolygon;
import org.karyo.app.ui.model.CaseModel;
import org.karyo.app.ui.model.CellImages;
import org.karyo.app.ui.viewer.CellView;
import org.karyo.app.ui.viewer.PolygonEditHandler;
import org.karyo.app.ui.viewer.PolygonGeometry;
import org.karyo.app.ui.viewer.PolygonInput;
import org.karyo.app.ui.viewer.PolygonLayer;
import org.karyo.app.ui.viewer.PolygonTool;
import org.karyo.app.ui.viewer.ViewPolygon;
import org.karyo.core.geometry.RotatedBox;
import org.karyo.core.logging.Background;

/**
 * The annotation tab: the cell on a {@link CellView} with a {@link PolygonLayer}; single-key tools
 * (listed in {@link #SHORTCUTS}); GrabCut and detector seeding run on {@link AnnotationWorker};
 * every change is one store transaction through a {@link PolygonEditor} (autosave, undo/redo per cell).
 */
public final class AnnotationPane extends BorderPane implements PolygonEditHandler {

    public static final List<String[]> SHORTCUTS = List.of(
            new String[] {
                "V", "Select / edit tool: drag outline or vertex, click edge inserts, Alt+click deletes vertex"
            },
            new String[] {"P", "Polygon tool: click points, Enter / double-click / first point closes; or drag freehand"
            },
            new String[] {"G", "Refine the selected outline with GrabCut (Enter accepts, Esc discards)"},
            new String[] {"F / B", "Scribble chromosome / background for GrabCut, then G again"},
            new String[] {"D", "Seed draft outlines from this cell's detected boxes"},
            new String[] {"L", "Choose the label of the selected outline (1..22, X, Y)"},
            new String[] {"Delete", "Delete the selected outline"},
            new String[] {"Backspace", "Remove the last drawn point, else the selected vertex"},
            new String[] {"Ctrl+Z / Ctrl+Y", "Undo / redo (every change is saved at once)"},
            new String[] {"Home", "Fit the image"},
            new String[] {"Page Up / Down", "Previous / next cell"});

    private final CaseModel model;
    private final CellImages images;
    private final Consumer<String> status;
    private final CellView view = new CellView();
    private final PolygonLayer layer = new PolygonLayer(view);
    private final PolygonInput input;
    private final AnnotationWorker worker = new AnnotationWorker();
    private final ComboBox<ChromosomeLabel> labelChoice = new ComboBox<>();
    private final Label message = new Label("Select a cell to annotate");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final List<Runnable> changeListeners = new ArrayList<>();
    private Cell cell;
    private PolygonEditor editor;
    private Long proposalFor;
    private boolean syncingLabel;

    public AnnotationPane(CaseModel model, CellImages images, Consumer<String> status) {
        this.model = model;
        this.images = images;
        this.status = status;
        getStyleClass().add("annotation-pane");
        view.setId("annotationView");
        view.showBoxesProperty().set(false);
        input = PolygonInput.install(view, layer, this);
        message.setId("annotationMessage");
        setTop(toolbar());
        setCenter(view);
        setBottom(message);
        layer.selectedProperty().addListener((o, a, b) -> selectionChanged());
    }

    /** Tools, actions and the label; wraps onto a second row instead of hiding controls in an overflow menu. */
    private javafx.scene.layout.FlowPane toolbar() {
        ToggleGroup tools = new ToggleGroup();
        var bar = new javafx.scene.layout.FlowPane(6, 4);
        bar.getStyleClass().add("tool-bar");
        bar.setPadding(new javafx.geometry.Insets(4, 6, 4, 6));
        for (PolygonTool t : PolygonTool.values()) {
            String[] text =
                    switch (t) {
                        case SELECT -> new String[] {"Select V", "toolSelect"};
                        case DRAW -> new String[] {"Polygon P", "toolPolygon"};
                        case FOREGROUND -> new String[] {"Chromosome F", "toolForeground"};
                        case BACKGROUND -> new String[] {"Background B", "toolBackground"};
                    };
            ToggleButton b = new ToggleButton(text[0]);
            b.setId(text[1]);
            b.setToggleGroup(tools);
            b.setUserData(t);
            b.setFocusTraversable(false);
            bar.getChildren().add(b);
        }
        tools.selectToggle(tools.getToggles().get(0));
        tools.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                tools.selectToggle(a);
            } else {
                layer.toolProperty().set((PolygonTool) b.getUserData());
            }
        });
        layer.toolProperty().addListener((o, a, b) -> tools.getToggles().stream()
                .filter(tg -> tg.getUserData() == b)
                .findFirst()
                .ifPresent(tools::selectToggle));
        var refine = Actions.button("Refine G", "refine", this::refine);
        var seed = Actions.button("Seed D", "seed", this::seed);
        refine.disableProperty().bind(busy);
        seed.disableProperty().bind(busy);
        labelChoice.setId("labelChoice");
        labelChoice.getItems().setAll(ChromosomeLabel.values());
        labelChoice.setValue(ChromosomeLabel.CHROMOSOME);
        labelChoice.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(ChromosomeLabel l) {
                return l == null ? "" : l.displayName();
            }

            @Override
            public ChromosomeLabel fromString(String s) {
                return ChromosomeLabel.parse(s).orElse(ChromosomeLabel.CHROMOSOME);
            }
        });
        labelChoice.setTooltip(new Tooltip("Label of the selected outline, and of the next one drawn (L)"));
        labelChoice.valueProperty().addListener((o, a, b) -> labelChosen(b));
        bar.getChildren().addAll(refine, seed, new Label("Label:"), labelChoice);
        return bar;
    }

    public CellView view() {
        return view;
    }

    public PolygonLayer layer() {
        return layer;
    }

    public PolygonEditor editor() {
        return editor;
    }

    /** The label of the selected outline and of the next one drawn. */
    public ComboBox<ChromosomeLabel> labelChoice() {
        return labelChoice;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    /** Called after every stored change (the dataset view recounts). */
    public void addChangeListener(Runnable r) {
        changeListeners.add(r);
    }

    /** Shows a cell (null clears): its image, its outlines, a fresh undo history. */
    public void show(Cell c) {
        if (c != null && cell != null && c.id() == cell.id() && editor != null) {
            return;
        }
        input.cancel();
        layer.setProposal(null);
        layer.setScribbles(List.of());
        proposalFor = null;
        cell = c;
        if (c == null) {
            editor = null;
            view.setImage(null);
            layer.setPolygons(List.of());
            say("Select a cell to annotate");
            return;
        }
        editor = PolygonEditor.open(model.store(), c.id());
        refresh();
        var future = images.get(c.storedImage());
        Image ready = future.getNow(null);
        if (ready != null) {
            view.setImage(ready);
        } else {
            view.setImage(null);
            Background.logFailure(
                    future.whenComplete((img, err) -> Platform.runLater(() -> {
                        if (cell != null && cell.id() == c.id()) {
                            if (err != null) {
                                say("cannot show " + c.label() + ": " + Actions.rootMessage(err));
                            } else {
                                view.setImage(img);
                            }
                        }
                    })),
                    AnnotationPane.class,
                    "showing cell " + c.id());
        }
        say(c.label() + ": " + layer.polygons().size() + " outlines"
                + (model.isLocked() ? " (case signed off: read only)" : ""));
    }

    public Cell cell() {
        return cell;
    }

    /** Re-reads the outlines from the store. */
    public void refresh() {
        if (editor == null) {
            return;
        }
        List<ViewPolygon> list = new ArrayList<>();
        for (StoredPolygon p : editor.polygons()) {
            list.add(new ViewPolygon(p.id(), p.label().displayName(), p.points(), p.seeded()));
        }
        layer.setPolygons(list);
        selectionChanged();
    }

    // ---- edits from the canvas -----------------------------------------------------------------

    @Override
    public void drawn(List<Vertex> points) {
        edit(
                () -> {
                    StoredPolygon p = editor.add(labelChoice.getValue(), points);
                    refresh();
                    layer.selectedProperty().set(p.id());
                },
                "outline added (" + points.size() + " points): G refines it");
    }

    @Override
    public void changed(long id, List<Vertex> points, String action) {
        ViewPolygon p = layer.find(id);
        if (p == null) {
            return;
        }
        ChromosomeLabel label = ChromosomeLabel.parse(p.label()).orElse(ChromosomeLabel.CHROMOSOME);
        edit(
                () -> editor.change(id, label, points, action),
                action.replace("polygon.", "").replace('.', ' ') + " saved");
    }

    @Override
    public void scribbled(Scribble s) {
        if (layer.selectedPolygon() == null) {
            say("select the outline to correct first (V, click it), then scribble");
            return;
        }
        List<Scribble> all = new ArrayList<>(layer.scribbles());
        all.add(s);
        layer.setScribbles(all);
        say(all.size() + " scribble(s): G refines again with them");
    }

    // ---- actions -------------------------------------------------------------------------------

    /** GrabCut on the selected outline, off the FX thread; the result waits for Enter or Esc. */
    public void refine() {
        ViewPolygon sel = layer.selectedPolygon();
        if (sel == null || cell == null || busy.get()) {
            say(sel == null ? "select an outline to refine (V, click it)" : "busy: wait for the running refinement");
            return;
        }
        InstancePolygon rough = InstancePolygon.of(1, ChromosomeLabel.CHROMOSOME, sel.points());
        List<InstancePolygon> neighbours = new ArrayList<>();
        var reach = rough.polygon().bounds();
        for (ViewPolygon p : layer.polygons()) {
            if (p.id() != sel.id() && p.points().size() >= 3) {
                InstancePolygon n = InstancePolygon.of(neighbours.size() + 2, ChromosomeLabel.CHROMOSOME, p.points());
                if (n.polygon().bounds().intersects(reach)) {
                    neighbours.add(n);
                }
            }
        }
        RefineOptions o = RefineOptions.defaults().withScribbles(layer.scribbles());
        long cellId = cell.id();
        busy.set(true);
        say("refining with GrabCut…");
        Background.logFailure(
                worker.submit(cell.storedImage(), cellId, m -> GrabCutRefiner.refine(m, rough, o, neighbours))
                        .whenComplete((r, err) -> Platform.runLater(() -> refined(cellId, sel.id(), r, err))),
                AnnotationPane.class,
                "refining an outline of cell " + cellId);
    }

    private void refined(long cellId, long polygonId, Refinement r, Throwable err) {
        busy.set(false);
        if (cell == null || cell.id() != cellId) {
            return;
        }
        if (err != null) {
            say("not refined: " + Actions.rootMessage(err));
        } else if (!r.refined()) {
            say(r.message());
        } else {
            layer.selectedProperty().set(polygonId);
            proposalFor = polygonId;
            layer.setProposal(r.polygon().points());
            say(r.message() + ": Enter accepts, Esc discards; F/B scribbles then G refines again");
        }
    }

    /** Stores the GrabCut proposal as the outline's points (one undoable step). */
    public boolean accept() {
        List<Vertex> prop = layer.proposal();
        if (prop == null || proposalFor == null) {
            return false;
        }
        long id = proposalFor;
        layer.setProposal(null);
        proposalFor = null;
        layer.setScribbles(List.of());
        changed(id, prop, "polygon.refine");
        return true;
    }

    /** Draft outlines from the cell's detected boxes, refined by GrabCut; boxes already outlined are skipped. */
    public void seed() {
        if (cell == null || busy.get()) {
            return;
        }
        List<RotatedBox> boxes = new ArrayList<>();
        List<List<Vertex>> existing =
                layer.polygons().stream().map(ViewPolygon::points).toList();
        model.store().boxes().list(cell.id()).forEach(b -> {
            if (PolygonGeometry.polygonAt(
                            existing, b.geometry().cx(), b.geometry().cy())
                    < 0) {
                boxes.add(b.geometry());
            }
        });
        if (boxes.isEmpty()) {
            say(
                    model.store().boxes().list(cell.id()).isEmpty()
                            ? "no detected boxes to seed from: detect this cell first (Review tab, Ctrl+D)"
                            : "every detected box already has an outline");
            return;
        }
        long cellId = cell.id();
        busy.set(true);
        say("seeding " + boxes.size() + " outlines with GrabCut…");
        Background.logFailure(
                worker.submit(
                                cell.storedImage(),
                                cellId,
                                m -> GrabCutRefiner.seedFromDetections(m, boxes, RefineOptions.defaults()))
                        .whenComplete((list, err) -> Platform.runLater(() -> {
                            busy.set(false);
                            if (cell == null || cell.id() != cellId) {
                                return;
                            }
                            if (err != null) {
                                say("not seeded: " + Actions.rootMessage(err));
                                return;
                            }
                            List<List<Vertex>> outlines =
                                    list.stream().map(r -> r.polygon().points()).toList();
                            long refined =
                                    list.stream().filter(Refinement::refined).count();
                            edit(
                                    () -> editor.seed(outlines),
                                    outlines.size() + " draft outlines from the detector (" + refined
                                            + " refined by GrabCut): check each, fix, label");
                        })),
                AnnotationPane.class,
                "seeding outlines of cell " + cellId);
    }

    public void undo() {
        if (editor != null && editor.canUndo()) {
            discardProposal();
            edit(editor::undo, "undone");
        }
    }

    public void redo() {
        if (editor != null && editor.canRedo()) {
            discardProposal();
            edit(editor::redo, "redone");
        }
    }

    public void deleteSelected() {
        ViewPolygon sel = layer.selectedPolygon();
        if (sel != null) {
            discardProposal();
            edit(() -> editor.delete(sel.id()), "outline deleted (Ctrl+Z brings it back)");
        }
    }

    private void deleteSelectedVertex() {
        ViewPolygon sel = layer.selectedPolygon();
        int v = layer.selectedVertex();
        if (sel == null || v < 0 || v >= sel.points().size()) {
            deleteSelected();
            return;
        }
        List<Vertex> fewer = PolygonGeometry.remove(sel.points(), v);
        if (fewer.size() == sel.points().size()) {
            say("an outline keeps at least 3 points (Delete removes the whole outline)");
        } else {
            changed(sel.id(), fewer, "polygon.vertex.delete");
        }
    }

    private void discardProposal() {
        layer.setProposal(null);
        proposalFor = null;
    }

    private void escape() {
        if (!layer.draft().isEmpty() || input.busy()) {
            input.cancel();
        } else if (layer.proposal() != null) {
            discardProposal();
            say("refinement discarded; the outline is as it was");
        } else if (!layer.scribbles().isEmpty()) {
            layer.setScribbles(List.of());
        } else {
            layer.selectedProperty().set(null);
        }
    }

    private void labelChosen(ChromosomeLabel l) {
        ViewPolygon sel = layer.selectedPolygon();
        if (syncingLabel || sel == null || l == null || l.displayName().equals(sel.label())) {
            return;
        }
        edit(() -> editor.change(sel.id(), l, sel.points(), "polygon.label"), "labelled " + l.displayName());
        view.requestFocus();
    }

    private void selectionChanged() {
        ViewPolygon sel = layer.selectedPolygon();
        if (sel == null) {
            return;
        }
        if (proposalFor != null && proposalFor != sel.id()) {
            discardProposal();
        }
        syncingLabel = true;
        labelChoice.setValue(ChromosomeLabel.parse(sel.label()).orElse(ChromosomeLabel.CHROMOSOME));
        syncingLabel = false;
    }

    /** One stored change (or a refusal with its reason), then the canvas re-reads the store. */
    private void edit(Runnable action, String done) {
        if (editor == null) {
            return;
        }
        try {
            action.run();
            say(done);
        } catch (RuntimeException e) {
            say("not changed: " + Actions.rootMessage(e));
        }
        refresh();
        changeListeners.forEach(Runnable::run);
    }

    private void say(String text) {
        message.setText(text);
        status.accept(text);
    }

    // ---- keys ----------------------------------------------------------------------------------

    /** The tab's keys (the window passes its key presses here first while the tab shows); true when handled. */
    public boolean handleKey(KeyEvent e) {
        KeyCode k = e.getCode();
        if (e.isShortcutDown()) {
            if (k == KeyCode.Z && !e.isShiftDown()) {
                undo();
            } else if (k == KeyCode.Y || k == KeyCode.Z) {
                redo();
            } else {
                return false;
            }
            return true;
        }
        if (e.isAltDown() || e.isMetaDown()) {
            return false;
        }
        switch (k) {
            case V -> layer.toolProperty().set(PolygonTool.SELECT);
            case P -> layer.toolProperty().set(PolygonTool.DRAW);
            case F -> layer.toolProperty().set(PolygonTool.FOREGROUND);
            case B -> layer.toolProperty().set(PolygonTool.BACKGROUND);
            case G -> refine();
            case D -> seed();
            case L -> {
                labelChoice.requestFocus();
                labelChoice.show();
            }
            case ENTER -> {
                if (!input.finishDraft() && !accept()) {
                    return false;
                }
            }
            case ESCAPE -> escape();
            case DELETE -> deleteSelected();
            case BACK_SPACE -> {
                if (!input.undoDraftPoint()) {
                    deleteSelectedVertex();
                }
            }
            case HOME -> view.fit();
            case A, S, M -> {} // the box view's keys mean nothing here
            default -> {
                return false;
            }
        }
        return true;
    }

    public void shutdown() {
        worker.close();
    }
}
