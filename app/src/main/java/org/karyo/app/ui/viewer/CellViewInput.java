package org.karyo.app.ui.viewer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.scene.Cursor;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;
import org.karyo.app.review.EditKind;
import org.karyo.core.geometry.RotatedBox;

/**
 * Mouse and keyboard handling of a {@link CellView}: a small state machine per gesture. Edits
 * are reported to the view's handler only on release (or key press); everything in between is
 * preview drawn by the view.
 */
final class CellViewInput {

    /** A press that moves less than this (screen pixels) is a click. */
    private static final double CLICK_SLOP_PX = 3;

    private static final double ZOOM_PER_NOTCH = 1.2;

    private enum Mode {
        IDLE,
        PAN,
        CLICK_OR_MOVE,
        EDIT,
        RUBBER,
        ADD_AXIS,
        ADD_WIDTH
    }

    private final CellView view;
    private Mode mode = Mode.IDLE;
    private boolean spaceDown;
    private double pressX;
    private double pressY;
    private double lastX;
    private double lastY;
    private boolean additive;
    private long clickedId;
    private BoxDrag drag;
    private double addX1;
    private double addY1;
    private double addX2;
    private double addY2;
    private double addWidth;

    CellViewInput(CellView view) {
        this.view = view;
    }

    void install() {
        view.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        view.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        view.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        view.addEventHandler(MouseEvent.MOUSE_MOVED, this::moved);
        view.addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        view.addEventHandler(ZoomEvent.ZOOM, e -> {
            view.zoomBy(e.getZoomFactor(), e.getX(), e.getY());
            e.consume();
        });
        view.addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
        view.addEventHandler(KeyEvent.KEY_RELEASED, e -> {
            if (e.getCode() == KeyCode.SPACE) {
                spaceDown = false;
                e.consume();
            }
        });
        view.focusedProperty().addListener((o, a, focused) -> spaceDown = spaceDown && focused);
    }

    boolean busy() {
        return mode != Mode.IDLE;
    }

    /** Drops any gesture in progress without reporting it. */
    void cancelAll() {
        mode = Mode.IDLE;
        drag = null;
        view.setPreview(null);
        view.setPendingAdd(null);
        view.setRubberBand(null);
    }

    void cancelAdd() {
        if (mode == Mode.ADD_AXIS || mode == Mode.ADD_WIDTH) {
            cancelAll();
        }
    }

    // ---- mouse ---------------------------------------------------------------------------------

    private void pressed(MouseEvent e) {
        view.requestFocus();
        double x = e.getX();
        double y = e.getY();
        if (mode == Mode.ADD_WIDTH && e.getButton() == MouseButton.PRIMARY) {
            updateWidth(x, y);
            commitAdd();
            e.consume();
            return;
        }
        if (mode != Mode.IDLE) {
            return; // a second button during a gesture is ignored
        }
        pressX = x;
        pressY = y;
        lastX = x;
        lastY = y;
        if (e.getButton() == MouseButton.SECONDARY
                || e.getButton() == MouseButton.MIDDLE
                || (e.getButton() == MouseButton.PRIMARY && spaceDown)) {
            mode = Mode.PAN;
            view.setCursor(Cursor.CLOSED_HAND);
        } else if (e.getButton() == MouseButton.PRIMARY && view.getImage() != null) {
            ViewTransform t = view.transform();
            double ix = t.toImageX(x);
            double iy = t.toImageY(y);
            if (view.toolProperty().get() == Tool.ADD) {
                addX1 = ix;
                addY1 = iy;
                addX2 = ix;
                addY2 = iy;
                mode = Mode.ADD_AXIS;
            } else {
                pressSelect(e, t, ix, iy);
            }
        }
        e.consume();
    }

    private void pressSelect(MouseEvent e, ViewTransform t, double ix, double iy) {
        additive = e.isShiftDown() || e.isShortcutDown();
        Set<Long> selection = view.getSelection();
        Optional<BoxPicker.Hit> hit = BoxPicker.pick(
                view.getBoxes(),
                selection,
                ix,
                iy,
                t.toImageLength(CellView.HANDLE_TOLERANCE_PX),
                t.toImageLength(CellView.ROTATION_OFFSET_PX));
        if (hit.isEmpty() || !view.showBoxesProperty().get()) {
            mode = Mode.RUBBER;
            return;
        }
        BoxPicker.Hit h = hit.get();
        if (h.handle() != BoxHandle.BODY) {
            drag = BoxDrag.handle(h.id(), view.boxesById().get(h.id()).box(), h.handle(), ix, iy);
            mode = Mode.EDIT;
            return;
        }
        if (additive) {
            if (!selection.remove(h.id())) {
                selection.add(h.id());
            }
            mode = Mode.IDLE;
            return;
        }
        if (!selection.contains(h.id())) {
            selection.clear();
            selection.add(h.id());
        }
        clickedId = h.id();
        drag = BoxDrag.move(view.selectedBoxes(), ix, iy);
        mode = Mode.CLICK_OR_MOVE;
    }

