package org.karyo.app.report;

import java.awt.Color;
import java.io.IOException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.apache.pdfbox.util.Matrix;

/**
 * What every page carries, added once the page count is known: the running header (laboratory,
 * DRAFT notice), the footer (patient ID, accession, report version, export time, "page i of n")
 * and, for a case not signed off, a diagonal DRAFT watermark over the content.
 */
final class PageDecorations {

    static final Color DRAFT = new Color(200, 30, 30);

    private PageDecorations() {}

    static void apply(
            PDDocument doc, ReportFonts fonts, String headerLeft, String footerLeft, String footerSecond, boolean draft)
            throws IOException {
        int n = doc.getNumberOfPages();
        for (int i = 0; i < n; i++) {
            PDPage page = doc.getPage(i);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page, AppendMode.APPEND, true, true)) {
                float w = page.getMediaBox().getWidth(), h = page.getMediaBox().getHeight();
                float top = h - 36, bottom = 40, size = 8;
                float right = w - PageFlow.MARGIN;
                text(cs, fonts, false, size, PageFlow.MARGIN, top, headerLeft, Color.DARK_GRAY);
                String title = draft ? "DRAFT - not signed off" : "Karyotype report";
                text(
                        cs,
                        fonts,
                        draft,
                        size,
                        right - fonts.width(draft ? fonts.bold : fonts.regular, size, title),
                        top,
                        title,
                        draft ? DRAFT : Color.DARK_GRAY);
                rule(cs, PageFlow.MARGIN, top - 5, right);
                rule(cs, PageFlow.MARGIN, bottom + 11, right);
                text(cs, fonts, true, size, PageFlow.MARGIN, bottom, footerLeft, Color.BLACK);
                String pageText = "Page " + (i + 1) + " of " + n;
                text(
                        cs,
                        fonts,
                        true,
                        size,
                        right - fonts.width(fonts.bold, size, pageText),
                        bottom,
                        pageText,
                        Color.BLACK);
                text(cs, fonts, false, 7, PageFlow.MARGIN, bottom - 10, footerSecond, Color.DARK_GRAY);
                if (draft) {
                    watermark(cs, fonts, w, h);
                }
            }
        }
    }

    private static void watermark(PDPageContentStream cs, ReportFonts fonts, float w, float h) throws IOException {
        PDExtendedGraphicsState alpha = new PDExtendedGraphicsState();
        alpha.setNonStrokingAlphaConstant(0.13f);
        cs.saveGraphicsState();
        cs.setGraphicsStateParameters(alpha);
        float size = 150;
        float tw = fonts.width(fonts.bold, size, "DRAFT");
        double a = Math.atan2(h, w);
        cs.beginText();
        cs.setFont(fonts.bold, size);
        cs.setNonStrokingColor(DRAFT);
        // centred on the page along its diagonal
        float cx = w / 2 - (float) (Math.cos(a) * tw / 2 - Math.sin(a) * size * 0.35);
        float cy = h / 2 - (float) (Math.sin(a) * tw / 2 + Math.cos(a) * size * 0.35);
        cs.setTextMatrix(Matrix.getRotateInstance(a, cx, cy));
        cs.showText("DRAFT");
        cs.endText();
        cs.restoreGraphicsState();
    }

    private static void text(
            PDPageContentStream cs,
            ReportFonts fonts,
            boolean bold,
            float size,
            float x,
            float y,
            String s,
            Color colour)
            throws IOException {
        cs.beginText();
        cs.setFont(bold ? fonts.bold : fonts.regular, size);
        cs.setNonStrokingColor(colour);
        cs.newLineAtOffset(x, y);
        fonts.show(cs, bold ? fonts.bold : fonts.regular, size, s);
        cs.endText();
    }

    private static void rule(PDPageContentStream cs, float x0, float y, float x1) throws IOException {
        cs.setStrokingColor(PageFlow.RULE);
        cs.setLineWidth(0.5f);
        cs.moveTo(x0, y);
        cs.lineTo(x1, y);
        cs.stroke();
    }
}
