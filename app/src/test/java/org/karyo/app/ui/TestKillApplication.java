package org.karyo.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.app.Workspace;
import org.karyo.app.store.AuditEntry;
import org.karyo.app.store.CaseRecord;
import org.karyo.app.store.Patient;

/**
 * Kills the review application (the real window, headless) with SIGKILL while it is committing
 * box edits, then checks the database opens cleanly, passes SQLite's integrity check and holds
 * every edit the application had reported committed.
 */
class TestKillApplication {

    static final Path DEMO = TestReviewWorkflow.DEMO;

    @TempDir
    Path data;

    @Test
    @Timeout(180)
    void killMidEditLosesNothingCommitted() throws Exception {
        long caseId;
        try (Workspace ws = Workspace.open(data, "editor", null, false)) {
            Patient p = ws.store().patients().create("MRN-K", null, null, null);
            CaseRecord c = ws.store().cases().create(p.id(), "CYT-KILL", null, null, null, null, null, null);
            ws.store().cells().importImage(c.id(), DEMO.resolve("cell-05.png"));
            caseId = c.id();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String[]> committed = org.karyo.app.KillAfter.run(
                new ProcessBuilder(
                                java,
                                "-cp",
                                System.getProperty("java.class.path"),
                                "-Dglass.platform=Monocle",
                                "-Dmonocle.platform=Headless",
                                "-Dprism.order=sw",
                                "-Dheadless.geometry=1600x1200-32",
                                "-Djava.awt.headless=true",
                                AppEditLoop.class.getName(),
                                data.toString(),
                                Long.toString(caseId))
                        .redirectError(data.resolve("child.err").toFile()),
                60);
        assertTrue(
                committed.size() >= 60,
                () -> "the application reported " + committed.size() + " commits before dying: "
                        + readQuietly(data.resolve("child.err")));

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(Workspace.DATABASE));
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            assertEquals("ok", rs.getString(1));
        }
        String[] last = committed.get(committed.size() - 1);
        int n = Integer.parseInt(last[1]);
        long cellId = Long.parseLong(last[2]);
        try (Workspace ws = Workspace.open(data, "editor", null, false)) {
            int boxes = ws.store().boxes().list(cellId).size();
            // the edit after the last reported one may or may not have committed; nothing before it is lost
            assertTrue(
                    boxes == boxesAfter(n) || boxes == boxesAfter(n + 1),
                    "boxes after commit " + n + ": " + boxes + ", reported " + last[3]);
            assertEquals(boxesAfter(n), Integer.parseInt(last[3]), "the loop's own bookkeeping");
            List<AuditEntry> audit = ws.store().audit().forCell(cellId);
            long adds = audit.stream().filter(a -> a.action().equals("box.add")).count();
            long deletes =
                    audit.stream().filter(a -> a.action().equals("box.delete")).count();
            assertTrue(adds >= (n + 3) / 4 && deletes >= n / 4, "audit holds every reported add and delete");
            assertTrue(audit.stream().allMatch(a -> "editor".equals(a.user()) && a.at() != null));
        }
    }

    private static String readQuietly(Path p) {
        try {
            return java.nio.file.Files.readString(p);
        } catch (java.io.IOException e) {
            return "(no error output)";
        }
    }

    /** The loop adds on steps 1, 5, 9, ... and deletes on steps 4, 8, ...: boxes after step k. */
    private static int boxesAfter(int k) {
        return (k + 3) / 4 - k / 4;
    }
}
