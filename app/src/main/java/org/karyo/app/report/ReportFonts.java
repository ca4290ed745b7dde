package org.karyo.app.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The report's fonts: DejaVu Sans and Sans Bold bundled as resources (licence beside them), embedded
 * as subsets so a report looks the same on every machine and in every viewer. Characters the font
 * lacks are printed as '?' rather than failing the export.
 */
final class ReportFonts {

    private static final String DIR = "/org/karyo/app/report/fonts/";

    final PDFont regular;
    final PDFont bold;
    private final Map<Integer, Boolean> printable = new HashMap<>();
    private final Map<PDFont, Map<Integer, Float>> advance = new HashMap<>();

    private ReportFonts(PDFont regular, PDFont bold) {
        this.regular = regular;
        this.bold = bold;
    }

    static ReportFonts load(PDDocument doc) throws IOException {
        return new ReportFonts(font(doc, "DejaVuSans.ttf"), font(doc, "DejaVuSans-Bold.ttf"));
    }

    private static PDFont font(PDDocument doc, String name) throws IOException {
        try (InputStream in = ReportFonts.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IOException("report font " + name + " is missing from the application");
            }
            TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(in));
            // no ligatures: "ff"/"fi" must stay plain letters so text extraction and search find "off", "final"
            ttf.setEnableGsub(false);
            doc.registerTrueTypeFontForClosing(ttf);
            return PDType0Font.load(doc, ttf, true);
        }
    }

    /** {@code s} with control characters as spaces and unprintable characters as '?'. */
    String safe(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) {
                out.append(' ');
            } else {
                out.appendCodePoint(printable.computeIfAbsent(cp, this::canPrint) ? cp : '?');
            }
        });
        return out.toString();
    }

    /** The distinct characters of {@code s} that {@link #safe} would print as '?', in order; "" when none. */
    String unprintable(String s) {
        if (s == null) {
            return "";
        }
        java.util.LinkedHashSet<Integer> missing = new java.util.LinkedHashSet<>();
        s.codePoints().filter(cp -> !Character.isISOControl(cp) && !printable.computeIfAbsent(cp, this::canPrint))
                .forEach(missing::add);
        StringBuilder sb = new StringBuilder();
        missing.forEach(cp -> sb.append(sb.length() > 0 ? " " : "").appendCodePoint(cp)
                .append(String.format(" (U+%04X)", cp)));
        return sb.toString();
    }

    private boolean canPrint(int cp) {
        String ch = new String(Character.toChars(cp));
        try {
            regular.getStringWidth(ch);
            bold.getStringWidth(ch);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Width of {@code s} in points, from cached per-character widths (the fonts have no kerning here). */
    float width(PDFont font, float size, String s) {
        float w = 0;
        for (int k = 0; k < s.length(); ) {
            int cp = s.codePointAt(k);
            w += width(font, size, cp);
            k += Character.charCount(cp);
        }
        return w;
    }

    /** Width of one character in points. */
    float width(PDFont font, float size, int cp) {
        float units = advance.computeIfAbsent(font, f -> new HashMap<>()).computeIfAbsent(cp, c -> {
            try {
                return font.getStringWidth(new String(Character.toChars(c)));
            } catch (IOException | IllegalArgumentException e) {
                return 0f; // not printable in this font: safe() turned it into '?' before it got here
            }
        });
        return units / 1000f * size;
    }
}
