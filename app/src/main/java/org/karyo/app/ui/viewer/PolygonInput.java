package org.karyo.app.ui.viewer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.event.EventHandler;
import javafx.scene.Cursor;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import org.karyo.annotation.Vertex;
import org.karyo.annotation.grabcut.Scribble;

/**
 * Primary-button gestures of the annotation tab on a shared {@link CellView}, as event filters that
 * run before the view's own box gestures and consume what they handle; other buttons and the
 * wheel pass through, so panning and zooming stay the view's. One small state machine per gesture;
 * edits go to the {@link PolygonEditHandler} on release, the layer shows previews meanwhile.
 */
public final class PolygonInput {

    /** A press that moves less than this (screen pixels) is a click. */
    static final double CLICK_SLOP_PX = 3;
    /** Vertex and edge grab distance, screen pixels. */
    static final double GRAB_PX = 7;
    /** Freehand outlines keep a vertex every this many screen pixels. */
    static final double FREEHAND_SPACING_PX = 6;
    /** Scribble half-width, screen pixels at the current zoom. */
    static final double SCRIBBLE_RADIUS_PX = 4;

    private enum Mode {
        IDLE,
        DRAW_PRESS,
        FREEHAND,
        VERTEX,
        MOVE,
        SCRIBBLE
    }

    private final CellView view;
    private final PolygonLayer layer;
    private final PolygonEditHandler handler;
    private final EventHandler<MouseEvent> pressed = this::pressed;
    private final EventHandler<MouseEvent> dragged = this::dragged;
    private final EventHandler<MouseEvent> released = this::released;
    private final EventHandler<MouseEvent> moved = this::moved;
    private Mode mode = Mode.IDLE;
    private double pressX;
    private double pressY;
    private Vertex pressImage;
    private List<Vertex> stroke = new ArrayList<>();
    private long editId;
    private List<Vertex> editPoints;
    private int editVertex;
    private String editAction;

    private PolygonInput(CellView view, PolygonLayer layer, PolygonEditHandler handler) {
        this.view = view;
        this.layer = layer;
        this.handler = handler;
    }

    /** Attaches the layer to the view and starts taking primary-button gestures. */
    public static PolygonInput install(CellView view, PolygonLayer layer, PolygonEditHandler handler) {
        PolygonInput in = new PolygonInput(view, layer, handler);
        view.setLayer(layer);
        view.addEventFilter(MouseEvent.MOUSE_PRESSED, in.pressed);
        view.addEventFilter(MouseEvent.MOUSE_DRAGGED, in.dragged);
        view.addEventFilter(MouseEvent.MOUSE_RELEASED, in.released);
        view.addEventFilter(MouseEvent.MOUSE_MOVED, in.moved);
        layer.toolProperty().addListener((o, a, b) -> in.cancel());
        return in;
    }

    public boolean busy() {
        return mode != Mode.IDLE;
    }

    /** Drops a gesture and the outline being drawn. */
    public void cancel() {
        mode = Mode.IDLE;
        layer.setPreview(null);
        layer.setLiveScribble(null);
        layer.setDraft(List.of(), null);
    }

    /** Closes the outline being drawn (Enter); false when it has fewer than 3 points. */
    public boolean finishDraft() {
        List<Vertex> d = layer.draft();
        if (d.size() < 3) {
            return false;
        }
        layer.setDraft(List.of(), null);
        handler.drawn(d);
        return true;
    }

    /** Removes the last point of the outline being drawn (Backspace); false when there is none. */
    public boolean undoDraftPoint() {
        List<Vertex> d = layer.draft();
        if (d.isEmpty()) {
            return false;
        }
        layer.setDraft(d.subList(0, d.size() - 1), null);
        return true;
    }

    private Vertex image(MouseEvent e) {
        ViewTransform t = view.transform();
        return Vertex.of(t.toImageX(e.getX()), t.toImageY(e.getY()));
    }

    private double grab() {
        return view.transform().toImageLength(GRAB_PX);
    }

