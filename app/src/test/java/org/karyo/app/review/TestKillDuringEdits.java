package org.karyo.app.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.app.store.AuditEntry;
import org.karyo.app.store.Box;
import org.karyo.app.store.CaseStore;
import org.karyo.app.store.Cell;
import org.karyo.app.store.StoreFixtures;

/**
 * SIGKILLs a process in the middle of a stream of edits and checks that the database is intact
 * and holds every edit the process had reported as committed.
 */
class TestKillDuringEdits {

    @TempDir
    Path dir;

    /**
     * One kill in {@code mvn verify}; {@code -Dkaryo.kill.runs=25} repeats it (docs/reliability.md),
     * each run on a database of its own.
     */
    @TestFactory
    Stream<DynamicTest> everyReportedCommitSurvivesAKill() {
        int runs = Integer.getInteger("karyo.kill.runs", 1);
        return IntStream.rangeClosed(1, runs)
                .mapToObj(i -> DynamicTest.dynamicTest(
                        "kill " + i,
                        () -> assertTimeoutPreemptively(Duration.ofMinutes(2), () -> oneRun(dir.resolve("run-" + i)))));
    }

    private static void oneRun(Path dir) throws Exception {
        java.nio.file.Files.createDirectories(dir);
        long cellId;
        try (CaseStore store = StoreFixtures.open(dir, "alice")) {
            Cell cell = StoreFixtures.newCell(store, dir, "CY-K", 1);
            cellId = cell.id();
        }
        Path db = dir.resolve("karyo.db");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String[]> committed = org.karyo.app.KillAfter.run(
                new ProcessBuilder(
                                java,
                                "-cp",
                                System.getProperty("java.class.path"),
                                EditLoop.class.getName(),
                                db.toString(),
                                dir.resolve("images").toString(),
                                Long.toString(cellId))
                        .redirectError(ProcessBuilder.Redirect.DISCARD),
                50);
        assertTrue(committed.size() >= 50, "the child reported " + committed.size() + " commits before dying");

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            assertEquals("ok", rs.getString(1));
        }
        try (CaseStore store = StoreFixtures.open(dir, "alice")) {
            List<AuditEntry> audit = store.audit().forCell(cellId);
            for (String[] c : committed) {
                int n = Integer.parseInt(c[1]);
                long boxId = Long.parseLong(c[3]);
                Box b = store.boxes().find(boxId).orElseThrow(() -> new AssertionError("box of commit " + n + " lost"));
                assertEquals(c[2].equals("add") ? n : n - 1, b.geometry().cx(), 1e-9, "commit " + n);
                String action = c[2].equals("add") ? "box.add" : "box.move";
                assertTrue(
                        audit.stream()
                                .anyMatch(a -> a.action().equals(action)
                                        && a.entityId() == boxId
                                        && "looper".equals(a.user())),
                        "audit of commit " + n);
                if (c[2].equals("move")) {
                    assertTrue(b.geometry().cy() >= 1000 + n, "move " + n + " kept");
                }
            }
            int adds = (int) committed.stream().filter(c -> c[2].equals("add")).count();
            assertTrue(store.boxes().list(cellId).size() >= adds);
        }
    }
}
