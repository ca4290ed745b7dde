package org.karyo.app.ui.viewer;

import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import org.karyo.core.geometry.RotatedBox;

/** Draws the box layer of a {@link CellView} in screen coordinates. */
final class CellViewPainter {

    static final Color DETECTED = Color.rgb(0, 200, 255);
    static final Color LOW_CONFIDENCE = Color.rgb(255, 140, 0);
    static final Color USER = Color.rgb(230, 60, 230);
    static final Color SELECTED = Color.rgb(255, 235, 0);
    static final Color SUGGESTED = Color.rgb(60, 220, 90);
    private static final Font SCORE_FONT = Font.font("SansSerif", 11);
    private static final Font BADGE_FONT = Font.font("SansSerif", FontWeight.BOLD, 18);

    /** Everything one paint needs, captured at paint time. */
    // numeric buffers passed on without copying or boxing; nothing compares these records by
    // value (ArrayRecordComponent's concern)
    @SuppressWarnings("ArrayRecordComponent")
    record Frame(
            ViewTransform t,
            List<ViewBox> boxes,
            Set<Long> selection,
            Map<Long, RotatedBox> preview,
            RotatedBox pendingAdd,
            double[] rubberBand,
            boolean showBoxes,
            boolean showScores,
            double lowConfidence,
            int count,
            List<ViewBox> suggestions,
            Long focusedSuggestion) {}

    private final double[] xs = new double[4];
    private final double[] ys = new double[4];

    void paint(GraphicsContext g, Frame f) {
        double w = g.getCanvas().getWidth();
        double h = g.getCanvas().getHeight();
        g.clearRect(0, 0, w, h);
        if (f.showBoxes()) {
            for (ViewBox vb : f.boxes()) {
                boolean selected = f.selection().contains(vb.id());
                RotatedBox box = f.preview().getOrDefault(vb.id(), vb.box());
                drawBox(g, f, vb, box, selected);
            }
            // selected boxes and their handles on top
            for (ViewBox vb : f.boxes()) {
                if (f.selection().contains(vb.id())) {
                    drawHandles(g, f.t(), f.preview().getOrDefault(vb.id(), vb.box()));
                }
            }
        }
        for (ViewBox s : f.suggestions()) {
            boolean focused = f.focusedSuggestion() != null && f.focusedSuggestion() == s.id();
            g.setStroke(SUGGESTED);
            g.setLineWidth(focused ? 3 : 1.5);
            g.setLineDashes(2, 4);
            outline(g, f.t(), s.box());
            g.setLineDashes();
            if (focused || f.showScores()) {
                var b = s.box().bounds();
                g.setFont(SCORE_FONT);
                g.setTextAlign(TextAlignment.LEFT);
                g.setTextBaseline(VPos.TOP);
                String text = String.format("suggested %.2f%s", s.score(), focused ? " · Y accepts" : "");
                double x = f.t().toScreenX(b.x2()) + 2, y = f.t().toScreenY(b.y1());
                g.setFill(Color.rgb(0, 0, 0, 0.6));
                g.fillRect(x - 1, y, text.length() * 6.5 + 2, 13);
                g.setFill(SUGGESTED);
                g.fillText(text, x, y);
            }
        }
        if (f.pendingAdd() != null) {
            g.setStroke(USER);
            g.setLineWidth(2);
            g.setLineDashes(4, 3);
            outline(g, f.t(), f.pendingAdd());
            g.setLineDashes();
        }
        if (f.rubberBand() != null) {
            double[] r = f.rubberBand();
            double x = Math.min(r[0], r[2]);
            double y = Math.min(r[1], r[3]);
            g.setFill(Color.rgb(255, 235, 0, 0.12));
            g.fillRect(x, y, Math.abs(r[2] - r[0]), Math.abs(r[3] - r[1]));
            g.setStroke(SELECTED);
            g.setLineWidth(1);
            g.setLineDashes(5, 4);
            g.strokeRect(x + 0.5, y + 0.5, Math.abs(r[2] - r[0]), Math.abs(r[3] - r[1]));
            g.setLineDashes();
        }
        if (f.count() >= 0) { // -1: no cell shown, no count to show
            drawBadge(g, f.count());
        }
    }

    private void drawBox(GraphicsContext g, Frame f, ViewBox vb, RotatedBox box, boolean selected) {
        boolean low = vb.lowConfidence(f.lowConfidence());
        Color c = selected ? SELECTED : vb.userDrawn() ? USER : low ? LOW_CONFIDENCE : DETECTED;
        g.setStroke(c);
        g.setLineWidth(low || selected ? 2.5 : 1.5);
        if (low) {
            g.setLineDashes(7, 4);
        }
        outline(g, f.t(), box);
        g.setLineDashes();
        if (f.showScores() && !vb.userDrawn()) {
            var b = box.bounds();
            double x = f.t().toScreenX(b.x2()) + 2;
            double y = f.t().toScreenY(b.y1());
            String text = String.format("%.2f", vb.score());
            g.setFont(SCORE_FONT);
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.TOP);
            g.setFill(Color.rgb(0, 0, 0, 0.6));
            g.fillRect(x - 1, y, text.length() * 6.5 + 2, 13);
            g.setFill(low ? LOW_CONFIDENCE : Color.WHITE);
            g.fillText(text, x, y);
        }
    }

    private void outline(GraphicsContext g, ViewTransform t, RotatedBox box) {
        double[] c = box.corners();
        for (int i = 0; i < 4; i++) {
            xs[i] = t.toScreenX(c[2 * i]);
            ys[i] = t.toScreenY(c[2 * i + 1]);
        }
        g.strokePolygon(xs, ys, 4);
    }

    private static void drawHandles(GraphicsContext g, ViewTransform t, RotatedBox box) {
        double rot = t.toImageLength(CellView.ROTATION_OFFSET_PX);
        double[] end = BoxGeometry.handlePosition(box, BoxHandle.LENGTH_PLUS, 0);
        double[] r = BoxGeometry.handlePosition(box, BoxHandle.ROTATE, rot);
        g.setStroke(SELECTED);
        g.setLineWidth(1);
        g.strokeLine(t.toScreenX(end[0]), t.toScreenY(end[1]), t.toScreenX(r[0]), t.toScreenY(r[1]));
        g.setFill(SELECTED);
        g.fillOval(t.toScreenX(r[0]) - 5, t.toScreenY(r[1]) - 5, 10, 10);
        g.setStroke(Color.BLACK);
        for (BoxHandle h : new BoxHandle[] {
            BoxHandle.LENGTH_PLUS, BoxHandle.LENGTH_MINUS, BoxHandle.WIDTH_PLUS, BoxHandle.WIDTH_MINUS
        }) {
            double[] p = BoxGeometry.handlePosition(box, h, 0);
            double x = t.toScreenX(p[0]);
            double y = t.toScreenY(p[1]);
            g.fillRect(x - 4, y - 4, 8, 8);
            g.strokeRect(x - 4, y - 4, 8, 8);
        }
    }

    private static void drawBadge(GraphicsContext g, int count) {
        String text = Integer.toString(count);
        double w = 16 + 11 * text.length();
        g.setFill(Color.rgb(0, 0, 0, 0.65));
        g.fillRoundRect(8, 8, w, 30, 8, 8);
        g.setFill(Color.WHITE);
        g.setFont(BADGE_FONT);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(text, 8 + w / 2, 23);
    }
}
