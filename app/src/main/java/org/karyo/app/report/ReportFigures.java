package org.karyo.app.report;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * The figure pages: every counted cell with its boxes and count, the cells off the mode first and
 * larger (two a row), then the modal cells (three a row). Each image is rendered at exactly its
 * printed size at {@link #DPI} dpi, so print is sharp and the file holds no more pixels than print uses.
 */
final class ReportFigures {

    static final int DPI = 300;
    static final float ASPECT = 0.75f, GUTTER = 10, CAPTION = 14;
    static final float JPEG_QUALITY = 0.88f;

    private ReportFigures() {
    }

    static void add(PageFlow f, ReportCase rc, CountStatistics stats) throws IOException {
        List<ReportCell> counted = rc.cells().stream().filter(ReportCell::counted).toList();
        if (counted.isEmpty()) {
            return;
        }
        f.newPage();
        f.heading("Figures: counted cells with their detected chromosomes");
        f.paragraph(f.fonts.regular, 8.5f, "Each chromosome is outlined by its rotated box; the badge gives the final count. "
                + "Cells off the modal number are shown first and larger (orange); modal cells follow (blue).", Color.DARK_GRAY);
        f.gap(4);
        List<ReportCell> off = stats.nonModal();
        List<ReportCell> modal = counted.stream().filter(c -> c.finalCount() == stats.modalNumber()).toList();
        grid(f, off, false, 2);
        if (!off.isEmpty() && !modal.isEmpty()) {
            f.gap(6);
        }
        grid(f, modal, true, 3);
    }

    private static void grid(PageFlow f, List<ReportCell> cells, boolean modal, int perRow) throws IOException {
        float w = (PageFlow.WIDTH - GUTTER * (perRow - 1)) / perRow, h = w * ASPECT;
        int px = Math.round(w / 72f * DPI), py = Math.round(h / 72f * DPI);
        for (int i = 0; i < cells.size(); i += perRow) {
            f.need(h + CAPTION + GUTTER);
            for (int k = 0; k < perRow && i + k < cells.size(); k++) {
                ReportCell c = cells.get(i + k);
                float x = PageFlow.MARGIN + k * (w + GUTTER);
                BufferedImage img = CellFigure.render(c, modal, px, py);
                PDImageXObject xo = JPEGFactory.createFromImage(f.doc, img, JPEG_QUALITY, DPI);
                f.image(xo, x, f.y, w, h);
                f.text(f.fonts.regular, 8, x, f.y - h - 10, caption(c), Color.BLACK);
            }
            f.y -= h + CAPTION + GUTTER;
        }
    }

    static String caption(ReportCell c) {
        String detected = c.detectedCount() != null && c.detectedCount() != c.finalCount()
                ? " (detected " + c.detectedCount() + ")" : "";
        return c.label() + ": " + c.finalCount() + " chromosomes" + detected;
    }
}
