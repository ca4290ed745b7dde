package org.karyo.app.report;

import java.io.IOException;
import java.io.InputStream;
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
 * as subsets so a report looks the same on every machine and in every viewer. Characters DejaVu
 * lacks (CJK names) are printed in an installed TrueType fallback font when there is one
 * ({@link #FALLBACK_FONTS}), else as '?' rather than failing the export, with a warning before
 * export ({@link ReportPdf#unprintable}).
 */
final class ReportFonts {

    private static final String DIR = "/org/karyo/app/report/fonts/";

    /**
     * TrueType fonts with CJK glyphs that Debian installs (fonts-droid-fallback, fonts-wqy-microhei
     * ships a .ttc, not usable here); the first present is the fallback for characters DejaVu lacks.
     * {@code -Dkaryo.report.fallbackFont=FILE.ttf} names another.
     */
    static final java.util.List<String> FALLBACK_FONTS = java.util.List.of(
            "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
            "/usr/share/fonts/truetype/droid/DroidSansFallback.ttf");

    final PDFont regular;
    final PDFont bold;
    /** Glyphs DejaVu lacks (CJK), for both weights; null when no fallback font is installed. */
    final PDFont fallback;

    private final Map<Integer, Boolean> printable = new HashMap<>();
    private final Map<PDFont, Map<Integer, Float>> advance = new HashMap<>();

    private ReportFonts(PDFont regular, PDFont bold, PDFont fallback) {
        this.regular = regular;
        this.bold = bold;
        this.fallback = fallback;
    }

    static ReportFonts load(PDDocument doc) throws IOException {
        return new ReportFonts(font(doc, "DejaVuSans.ttf"), font(doc, "DejaVuSans-Bold.ttf"), fallback(doc));
    }

    /** The installed fallback font, or null (an unreadable one is skipped: the report still prints). */
    private static PDFont fallback(PDDocument doc) {
        String named = System.getProperty("karyo.report.fallbackFont");
        java.util.List<String> candidates = named != null ? java.util.List.of(named) : FALLBACK_FONTS;
        for (String c : candidates) {
            java.io.File f = new java.io.File(c);
            if (f.isFile() && c.toLowerCase(java.util.Locale.ROOT).endsWith(".ttf")) {
                try {
                    TrueTypeFont ttf = new TTFParser().parse(new org.apache.pdfbox.io.RandomAccessReadBufferedFile(f));
                    ttf.setEnableGsub(false);
                    doc.registerTrueTypeFontForClosing(ttf);
                    return PDType0Font.load(doc, ttf, true);
                } catch (IOException | RuntimeException e) {
                    // not a usable TrueType font: try the next
                }
            }
        }
        return null;
    }

    /** Whether {@code font} (not the fallback) has a glyph for {@code cp}. */
    private static boolean has(PDFont font, int cp) {
        try {
            font.getStringWidth(new String(Character.toChars(cp)));
            return true;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }

    /**
     * Shows {@code s} (made {@link #safe}) in {@code font}, switching to the fallback font for the
     * characters only it has. Inside a text object; the font is {@code font} again afterwards.
     */
    void show(org.apache.pdfbox.pdmodel.PDPageContentStream cs, PDFont font, float size, String s) throws IOException {
        String text = safe(s);
        if (fallback == null) {
            cs.showText(text);
            return;
        }
        StringBuilder run = new StringBuilder();
        boolean inFallback = false;
        for (int k = 0; k < text.length(); ) {
            int cp = text.codePointAt(k);
            boolean needs = !has(font, cp);
            if (needs != inFallback && run.length() > 0) {
                cs.setFont(inFallback ? fallback : font, size);
                cs.showText(run.toString());
                run.setLength(0);
            }
            inFallback = needs;
            run.appendCodePoint(cp);
            k += Character.charCount(cp);
        }
        if (run.length() > 0) {
            cs.setFont(inFallback ? fallback : font, size);
            cs.showText(run.toString());
        }
        cs.setFont(font, size);
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
        s.codePoints()
                .filter(cp -> !Character.isISOControl(cp) && !printable.computeIfAbsent(cp, this::canPrint))
                .forEach(missing::add);
        StringBuilder sb = new StringBuilder();
        missing.forEach(
                cp -> sb.append(sb.length() > 0 ? " " : "").appendCodePoint(cp).append(String.format(" (U+%04X)", cp)));
        return sb.toString();
    }

    private boolean canPrint(int cp) {
        return (has(regular, cp) && has(bold, cp)) || (fallback != null && has(fallback, cp));
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
            String ch = new String(Character.toChars(c));
            try {
                return font.getStringWidth(ch);
            } catch (IOException | IllegalArgumentException e) {
                try { // shown in the fallback font (show()), measured there
                    return fallback == null ? 0f : fallback.getStringWidth(ch);
                } catch (IOException | IllegalArgumentException e2) {
                    return 0f; // not printable: safe() turned it into '?' before it got here
                }
            }
        });
        return units / 1000f * size;
    }
}