    private void pressed(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY || view.getImage() == null) {
            return; // panning is the view's
        }
        view.requestFocus();
        e.consume();
        if (mode != Mode.IDLE) {
            return;
        }
        pressX = e.getX();
        pressY = e.getY();
        pressImage = image(e);
        switch (layer.toolProperty().get()) {
            case DRAW -> pressDraw(e);
            case FOREGROUND, BACKGROUND -> {
                stroke = new ArrayList<>(List.of(pressImage));
                mode = Mode.SCRIBBLE;
                layer.setLiveScribble(scribble());
            }
            default -> pressSelect(e);
        }
    }

    private void pressDraw(MouseEvent e) {
        List<Vertex> d = layer.draft();
        boolean onFirst = d.size() >= 3
                && Math.hypot(d.get(0).x() - pressImage.x(), d.get(0).y() - pressImage.y()) <= grab();
        if (d.size() >= 3 && (e.getClickCount() >= 2 || onFirst)) {
            finishDraft();
            return;
        }
        mode = Mode.DRAW_PRESS;
        stroke = new ArrayList<>(List.of(pressImage));
    }

    private void pressSelect(MouseEvent e) {
        double tol = grab();
        ViewPolygon sel = layer.selectedPolygon();
        if (sel != null) {
            int v = PolygonGeometry.vertexAt(sel.points(), pressImage.x(), pressImage.y(), tol);
            if (v >= 0 && e.isAltDown()) {
                List<Vertex> fewer = PolygonGeometry.remove(sel.points(), v);
                if (fewer.size() < sel.points().size()) {
                    handler.changed(sel.id(), fewer, "polygon.vertex.delete");
                }
                return;
            }
            if (v >= 0) {
                startVertexDrag(sel, sel.points(), v, "polygon.vertex.move");
                return;
            }
            PolygonGeometry.EdgeHit edge = PolygonGeometry.edgeAt(sel.points(), pressImage.x(), pressImage.y(), tol);
            if (edge != null) {
                startVertexDrag(
                        sel,
                        PolygonGeometry.insert(sel.points(), edge.index(), edge.at()),
                        edge.index() + 1,
                        "polygon.vertex.insert");
                layer.setPreview(Map.of(sel.id(), editPoints));
                return;
            }
        }
        List<List<Vertex>> all =
                layer.polygons().stream().map(ViewPolygon::points).toList();
        int hit = PolygonGeometry.polygonAt(all, pressImage.x(), pressImage.y());
        if (hit < 0) {
            layer.selectedProperty().set(null);
            return;
        }
        ViewPolygon p = layer.polygons().get(hit);
        layer.selectedProperty().set(p.id());
        editId = p.id();
        editPoints = p.points();
        mode = Mode.MOVE;
    }

    private void startVertexDrag(ViewPolygon p, List<Vertex> points, int vertex, String action) {
        editId = p.id();
        editPoints = points;
        editVertex = vertex;
        editAction = action;
        layer.setSelectedVertex(vertex);
        mode = Mode.VERTEX;
    }

    private void dragged(MouseEvent e) {
        if (mode == Mode.IDLE) {
            return;
        }
        e.consume();
        Vertex at = image(e);
        boolean far = Math.hypot(e.getX() - pressX, e.getY() - pressY) > CLICK_SLOP_PX;
        switch (mode) {
            case DRAW_PRESS -> {
                if (far && layer.draft().isEmpty()) {
                    mode = Mode.FREEHAND;
                    stroke.add(at);
                    layer.setDraft(stroke, null);
                }
            }
            case FREEHAND -> {
                stroke.add(at);
                layer.setDraft(stroke, null);
            }
            case VERTEX -> layer.setPreview(Map.of(editId, PolygonGeometry.move(editPoints, editVertex, at)));
            case MOVE -> {
                if (far) {
                    layer.setPreview(Map.of(
                            editId,
                            PolygonGeometry.translate(editPoints, at.x() - pressImage.x(), at.y() - pressImage.y())));
                }
            }
            case SCRIBBLE -> {
                stroke.add(at);
                layer.setLiveScribble(scribble());
            }
            default -> {}
        }
    }

    private void released(MouseEvent e) {
        if (mode == Mode.IDLE || e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        e.consume();
        Mode m = mode;
        mode = Mode.IDLE;
        Vertex at = image(e);
        boolean far = Math.hypot(e.getX() - pressX, e.getY() - pressY) > CLICK_SLOP_PX;
        switch (m) {
            case DRAW_PRESS -> {
                List<Vertex> d = new ArrayList<>(layer.draft());
                d.add(pressImage);
                layer.setDraft(d, at);
            }
            case FREEHAND -> {
                stroke.add(at);
                List<Vertex> outline =
                        PolygonGeometry.thin(stroke, view.transform().toImageLength(FREEHAND_SPACING_PX));
                layer.setDraft(List.of(), null);
                if (outline.size() >= 3) {
                    handler.drawn(outline);
                }
            }
            case VERTEX -> {
                List<Vertex> after =
                        PolygonGeometry.move(editPoints, editVertex, far ? at : editPoints.get(editVertex));
                layer.setPreview(null);
                if (far || editAction.equals("polygon.vertex.insert")) {
                    handler.changed(editId, after, editAction);
                }
            }
            case MOVE -> {
                layer.setPreview(null);
                if (far) {
                    handler.changed(
                            editId,
                            PolygonGeometry.translate(editPoints, at.x() - pressImage.x(), at.y() - pressImage.y()),
                            "polygon.move");
                }
            }
            case SCRIBBLE -> {
                Scribble s = scribble();
                layer.setLiveScribble(null);
                handler.scribbled(s);
            }
            default -> {}
        }
    }

    private void moved(MouseEvent e) {
        if (layer.toolProperty().get() == PolygonTool.DRAW && !layer.draft().isEmpty()) {
            layer.setDraft(layer.draft(), image(e));
        }
        view.setCursor(layer.toolProperty().get() == PolygonTool.SELECT ? Cursor.DEFAULT : Cursor.CROSSHAIR);
        e.consume();
    }

    private Scribble scribble() {
        double r = Math.max(1, view.transform().toImageLength(SCRIBBLE_RADIUS_PX));
        return new Scribble(stroke, r, layer.toolProperty().get() == PolygonTool.FOREGROUND);
    }
}
