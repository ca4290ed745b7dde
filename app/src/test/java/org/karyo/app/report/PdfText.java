package org.karyo.app.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** Text of a PDF, page by page, as PDFBox extracts it. */
final class PdfText {

    private PdfText() {}

    static List<String> pages(Path pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            List<String> out = new ArrayList<>();
            PDFTextStripper s = new PDFTextStripper();
            for (int i = 1; i <= doc.getNumberOfPages(); i++) {
                s.setStartPage(i);
                s.setEndPage(i);
                out.add(s.getText(doc));
            }
            return out;
        }
    }

    static String all(Path pdf) throws IOException {
        return String.join("\n", pages(pdf));
    }

    /** The text with the export time masked, for comparing two exports. */
    static String masked(Path pdf) throws IOException {
        return all(pdf).replaceAll("Exported \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC", "Exported <time>");
    }
}
