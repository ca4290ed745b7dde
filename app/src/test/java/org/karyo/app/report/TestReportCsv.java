package org.karyo.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestReportCsv {

    @TempDir
    Path tmp;

    @Test
    void cellsRoundTripWithAwkwardText() throws IOException {
        ReportCase base = ReportFixtures.mosaic(ReportCase.Status.DRAFT);
        List<ReportCell> cells = new ArrayList<>(base.cells());
        cells.add(new ReportCell(
                32,
                "odd, \"label\"",
                "a file\nwith newline.tif",
                "ab12",
                null,
                null,
                46,
                true,
                "reason with , comma\r\nand \"quotes\"",
                List.of(),
                new ReportCell.Edits(3, 2, 1),
                " padded reviewer "));
        ReportCase rc = withCells(base, cells);
        Path csv = tmp.resolve("cells.csv");
        ReportCsv.writeCells(rc, csv);

        List<ReportCsv.CellRow> back = ReportCsv.readCells(csv);
        List<ReportCsv.CellRow> expected = rc.cells().stream()
                .map(c -> ReportCsv.CellRow.of(rc.accession(), c))
                .toList();
        assertEquals(expected, back);
        assertEquals(32, back.size());
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        assertTrue(text.startsWith(String.join(",", ReportCsv.CELL_COLUMNS) + "\r\n"), "header row and CRLF");
        assertTrue(text.contains("\"odd, \"\"label\"\"\""), "RFC 4180 quoting");
    }

    @Test
    void auditRoundTrips() throws IOException {
        List<ReportAuditEntry> audit = new ArrayList<>(ReportFixtures.audit());
        audit.add(new ReportAuditEntry(
                Instant.parse("2025-03-15T08:00:00.123Z"),
                "Ünïcode user",
                "count changed",
                "c,1",
                "46",
                "47",
                "line one\nline two, \"quoted\""));
        Path csv = tmp.resolve("audit.csv");
        ReportCsv.writeAudit(audit, csv);
        assertEquals(audit, ReportCsv.readAudit(csv));
    }

    @Test
    void formulaLikeTextIsWrittenAsTextAndReadBackUnchanged() throws IOException {
        List<ReportAuditEntry> audit = new ArrayList<>(ReportFixtures.audit());
        audit.add(new ReportAuditEntry(
                Instant.parse("2025-03-15T08:00:00Z"),
                "=HYPERLINK(\"http://x\",\"y\")",
                "+cmd|' /C calc'!A0",
                "@SUM(A1)",
                "-47",
                "-2+3",
                "\t=1"));
        Path csv = tmp.resolve("audit.csv");
        ReportCsv.writeAudit(audit, csv);
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        assertTrue(text.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""), text);
        assertTrue(text.contains(",'+cmd|' /C calc'!A0,'@SUM(A1),-47,'-2+3,"), text);
        for (String line : text.split("\r\n", -1)) {
            for (String cell : line.split(",", -1)) {
                assertTrue(
                        cell.isEmpty()
                                || "=+@\t".indexOf(cell.charAt(0)) < 0
                                || (cell.charAt(0) == '-' && cell.matches("-\\d+")),
                        "unguarded cell: " + cell);
            }
        }
        assertEquals(audit, ReportCsv.readAudit(csv));
    }

    @Test
    void malformedFilesAreRejectedWithWhere() throws IOException {
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "time,user,action,cell,before,after,reason\r\nyesterday,a,b,,,,\r\n");
        IOException e = assertThrows(IOException.class, () -> ReportCsv.readAudit(bad));
        assertTrue(e.getMessage().contains("row 2"), e.getMessage());
        Files.writeString(bad, "not,the,header\r\n");
        assertTrue(assertThrows(IOException.class, () -> ReportCsv.readCells(bad))
                .getMessage()
                .contains("expected the header"));
        assertThrows(IOException.class, () -> Csv.read(new StringReader("a,\"unclosed\r\n")));
        assertThrows(IOException.class, () -> Csv.read(new StringReader("a,b\"c\r\n")));
        assertEquals(List.of(List.of("a", "", "x\"y")), Csv.read(new StringReader("a,,\"x\"\"y\"\n")));
    }

    static ReportCase withCells(ReportCase r, List<ReportCell> cells) {
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
                r.karyotype(),
                r.interpretation(),
                r.status(),
                r.signOffs(),
                r.reviewers(),
                r.model(),
                r.reportVersion(),
                cells);
    }
}
