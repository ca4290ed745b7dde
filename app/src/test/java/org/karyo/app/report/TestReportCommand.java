package org.karyo.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.app.cli.Karyo;
import org.karyo.inference.model.KaryoData;
import picocli.CommandLine;

class TestReportCommand {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter(), err = new StringWriter();

    @AfterEach
    void uninstall() {
        ReportSources.install(null);
    }

    private int run(String... args) {
        CommandLine cl = Karyo.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    /** A store holding one case (id 7): the mosaic, as a draft. */
    private static ReportSource oneCase() {
        return new ReportSource() {
            @Override
            public ReportCase load(long caseId) throws IOException {
                if (caseId != 7) {
                    throw new IOException("no case with id " + caseId);
                }
                return ReportFixtures.mosaic(ReportCase.Status.DRAFT);
            }

            @Override
            public List<ReportAuditEntry> audit(long caseId) {
                return ReportFixtures.audit();
            }
        };
    }

    @Test
    void withoutACaseDatabaseItSaysSoAndExitsWithTwo() throws IOException {
        // the default store is the data folder's cases.db; an empty data folder has none, and gets none
        Path empty = Files.createDirectories(tmp.resolve("data"));
        String before = System.getProperty(KaryoData.PROPERTY);
        System.setProperty(KaryoData.PROPERTY, empty.toString());
        try {
            Path pdf = tmp.resolve("r.pdf");
            assertEquals(2, run("report", "--case", "1", "--out", pdf.toString()));
            assertTrue(err.toString().contains("no case store"), err.toString());
            assertTrue(Files.notExists(pdf));
            assertTrue(Files.notExists(empty.resolve("cases.db")), "no database created by a report");
        } finally {
            if (before == null) {
                System.clearProperty(KaryoData.PROPERTY);
            } else {
                System.setProperty(KaryoData.PROPERTY, before);
            }
        }
    }

    @Test
    void writesPdfAndBothCsvsFromTheStore() throws IOException {
        ReportSources.install(db -> oneCase());
        Path pdf = tmp.resolve("r.pdf"), cells = tmp.resolve("cells.csv"), audit = tmp.resolve("audit.csv");
        assertEquals(
                0,
                run(
                        "report",
                        "--case",
                        "7",
                        "--out",
                        pdf.toString(),
                        "--csv",
                        cells.toString(),
                        "--audit-csv",
                        audit.toString()),
                err.toString());
        assertTrue(out.toString().contains("DRAFT"), out.toString());
        assertTrue(PdfText.all(pdf).contains("MOS-0002"));
        assertEquals(31, ReportCsv.readCells(cells).size());
        assertEquals(ReportFixtures.audit(), ReportCsv.readAudit(audit));
    }

    @Test
    void unknownCaseMissingStoreFileAndBadArgumentsAreUsageErrors() {
        ReportSources.install(db -> oneCase());
        assertEquals(
                2, run("report", "--case", "8", "--out", tmp.resolve("r.pdf").toString()));
        assertTrue(err.toString().contains("no case with id 8"), err.toString());
        assertEquals(
                2,
                run(
                        "report",
                        "--case",
                        "7",
                        "--out",
                        tmp.resolve("r.pdf").toString(),
                        "--db",
                        tmp.resolve("missing.db").toString()));
        assertTrue(err.toString().contains("not found"));
        assertEquals(2, run("report", "--case", "seven", "--out", "x.pdf"));
        assertEquals(2, run("report", "--out", "x.pdf"));
    }

    @Test
    void anUnwritableOutputFailsWithAMessage() throws IOException {
        ReportSources.install(db -> oneCase());
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        assertEquals(
                1, run("report", "--case", "7", "--out", file.resolve("r.pdf").toString()));
        assertTrue(err.toString().contains("report not written"), err.toString());
    }
}
