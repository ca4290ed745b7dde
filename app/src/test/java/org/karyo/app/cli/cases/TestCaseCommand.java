package org.karyo.app.cli.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.app.report.LaboratorySettings;
import org.karyo.app.report.ReportCommand;
import org.karyo.core.image.OpenCv;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import picocli.CommandLine;

/**
 * {@code karyo case new | import | detect | list | sign} and {@code karyo report --accession}
 * end to end on a throw-away data folder: the way a scanner script would drive a case.
 */
class TestCaseCommand {

    static final Path HOME =
            Path.of(System.getProperty("karyo.home", "..")).toAbsolutePath().normalize();
    static final Path DEMO = HOME.resolve("assets/demo/DEMO-0001");

    @TempDir
    Path dir;

    private String oldData;

    @BeforeEach
    void home() {
        System.setProperty("karyo.home", HOME.toString());
        oldData = System.getProperty("karyo.data");
        System.setProperty("karyo.data", dir.resolve("data").toString());
    }

    @AfterEach
    void restore() {
        if (oldData == null) {
            System.clearProperty("karyo.data");
        } else {
            System.setProperty("karyo.data", oldData);
        }
    }

    /** Exit code, stdout, stderr. */
    record Run(int code, String out, String err) {}

    private Run karyo(Object command, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of(args));
        int code = cl.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    /** The lab server's address for the server run; null: the data folder's SQLite store. */
    private String server;

    private Run kase(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--data");
        all.add(dir.resolve("data").toString());
        if (server != null) {
            all.add("--db");
            all.add(server);
        }
        return karyo(new CaseCommand(), all.toArray(String[]::new));
    }

    @Test
    void aCaseFromNewToTheReportOnTheCommandLine() throws Exception {
        fromNewToReport();
    }

    /** The same commands on the lab server's store (--db postgresql://...; the real test server). */
    @Test
    void aCaseFromNewToTheReportOnTheLabServer() throws Exception {
        server = org.karyo.app.store.StoreFixtures.serverUrl(dir);
        fromNewToReport();
        assertTrue(Files.notExists(dir.resolve("data/cases.db")), "no SQLite store made beside the server's");
        server = null;
        Run wrong = kase("list", "--db", dir.resolve("data/cases.db").toString());
        assertEquals(1, wrong.code());
        assertTrue(wrong.err().contains("--db takes a lab server"), wrong.err());
    }

    private String store() {
        return server != null ? server : dir.resolve("data/cases.db").toString();
    }

    private void fromNewToReport() throws Exception {
        Run created =
                kase("new", "CYT-26-0500", "--patient", "MRN-55", "--sex", "male", "--specimen", "Peripheral blood");
        assertEquals(0, created.code(), created.err());
        assertTrue(created.out().startsWith("case CYT-26-0500 created for patient MRN-55"), created.out());
        Run twice = kase("new", "CYT-26-0500", "--patient", "MRN-55");
        assertEquals(1, twice.code(), "the same accession twice is refused");
        assertTrue(twice.err().contains("a case with accession CYT-26-0500 already exists"), twice.err());

        // a scanner's drop folder: two cells in upper case, and an icon that is not a metaphase
        OpenCv.ensureLoaded();
        Path drop = Files.createDirectories(dir.resolve("drop"));
        Files.copy(DEMO.resolve("cell-01.png"), drop.resolve("CELL-01.PNG"));
        Files.copy(DEMO.resolve("cell-02.png"), drop.resolve("CELL-02.PNG"));
        Imgcodecs.imwrite(drop.resolve("icon.png").toString(), new Mat(16, 16, CvType.CV_8UC1, new Scalar(0)));
        Run imported = kase("import", "CYT-26-0500", drop.toString());
        assertEquals(1, imported.code(), "one file refused: " + imported.out() + imported.err());
        assertTrue(imported.out().contains("3 images ("), imported.out());
        assertTrue(imported.out().contains("2 of 3 images imported into CYT-26-0500; 1 refused"), imported.out());
        assertTrue(imported.err().contains("refused: icon.png: 16 x 16 px is too small"), imported.err());

        Run detected = kase("detect", "CYT-26-0500", "--cpu");
        assertEquals(0, detected.code(), detected.err());
        assertTrue(detected.out().contains("[1/2] cell 1 CELL-01.PNG: "), detected.out());
        assertTrue(detected.out().contains("2 cells detected, 0 failed"), detected.out());

        Run list = kase("list");
        assertEquals(0, list.code(), list.err());
        String row = list.out()
                .lines()
                .filter(l -> l.startsWith("CYT-26-0500"))
                .findFirst()
                .orElseThrow();
        assertTrue(row.matches("CYT-26-0500\\s+MRN-55\\s+open\\s+2 \\(0\\)\\s+-\\s+\\d{4}-\\d{2}-\\d{2}"), row);
        assertEquals(
                0, kase("list", "--search", "nothing-like-it").out().lines().count() - 1);

        // sign: refused with every failed check listed (nothing reviewed, too few cells, no laboratory)
        Run refused = kase("sign", "CYT-26-0500", "--karyotype", "46,XY", "--full-name", "Dr Ana Lee");
        assertEquals(1, refused.code());
        assertTrue(refused.out().contains("FAIL  UNREVIEWED_CELLS: 2 of 2 counted cells not reviewed"), refused.out());
        assertTrue(refused.err().startsWith("not signed: UNREVIEWED_CELLS fails"), refused.err());

        // the report by accession: a DRAFT until signed
        Path pdf = dir.resolve("CYT-26-0500.pdf");
        Run report = karyo(
                new ReportCommand(),
                "--accession",
                "CYT-26-0500",
                "--out",
                pdf.toString(),
                "--db",
                store(),
                "--audit",
                "SEPARATE");
        assertEquals(0, report.code(), report.err());
        assertTrue(report.out().contains("(DRAFT: the case is not signed off)"), report.out());
        assertTrue(Files.size(pdf) > 10_000);
        assertTrue(Files.size(dir.resolve("CYT-26-0500-audit.pdf")) > 1_000);
        Run unknown = karyo(new ReportCommand(), "--accession", "NOPE", "--out", pdf.toString(), "--db", store());
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("no case with accession NOPE"), unknown.err());
        new LaboratorySettings("Lab", "Road 1", null, null).write(dir.resolve("data"));
        Run checks = kase("sign", "CYT-26-0500", "--check-only");
        assertTrue(checks.out().contains("  ok    LABORATORY: Name and address set"), checks.out());
    }
}