    private void dragged(MouseEvent e) {
        double x = e.getX();
        double y = e.getY();
        ViewTransform t = view.transform();
        switch (mode) {
            case PAN -> view.applyViewState(t.pannedBy(x - lastX, y - lastY));
            case CLICK_OR_MOVE -> {
                if (Math.hypot(x - pressX, y - pressY) > CLICK_SLOP_PX) {
                    mode = Mode.EDIT;
                    view.setPreview(drag.at(t.toImageX(x), t.toImageY(y)));
                }
            }
            case EDIT -> view.setPreview(drag.at(t.toImageX(x), t.toImageY(y)));
            case RUBBER -> view.setRubberBand(new double[] {pressX, pressY, x, y});
            case ADD_AXIS -> {
                addX2 = t.toImageX(x);
                addY2 = t.toImageY(y);
                view.setPendingAdd(BoxGeometry.fromAxis(addX1, addY1, addX2, addY2, defaultWidth()));
            }
            case ADD_WIDTH -> updateWidth(x, y);
            default -> {}
        }
        lastX = x;
        lastY = y;
        e.consume();
    }

    private void released(MouseEvent e) {
        double x = e.getX();
        double y = e.getY();
        ViewTransform t = view.transform();
        Mode m = mode;
        switch (m) {
            case PAN -> {
                mode = Mode.IDLE;
                view.setCursor(Cursor.DEFAULT);
            }
            case CLICK_OR_MOVE -> {
                // a plain click on a box of a multi-selection keeps just that box
                cancelAll();
                view.getSelection().retainAll(Set.of(clickedId));
            }
            case EDIT -> {
                BoxDrag d = drag;
                double ix = t.toImageX(x);
                double iy = t.toImageY(y);
                cancelAll();
                if (d.changesAt(ix, iy)) {
                    view.handler().change(d.at(ix, iy), d.kind());
                }
            }
            case RUBBER -> {
                cancelAll();
                Set<Long> inside = Math.hypot(x - pressX, y - pressY) <= CLICK_SLOP_PX
                        ? Set.of()
                        : BoxPicker.inRectangle(
                                view.getBoxes(), t.toImageX(pressX), t.toImageY(pressY), t.toImageX(x), t.toImageY(y));
                if (!additive) {
                    view.getSelection().clear();
                }
                view.getSelection().addAll(inside);
            }
            case ADD_AXIS -> {
                addX2 = t.toImageX(x);
                addY2 = t.toImageY(y);
                if (Math.hypot(x - pressX, y - pressY) <= CLICK_SLOP_PX) {
                    cancelAll(); // a click is not a chromosome
                } else {
                    mode = Mode.ADD_WIDTH;
                    addWidth = defaultWidth();
                    view.setPendingAdd(BoxGeometry.fromAxis(addX1, addY1, addX2, addY2, addWidth));
                }
            }
            default -> {}
        }
        if (m != Mode.IDLE) {
            e.consume();
        }
    }

    private void moved(MouseEvent e) {
        if (mode == Mode.ADD_WIDTH) {
            updateWidth(e.getX(), e.getY());
            return;
        }
        if (mode != Mode.IDLE) {
            return;
        }
        view.setCursor(cursorAt(e.getX(), e.getY()));
    }

    private Cursor cursorAt(double x, double y) {
        if (view.toolProperty().get() == Tool.ADD) {
            return Cursor.CROSSHAIR;
        }
        if (spaceDown) {
            return Cursor.OPEN_HAND;
        }
        ViewTransform t = view.transform();
        return BoxPicker.pick(
                        view.getBoxes(),
                        view.getSelection(),
                        t.toImageX(x),
                        t.toImageY(y),
                        t.toImageLength(CellView.HANDLE_TOLERANCE_PX),
                        t.toImageLength(CellView.ROTATION_OFFSET_PX))
                .map(h -> switch (h.handle()) {
                    case BODY -> view.getSelection().contains(h.id()) ? Cursor.MOVE : Cursor.HAND;
                    case ROTATE -> Cursor.CROSSHAIR;
                    default -> Cursor.OPEN_HAND;
                })
                .orElse(Cursor.DEFAULT);
    }

