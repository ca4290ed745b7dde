package org.karyo.app.report;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * A top-to-bottom flow of report content over A4 pages: headings, wrapped paragraphs, label/value
 * rows, tables that repeat their header on a new page, and images. Coordinates are PDF points
 * (origin bottom left); {@link #y} is the top of the next block.
 */
final class PageFlow implements AutoCloseable {

    static final PDRectangle SIZE = PDRectangle.A4;
    static final float MARGIN = 50, TOP = SIZE.getHeight() - 62, BOTTOM = 62;
    static final float WIDTH = SIZE.getWidth() - 2 * MARGIN;
    static final Color RULE = new Color(0.6f, 0.6f, 0.6f), SHADE = new Color(0.92f, 0.92f, 0.92f);

    final PDDocument doc;
    final ReportFonts fonts;
    private PDPageContentStream cs;
    float y;

    PageFlow(PDDocument doc, ReportFonts fonts) throws IOException {
        this.doc = doc;
        this.fonts = fonts;
        newPage();
    }

    void newPage() throws IOException {
        close();
        PDPage page = new PDPage(SIZE);
        doc.addPage(page);
        cs = new PDPageContentStream(doc, page);
        y = TOP;
    }

    /** Starts a new page unless {@code height} points still fit on this one. */
    void need(float height) throws IOException {
        if (y - height < BOTTOM) {
            newPage();
        }
    }

    void gap(float points) {
        y -= points;
    }

    void heading(String text) throws IOException {
        need(40);
        gap(8);
        text(fonts.bold, 12, MARGIN, y - 12, text, Color.BLACK);
        y -= 16;
        line(MARGIN, y, MARGIN + WIDTH, y, RULE, 0.6f);
        y -= 8;
    }

    /** A wrapped paragraph over the full width. */
    void paragraph(PDFont font, float size, String text, Color colour) throws IOException {
        for (String line : wrap(font, size, text, WIDTH)) {
            need(size * 1.35f);
            text(font, size, MARGIN, y - size, line, colour);
            y -= size * 1.35f;
        }
    }

    /** Label/value pairs in {@code columns} column pairs; values wrap within their column. */
    void fields(List<String[]> pairs, int columns, float labelWidth) throws IOException {
        float colWidth = WIDTH / columns, size = 9f;
        for (int i = 0; i < pairs.size(); i += columns) {
            float rowHeight = 0;
            List<List<String>> wrapped = new ArrayList<>();
            for (int c = 0; c < columns && i + c < pairs.size(); c++) {
                List<String> w = wrap(fonts.regular, size, pairs.get(i + c)[1], colWidth - labelWidth - 8);
                wrapped.add(w);
                rowHeight = Math.max(rowHeight, w.size() * size * 1.3f);
            }
            need(rowHeight + 3);
            for (int c = 0; c < wrapped.size(); c++) {
                float x = MARGIN + c * colWidth;
                text(fonts.bold, size, x, y - size, pairs.get(i + c)[0], Color.DARK_GRAY);
                float ly = y - size;
                for (String l : wrapped.get(c)) {
                    text(fonts.regular, size, x + labelWidth, ly, l, Color.BLACK);
                    ly -= size * 1.3f;
                }
            }
            y -= rowHeight + 3;
        }
    }

    /** A table with relative column widths; cells wrap, the header repeats after a page break. */
    void table(String[] header, float[] widths, List<String[]> rows, float size) throws IOException {
        float total = 0;
        for (float w : widths) {
            total += w;
        }
        float[] cols = new float[widths.length];
        for (int i = 0; i < widths.length; i++) {
            cols[i] = widths[i] / total * WIDTH;
        }
        row(header, cols, size, true);
        for (String[] r : rows) {
            float h = rowHeight(r, cols, size);
            if (y - h < BOTTOM) {
                newPage();
                row(header, cols, size, true);
            }
            row(r, cols, size, false);
        }
    }

    private float rowHeight(String[] r, float[] cols, float size) {
        int lines = 1;
        for (int i = 0; i < r.length; i++) {
            lines = Math.max(lines, wrap(fonts.regular, size, r[i], cols[i] - 6).size());
        }
        return lines * size * 1.3f + 4;
    }

    private void row(String[] r, float[] cols, float size, boolean header) throws IOException {
        float h = rowHeight(r, cols, size);
        need(h);
        if (header) {
            cs.setNonStrokingColor(SHADE);
            cs.addRect(MARGIN, y - h, WIDTH, h);
            cs.fill();
        }
        float x = MARGIN;
        for (int i = 0; i < r.length; i++) {
            float ly = y - 2 - size;
            for (String l : wrap(fonts.regular, size, r[i], cols[i] - 6)) {
                text(header ? fonts.bold : fonts.regular, size, x + 3, ly, l, Color.BLACK);
                ly -= size * 1.3f;
            }
            x += cols[i];
        }
        y -= h;
        line(MARGIN, y, MARGIN + WIDTH, y, RULE, 0.4f);
    }

    void image(PDImageXObject img, float x, float top, float w, float h) throws IOException {
        cs.drawImage(img, x, top - h, w, h);
        cs.setStrokingColor(RULE);
        cs.setLineWidth(0.5f);
        cs.addRect(x, top - h, w, h);
        cs.stroke();
    }

    void text(PDFont font, float size, float x, float baseline, String s, Color colour) throws IOException {
        cs.beginText();
        cs.setFont(font, size);
        cs.setNonStrokingColor(colour);
        cs.newLineAtOffset(x, baseline);
        fonts.show(cs, font, size, s);
        cs.endText();
    }

    void line(float x0, float y0, float x1, float y1, Color colour, float width) throws IOException {
        cs.setStrokingColor(colour);
        cs.setLineWidth(width);
        cs.moveTo(x0, y0);
        cs.lineTo(x1, y1);
        cs.stroke();
    }

    /**
     * Greedy word wrap; explicit newlines are kept, words longer than a line are cut. Linear in the
     * text: each character's width is looked up once (cached per font), never re-measured with the
     * line it joins (an unbroken 5,000-character word took minutes that way).
     */
    List<String> wrap(PDFont font, float size, String text, float width) {
        List<String> out = new ArrayList<>();
        String all = text == null ? "" : text.replace("\r\n", "\n").replace('\r', '\n');
        float space = fonts.width(font, size, " ");
        for (String raw : all.split("\n", -1)) {
            String para = fonts.safe(raw);
            StringBuilder line = new StringBuilder();
            float lineWidth = 0;
            for (String word : para.split(" ", -1)) {
                float w = fonts.width(font, size, word);
                float candidate = line.isEmpty() ? w : lineWidth + space + w;
                if (candidate <= width) {
                    if (!line.isEmpty()) {
                        line.append(' ');
                    }
                    line.append(word);
                    lineWidth = candidate;
                    continue;
                }
                if (!line.isEmpty()) {
                    out.add(line.toString());
                    line.setLength(0);
                }
                if (w > width) { // cut at code points, never inside a surrogate pair
                    int start = 0;
                    float acc = 0;
                    for (int k = 0; k < word.length(); ) {
                        int cp = word.codePointAt(k);
                        float cw = fonts.width(font, size, cp);
                        if (acc + cw > width && k > start) {
                            out.add(word.substring(start, k));
                            start = k;
                            acc = 0;
                        }
                        acc += cw;
                        k += Character.charCount(cp);
                    }
                    word = word.substring(start);
                    w = acc;
                }
                line.append(word);
                lineWidth = w;
            }
            out.add(line.toString());
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        if (cs != null) {
            cs.close();
            cs = null;
        }
    }
}
