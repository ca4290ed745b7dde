package org.karyo.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The demo report: DEMO-0001 signed out, written to {@code target/report-demo/} with its CSVs and
 * page PNGs. With {@code -Dkaryo.report.docs=DIR} the page PNGs also go to DIR as
 * {@code report-demo-page-N.png} (how {@code docs/images} was made).
 */
class TestDemoReport {

    @Test
    void writesTheDemoReportAndItsPages() throws IOException, InterruptedException {
        assumeTrue(
                Files.isDirectory(ReportFixtures.DEMO),
                "demo case not found at " + ReportFixtures.DEMO.toAbsolutePath());
        Path dir = Files.createDirectories(Path.of("target", "report-demo"));
        ReportCase rc = ReportFixtures.demo(ReportCase.Status.SIGNED);
        Path pdf = dir.resolve("report-demo.pdf");
        ReportPdf.write(rc, ReportFixtures.audit(), pdf, Instant.parse("2025-03-20T10:15:00Z"));
        ReportCsv.writeCells(rc, dir.resolve("report-demo-cells.csv"));
        ReportCsv.writeAudit(ReportFixtures.audit(), dir.resolve("report-demo-audit.csv"));
        assertEquals(
                22, ReportCsv.readCells(dir.resolve("report-demo-cells.csv")).size());
        ReportPdf.write(
                ReportFixtures.demo(ReportCase.Status.DRAFT),
                List.of(),
                dir.resolve("report-demo-draft.pdf"),
                Instant.parse("2025-03-20T10:15:00Z"));
        long size = Files.size(pdf);
        assertTrue(size < 8_000_000, "demo report is " + size + " bytes");

        assumeTrue(TestReportPdf.onPath("pdftoppm"), "pdftoppm not installed (apt-get install poppler-utils)");
        List<String> pages = ReportImages.render(pdf, dir, "report-demo-page", 90);
        assertEquals(PdfText.pages(pdf).size(), pages.size());
        String docs = System.getProperty("karyo.report.docs");
        if (docs != null) {
            Path out = Files.createDirectories(Path.of(docs));
            for (String p : pages) {
                Files.copy(dir.resolve(p), out.resolve(p), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
