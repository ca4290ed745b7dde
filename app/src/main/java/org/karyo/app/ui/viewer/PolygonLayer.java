package org.karyo.app.ui.viewer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import org.karyo.annotation.Vertex;
import org.karyo.annotation.grabcut.Scribble;

/**
 * The annotation tab's drawing on a {@link CellView}: outlines (the selected one with vertex
 * handles), the outline being drawn, GrabCut's proposed outline awaiting Enter/Esc, and scribbles.
 * Holds what is shown; {@link PolygonInput} and the owner change it, every change repaints.
 */
public final class PolygonLayer implements CanvasLayer {

    static final Color OUTLINE = Color.rgb(0, 220, 120);
    static final Color SEEDED = Color.rgb(0, 200, 255);
    static final Color SELECTED = Color.rgb(255, 235, 0);
    static final Color DRAFT = Color.rgb(230, 60, 230);
    static final Color PROPOSAL = Color.rgb(120, 255, 60);
    static final Color FOREGROUND = Color.rgb(60, 255, 60, 0.7);
    static final Color BACKGROUND = Color.rgb(255, 60, 60, 0.7);
    private static final Font LABEL_FONT = Font.font("SansSerif", FontWeight.BOLD, 11);
    private static final Font BADGE_FONT = Font.font("SansSerif", FontWeight.BOLD, 18);

    private final CellView view;
    private final ObjectProperty<Long> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObjectProperty<PolygonTool> tool = new SimpleObjectProperty<>(this, "tool", PolygonTool.SELECT);
    private List<ViewPolygon> polygons = List.of();
    private Map<Long, List<Vertex>> preview = Map.of();
    private int selectedVertex = -1;
    private List<Vertex> draft = List.of();
    private Vertex cursor;
    private List<Vertex> proposal;
    private List<Scribble> scribbles = List.of();
    private Scribble liveScribble;

    public PolygonLayer(CellView view) {
        this.view = view;
        selected.addListener((o, a, b) -> {
            selectedVertex = -1;
            view.requestRedraw();
        });
        tool.addListener((o, a, b) -> view.requestRedraw());
    }

    public ObjectProperty<Long> selectedProperty() {
        return selected;
    }

    public ObjectProperty<PolygonTool> toolProperty() {
        return tool;
    }

    /** Replaces the outlines; a selection that no longer exists is dropped. */
    public void setPolygons(List<ViewPolygon> list) {
        polygons = List.copyOf(list);
        if (selected.get() != null && find(selected.get()) == null) {
            selected.set(null);
        }
        preview = Map.of();
        view.requestRedraw();
    }

    public List<ViewPolygon> polygons() {
        return polygons;
    }

    public ViewPolygon find(long id) {
        for (ViewPolygon p : polygons) {
            if (p.id() == id) {
                return p;
            }
        }
        return null;
    }

    public ViewPolygon selectedPolygon() {
        return selected.get() == null ? null : find(selected.get());
    }

    public int selectedVertex() {
        return selectedVertex;
    }

    void setSelectedVertex(int i) {
        selectedVertex = i;
        view.requestRedraw();
    }

    void setPreview(Map<Long, List<Vertex>> p) {
        preview = p == null ? Map.of() : p;
        view.requestRedraw();
    }

    public List<Vertex> draft() {
        return draft;
    }

    void setDraft(List<Vertex> d, Vertex cursorAt) {
        draft = List.copyOf(d);
        cursor = cursorAt;
        view.requestRedraw();
    }

    /** GrabCut's outline for the selected polygon, shown until accepted or discarded; null for none. */
    public void setProposal(List<Vertex> p) {
        proposal = p == null ? null : List.copyOf(p);
        view.requestRedraw();
    }

    public List<Vertex> proposal() {
        return proposal;
    }

    public void setScribbles(List<Scribble> s) {
        scribbles = List.copyOf(s);
        view.requestRedraw();
    }

    public List<Scribble> scribbles() {
        return scribbles;
    }

    void setLiveScribble(Scribble s) {
        liveScribble = s;
        view.requestRedraw();
    }

    @Override
    public void paint(GraphicsContext g, ViewTransform t) {
        Long sel = selected.get();
        for (ViewPolygon p : polygons) {
            if (sel == null || p.id() != sel) {
                drawPolygon(g, t, p, preview.getOrDefault(p.id(), p.points()), false);
            }
        }
        ViewPolygon s = selectedPolygon();
        if (s != null) {
            drawPolygon(g, t, s, preview.getOrDefault(s.id(), s.points()), true);
        }
        List<Scribble> all = new ArrayList<>(scribbles);
        if (liveScribble != null) {
            all.add(liveScribble);
        }
        for (Scribble sc : all) {
            drawScribble(g, t, sc);
        }
        if (proposal != null) {
            g.setStroke(PROPOSAL);
            g.setLineWidth(2.5);
            g.setLineDashes(6, 4);
            stroke(g, t, proposal, true);
            g.setLineDashes();
        }
        drawDraft(g, t);
        drawBadge(g, polygons.size());
    }

