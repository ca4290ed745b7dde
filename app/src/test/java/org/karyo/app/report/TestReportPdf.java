package org.karyo.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.app.report.ReportCase.Status;

class TestReportPdf {

    static final Instant EXPORT = Instant.parse("2025-03-20T10:15:00Z");

    @TempDir
    static Path tmp;

    static Path signedPdf, draftPdf;
    static ReportCase signed;

    @BeforeAll
    static void writeDemo() throws IOException {
        assumeTrue(
                Files.isDirectory(ReportFixtures.DEMO),
                "demo case not found at " + ReportFixtures.DEMO.toAbsolutePath());
        signed = ReportFixtures.demo(Status.SIGNED);
        signedPdf = tmp.resolve("signed.pdf");
        draftPdf = tmp.resolve("draft.pdf");
        ReportPdf.write(signed, ReportFixtures.audit(), signedPdf, EXPORT);
        ReportPdf.write(ReportFixtures.demo(Status.DRAFT), List.of(), draftPdf, EXPORT);
    }

    @Test
    void headerCountsResultAndProvenanceOfTheDemoCase() throws IOException {
        String text = PdfText.all(signedPdf);
        CountStatistics s = signed.statistics();
        for (String v : List.of(
                "DEMO-0001",
                "Demo, Patient",
                "1990-05-17",
                "DEMO-0001-A",
                "peripheral blood (lithium heparin)",
                "2025-03-03",
                "2025-03-04",
                "recurrent pregnancy loss",
                "PHA-stimulated 72 h",
                "550",
                "Karyo Demo Cytogenetics Laboratory",
                "Karyotype: 46,XX",
                "Normal female karyotype",
                "deepchm-lite 1.0.0",
                signed.model().sha256(),
                "Dr C. Geneticist, 2025-03-14 16:20 UTC",
                "A. Reviewer",
                "boxes added 1, removed 1, moved 2",
                "Report version 1")) {
            assertTrue(text.contains(v), "missing '" + v + "'");
        }
        assertEquals(22, s.cellsCounted());
        assertTrue(text.contains("Cells counted 22"), "cells counted");
        assertTrue(text.contains("Cells analysed 5"));
        assertTrue(text.contains("Modal number 46"));
        int hook = (int) Math.ceil((1 - Math.pow(0.05, 1.0 / 22)) * 100);
        assertTrue(text.contains(hook + " % or more excluded at 95 % confidence by 22 cells"), "Hook level " + hook);
        assertTrue(text.contains("Minimum (20 cells) met"));
        assertTrue(text.contains("Cells off the modal number (46)"));
        for (ReportCell c : s.nonModal()) {
            assertTrue(text.contains(ReportFigures.caption(c)), "figure caption of " + c.label());
        }
        assertEquals(
                List.of("cell-03", "cell-07", "cell-08", "cell-10"),
                s.nonModal().stream().map(ReportCell::label).toList());
        assertTrue(text.contains("cell-03: 45 chromosomes (detected 44)"));
        assertTrue(text.contains("box removed"), "audit trail");
        assertFalse(text.contains("ISCN check"), "46,XX is well formed");
    }

    @Test
    void draftOnEveryPageOfADraftAndNowhereOnASignedCase() throws IOException {
        List<String> draft = PdfText.pages(draftPdf);
        assertTrue(draft.size() >= 3);
        for (String page : draft) {
            assertTrue(page.contains("DRAFT"), "DRAFT missing on a page");
        }
        for (String page : PdfText.pages(signedPdf)) {
            assertFalse(page.contains("DRAFT"));
        }
    }

    @Test
    void everyPageHasItsNumberThePatientAndTheExportTime() throws IOException {
        List<String> pages = PdfText.pages(signedPdf);
        for (int i = 0; i < pages.size(); i++) {
            String p = pages.get(i);
            assertTrue(p.contains("Page " + (i + 1) + " of " + pages.size()), "page number on page " + (i + 1));
            assertTrue(p.contains("Patient ID: DEMO-0001"), "patient ID on page " + (i + 1));
            assertTrue(p.contains("Exported 2025-03-20 10:15 UTC"));
        }
    }

    @Test
    void fontsAreEmbeddedAndImagesAreAtPrintResolution() throws IOException {
        try (PDDocument doc = Loader.loadPDF(signedPdf.toFile())) {
            int fonts = 0, images = 0;
            float modalWidthInches = (PageFlow.WIDTH - 2 * ReportFigures.GUTTER) / 3 / 72f;
            for (PDPage page : doc.getPages()) {
                PDResources r = page.getResources();
                for (COSName n : r.getFontNames()) {
                    PDFont f = r.getFont(n);
                    assertTrue(f.isEmbedded(), f.getName() + " not embedded");
                    assertTrue(f.getName().contains("DejaVuSans"), f.getName());
                    fonts++;
                }
                for (COSName n : r.getXObjectNames()) {
                    PDXObject x = r.getXObject(n);
                    if (x instanceof PDImageXObject img) {
                        assertTrue(
                                img.getWidth() >= Math.floor(modalWidthInches * ReportFigures.DPI),
                                "image " + img.getWidth() + " px wide is below 300 dpi");
                        images++;
                    }
                }
            }
            assertTrue(fonts > 0);
            assertEquals(22, images, "one figure per counted cell");
        }
    }