    /** Wheel notches count in lines (3 a notch); touchpads send pixels (about 40 a notch). */
    private void scrolled(ScrollEvent e) {
        double notches = e.getTextDeltaYUnits() == ScrollEvent.VerticalTextScrollUnits.LINES && e.getTextDeltaY() != 0
                ? e.getTextDeltaY() / 3
                : e.getDeltaY() / 40;
        if (notches != 0 && !e.isInertia()) {
            view.zoomBy(Math.pow(ZOOM_PER_NOTCH, notches), e.getX(), e.getY());
        }
        e.consume();
    }

    // ---- add tool ------------------------------------------------------------------------------

    private void updateWidth(double x, double y) {
        ViewTransform t = view.transform();
        addWidth = BoxGeometry.widthFromPointer(addX1, addY1, addX2, addY2, t.toImageX(x), t.toImageY(y));
        view.setPendingAdd(BoxGeometry.fromAxis(addX1, addY1, addX2, addY2, addWidth));
    }

    private void commitAdd() {
        RotatedBox box = BoxGeometry.fromAxis(addX1, addY1, addX2, addY2, addWidth);
        cancelAll();
        view.handler().add(box);
    }

    /** Until the pointer sets it, a new box is as wide as the median box (chromosomes in one cell are alike). */
    private double defaultWidth() {
        List<Double> hs = new ArrayList<>();
        for (ViewBox b : view.getBoxes()) {
            hs.add(b.box().h());
        }
        if (hs.isEmpty()) {
            return Math.max(BoxGeometry.MIN_SIDE, view.transform().toImageLength(12));
        }
        hs.sort(null);
        return hs.get(hs.size() / 2);
    }

    // ---- keyboard ------------------------------------------------------------------------------

    private void keyPressed(KeyEvent e) {
        KeyCode code = e.getCode();
        if (e.isShortcutDown()) {
            if (code == KeyCode.A && !e.isAltDown()) {
                view.getSelection().addAll(view.allIds());
                e.consume();
            }
            return; // Ctrl+Z, Ctrl+Y and the rest belong to the app
        }
        if (e.isAltDown() || e.isMetaDown()) {
            return;
        }
        boolean handled = true;
        switch (code) {
            case F -> view.fit();
            case DIGIT1, NUMPAD1 -> view.oneToOne();
            case PLUS, ADD, EQUALS -> view.zoomBy(1.25);
            case MINUS, SUBTRACT -> view.zoomBy(0.8);
            case B -> toggle(view.showBoxesProperty());
            case S -> toggle(view.showScoresProperty());
            case M -> toggle(view.showOverlayProperty());
            case A -> view.toolProperty().set(Tool.ADD);
            case V -> view.toolProperty().set(Tool.SELECT);
            case ESCAPE -> escape();
            case ENTER -> handled = confirmAdd();
            case SPACE -> spaceDown = true;
            case LEFT, RIGHT, UP, DOWN -> arrow(code, e.isShiftDown() ? 10 : 1);
            case DELETE, BACK_SPACE -> handled = deleteSelection();
            default -> handled = false;
        }
        if (handled) {
            e.consume();
        }
    }

    private static void toggle(javafx.beans.property.BooleanProperty p) {
        p.set(!p.get());
    }

    private void escape() {
        if (mode != Mode.IDLE) {
            cancelAll();
        } else if (view.toolProperty().get() == Tool.ADD) {
            view.toolProperty().set(Tool.SELECT);
        } else {
            view.getSelection().clear();
        }
    }

    private boolean confirmAdd() {
        if (mode != Mode.ADD_WIDTH) {
            return false;
        }
        commitAdd();
        return true;
    }

    private void arrow(KeyCode code, double step) {
        double dx = code == KeyCode.LEFT ? -step : code == KeyCode.RIGHT ? step : 0;
        double dy = code == KeyCode.UP ? -step : code == KeyCode.DOWN ? step : 0;
        Map<Long, RotatedBox> selected = view.selectedBoxes();
        if (mode != Mode.IDLE) {
            return;
        }
        if (selected.isEmpty()) {
            // nothing to nudge: look further in the arrow's direction (40 screen pixels a step)
            view.applyViewState(view.transform().pannedBy(-dx * 40, -dy * 40));
            return;
        }
        Map<Long, RotatedBox> after = new LinkedHashMap<>();
        selected.forEach((id, b) -> after.put(id, b.translated(dx, dy)));
        view.handler().change(after, EditKind.NUDGE);
    }

    private boolean deleteSelection() {
        if (mode != Mode.IDLE || view.getSelection().isEmpty()) {
            return false;
        }
        view.handler().delete(Set.copyOf(new LinkedHashSet<>(view.getSelection())));
        return true;
    }
}