    private void drawPolygon(GraphicsContext g, ViewTransform t, ViewPolygon p, List<Vertex> pts, boolean isSelected) {
        Color c = isSelected ? SELECTED : p.seeded() ? SEEDED : OUTLINE;
        g.setFill(c.deriveColor(0, 1, 1, 0.12));
        fill(g, t, pts);
        g.setStroke(c);
        g.setLineWidth(isSelected ? 2 : 1.3);
        stroke(g, t, pts, true);
        if (isSelected) {
            for (int i = 0; i < pts.size(); i++) {
                double x = t.toScreenX(pts.get(i).x());
                double y = t.toScreenY(pts.get(i).y());
                double r = i == selectedVertex ? 5 : 3.5;
                g.setFill(i == selectedVertex ? Color.RED : SELECTED);
                g.fillRect(x - r, y - r, 2 * r, 2 * r);
                g.setStroke(Color.BLACK);
                g.setLineWidth(1);
                g.strokeRect(x - r, y - r, 2 * r, 2 * r);
            }
        }
        if (!p.label().isEmpty() && pts.size() >= 3 && !"chromosome".equals(p.label())) {
            double cx = 0, cy = 0;
            for (Vertex v : pts) {
                cx += v.x();
                cy += v.y();
            }
            g.setFont(LABEL_FONT);
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.setFill(Color.WHITE);
            g.fillText(p.label(), t.toScreenX(cx / pts.size()), t.toScreenY(cy / pts.size()));
        }
    }

    private void drawDraft(GraphicsContext g, ViewTransform t) {
        if (draft.isEmpty()) {
            return;
        }
        g.setStroke(DRAFT);
        g.setLineWidth(2);
        List<Vertex> line = new ArrayList<>(draft);
        if (cursor != null) {
            line.add(cursor);
        }
        stroke(g, t, line, false);
        g.setFill(DRAFT);
        for (Vertex v : draft) {
            g.fillOval(t.toScreenX(v.x()) - 3, t.toScreenY(v.y()) - 3, 6, 6);
        }
    }

    private void drawScribble(GraphicsContext g, ViewTransform t, Scribble s) {
        g.setStroke(s.foreground() ? FOREGROUND : BACKGROUND);
        g.setLineWidth(Math.max(2, 2 * s.radiusPx() * t.state().scale()));
        g.setLineCap(javafx.scene.shape.StrokeLineCap.ROUND);
        if (s.points().size() == 1) {
            Vertex v = s.points().get(0);
            double r = Math.max(1, s.radiusPx() * t.state().scale());
            g.setFill(s.foreground() ? FOREGROUND : BACKGROUND);
            g.fillOval(t.toScreenX(v.x()) - r, t.toScreenY(v.y()) - r, 2 * r, 2 * r);
        } else {
            stroke(g, t, s.points(), false);
        }
        g.setLineCap(javafx.scene.shape.StrokeLineCap.SQUARE);
    }

    private static void stroke(GraphicsContext g, ViewTransform t, List<Vertex> pts, boolean closed) {
        double[] xs = xs(t, pts);
        double[] ys = ys(t, pts);
        if (closed) {
            g.strokePolygon(xs, ys, pts.size());
        } else {
            g.strokePolyline(xs, ys, pts.size());
        }
    }

    private static void fill(GraphicsContext g, ViewTransform t, List<Vertex> pts) {
        if (pts.size() >= 3) {
            g.fillPolygon(xs(t, pts), ys(t, pts), pts.size());
        }
    }

    private static double[] xs(ViewTransform t, List<Vertex> pts) {
        double[] a = new double[pts.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = t.toScreenX(pts.get(i).x());
        }
        return a;
    }

    private static double[] ys(ViewTransform t, List<Vertex> pts) {
        double[] a = new double[pts.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = t.toScreenY(pts.get(i).y());
        }
        return a;
    }

    /** The outline count where the box view shows its box count. */
    private static void drawBadge(GraphicsContext g, int count) {
        String text = count + (count == 1 ? " outline" : " outlines");
        double w = 16 + 10 * text.length();
        g.setFill(Color.rgb(20, 20, 24, 0.92));
        g.fillRoundRect(6, 6, w + 4, 34, 8, 8);
        g.setFill(OUTLINE);
        g.setFont(BADGE_FONT);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(text, 8 + w / 2, 23);
    }
}