    @Test
    void reExportGivesTheSameContentApartFromTheExportTime() throws IOException {
        Path again = tmp.resolve("again.pdf"), same = tmp.resolve("same.pdf");
        ReportPdf.write(ReportFixtures.demo(Status.SIGNED), ReportFixtures.audit(), again, EXPORT.plusSeconds(86_400));
        assertNotEquals(PdfText.all(signedPdf), PdfText.all(again), "the export time is printed");
        assertEquals(PdfText.masked(signedPdf), PdfText.masked(again));
        ReportPdf.write(ReportFixtures.demo(Status.SIGNED), ReportFixtures.audit(), same, EXPORT);
        assertTrue(
                java.util.Arrays.equals(Files.readAllBytes(signedPdf), Files.readAllBytes(same)),
                "same case and export time: byte-identical file");
    }

    @Test
    void mosaicCase() throws IOException {
        Path pdf = tmp.resolve("mosaic.pdf");
        ReportCase rc = ReportFixtures.mosaic(Status.SIGNED);
        ReportPdf.write(rc, List.of(), pdf, EXPORT);
        String text = PdfText.all(pdf);
        assertTrue(text.contains("Karyotype: 45,X/46,XX[12/18]"));
        assertTrue(text.contains("Cells counted 30 (1 excluded)"));
        assertTrue(text.contains("Modal number 46"));
        assertTrue(text.contains("Cells off the mode 12"));
        assertTrue(text.contains("45 chromosomes: 12 cells; 46 chromosomes: 18 cells"));
        assertTrue(text.contains("10 % or more excluded at 95 % confidence by 30 cells"));
        assertTrue(text.contains("Excluded from the count: m-31: overlapping nucleus, \"not countable\""));
        assertTrue(text.contains("image not available") || text.contains("m-01: 45 chromosomes"));
        assertTrue(text.contains("PHA 72 h, PHA 96 h"));
        assertTrue(text.contains("Detection model none (counted by hand)"));
        assertFalse(text.contains("Note:"), "clone counts 12 + 18 agree with the 30 cells counted");
        assertFalse(text.contains("DRAFT"));
    }

    @Test
    void badKaryotypeAndDisagreementsAreShownNotHidden() throws IOException {
        ReportCase bad = withKaryotype(ReportFixtures.mosaic(Status.DRAFT), "46,XX,del(5)(q13q33");
        Path pdf = tmp.resolve("bad.pdf");
        ReportPdf.write(bad, List.of(), pdf, EXPORT);
        assertTrue(PdfText.all(pdf).contains("ISCN check: the karyotype is not well formed"));
        assertTrue(PdfText.all(pdf).contains("unbalanced parentheses"));

        ReportPdf.write(withKaryotype(ReportFixtures.mosaic(Status.DRAFT), "47,XX,+21"), List.of(), pdf, EXPORT);
        assertTrue(PdfText.all(pdf).contains("the karyotype states 47 chromosomes but the modal count is 46"));
    }

    @Test
    void unprintableTextAndMissingImagesDoNotBreakTheExport() throws IOException {
        ReportCase rc = withKaryotype(ReportFixtures.mosaic(Status.DRAFT), "45,X/46,XX[12/18]");
        ReportCase odd = new ReportCase(
                rc.laboratory(),
                new ReportCase.Patient("ID\u4e2d\u6587-1", null, null, null),
                null,
                null,
                null,
                null,
                "line one\nline two\ttab",
                null,
                null,
                0,
                null,
                null,
                Status.DRAFT,
                null,
                null,
                null,
                1,
                List.of());
        Path pdf = tmp.resolve("odd.pdf");
        ReportPdf.write(odd, null, pdf, EXPORT);
        String text = PdfText.all(pdf);
        assertTrue(text.contains("Patient ID: ID"), text);
        assertTrue(text.contains("Karyotype: not entered"));
        assertTrue(text.contains("Minimum (20 cells) NOT met: 0 of 20"));
    }

    @Test
    void pdftoppmRendersEveryPage() throws IOException, InterruptedException {
        assumeTrue(onPath("pdftoppm"), "pdftoppm not installed (apt-get install poppler-utils)");
        Path dir = Files.createDirectories(tmp.resolve("png"));
        List<String> pngs = ReportImages.render(draftPdf, dir, "page", 40);
        assertEquals(PdfText.pages(draftPdf).size(), pngs.size());
        for (String p : pngs) {
            java.awt.image.BufferedImage img =
                    javax.imageio.ImageIO.read(dir.resolve(p).toFile());
            // A4 at 40 dpi: 331 x 468 px
            assertEquals(331, img.getWidth(), 2);
            assertEquals(468, img.getHeight(), 2);
        }
    }

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator, -1)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    static ReportCase withKaryotype(ReportCase r, String k) {
        return new ReportCase(
                r.laboratory(),
                r.patient(),
                r.accession(),
                r.specimen(),
                r.collected(),
                r.received(),
                r.referralReason(),
                r.cultures(),
                r.bandLevel(),
                r.cellsAnalysed(),
                k,
                r.interpretation(),
                r.status(),
                r.signOffs(),
                r.reviewers(),
                r.model(),
                r.reportVersion(),
                new ArrayList<>(r.cells()));
    }
}
