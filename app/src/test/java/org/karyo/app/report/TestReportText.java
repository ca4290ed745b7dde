package org.karyo.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What labs type into a case: CJK names, emoji, control characters, one unbroken 5,000-character word. */
class TestReportText {

    @TempDir
    Path tmp;

    static ReportCase with(ReportCase r, String name, String accession, String interpretation) {
        return new ReportCase(
                r.laboratory(),
                new ReportCase.Patient(
                        r.patient().id(),
                        name,
                        r.patient().birthDate(),
                        r.patient().sex()),
                accession,
                r.specimen(),
                r.collected(),
                r.received(),
                r.referralReason(),
                r.cultures(),
                r.bandLevel(),
                r.cellsAnalysed(),
                r.karyotype(),
                interpretation,
                r.status(),
                r.signOffs(),
                r.reviewers(),
                r.model(),
                r.reportVersion(),
                r.cells());
    }

    @Test
    void cjkEmojiControlCharactersAndAHugeWordGiveAReportAndAWarning() throws Exception {
        ReportCase rc = with(
                ReportFixtures.mosaic(ReportCase.Status.SIGNED),
                "王小明 (Wang)",
                "ACC-\uD83D\uDE00-7\u0007",
                "x".repeat(5000) + " end\u0000of\ttext");
        List<String> missing = ReportPdf.unprintable(rc);
        boolean fallback = fallbackFontInstalled();
        if (fallback) { // a CJK fallback font prints the name: nothing to warn about
            assertEquals(List.of(), missing);
        } else {
            assertTrue(missing.get(0).startsWith("patient name: 王 (U+738B) 小 (U+5C0F) 明 (U+660E)"), missing.get(0));
            // DejaVu Sans has the emoticons block: the emoji prints, so it is not in the warning
            assertEquals(1, missing.size(), missing.toString());
        }

        Path pdf = tmp.resolve("r.pdf");
        long t0 = System.nanoTime();
        ReportPdf.write(rc, ReportFixtures.audit(), pdf, Instant.parse("2025-03-15T08:00:00Z"));
        double s = (System.nanoTime() - t0) / 1e9;
        assertTrue(s < 30, s + " s (the per-character re-measuring took over 120 s)");
        String text = PdfText.all(pdf);
        assertTrue(
                text.contains(fallback ? "王小明 (Wang)" : "??? (Wang)"), "CJK in the fallback font, else '?': " + text);
        assertTrue(text.contains("ACC-\uD83D\uDE00-7"), "the emoji printed, the bell as a space: " + text);
        assertTrue(text.contains("end of text"), "NUL and tab as spaces");
        assertTrue(Files.size(pdf) > 1000);
    }

    static boolean fallbackFontInstalled() {
        String named = System.getProperty("karyo.report.fallbackFont");
        return named != null
                ? Files.isRegularFile(Path.of(named))
                : ReportFonts.FALLBACK_FONTS.stream().anyMatch(f -> Files.isRegularFile(Path.of(f)));
    }

    @Test
    void wrappingIsLinearAndCutsLongWordsAtTheLineWidth() throws Exception {
        try (org.apache.pdfbox.pdmodel.PDDocument doc = new org.apache.pdfbox.pdmodel.PDDocument()) {
            ReportFonts fonts = ReportFonts.load(doc);
            try (PageFlow flow = new PageFlow(doc, fonts)) {
                List<String> lines = flow.wrap(fonts.regular, 10, "ab " + "w".repeat(5000) + " cd", 200);
                assertEquals("ab", lines.get(0));
                for (String l : lines) {
                    assertTrue(fonts.width(fonts.regular, 10, l) <= 200, l);
                }
                assertEquals(
                        "w".repeat(5000) + " cd",
                        String.join("", lines.subList(1, lines.size())).replace("wcd", "w cd"));
                String emoji = "\uD83D\uDE00".repeat(300);
                List<String> cut = flow.wrap(fonts.regular, 10, emoji, 50);
                assertTrue(cut.size() > 10);
                for (String l : cut) {
                    assertTrue(
                            l.equals("\uD83D\uDE00".repeat(l.length() / 2)), "whole emoji only, no half pairs: " + l);
                }
            }
        }
    }
}
