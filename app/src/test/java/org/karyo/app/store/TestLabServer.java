package org.karyo.app.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.core.geometry.RotatedBox;

/**
 * Several workstations (processes) on the PostgreSQL test server: concurrent edits of one case,
 * and the server killed in the middle of them. Runs in the store-on-postgresql test execution.
 */
class TestLabServer {

    @TempDir
    Path dir;

    @BeforeAll
    static void serverOnly() {
        org.junit.jupiter.api.Assumptions.assumeTrue(StoreFixtures.onServer(), "runs on the PostgreSQL test server");
    }

    /** 4 processes x 500 edits of one box of one case: every acknowledged edit is there, exactly once. */
    @Test
    void fourWorkstationsTimesFiveHundredEditsLoseNothing() throws Exception {
        int processes = 4;
        int edits = 500;
        long boxId = newBox();
        List<Process> ps = new ArrayList<>();
        List<String> techs = new ArrayList<>();
        for (int i = 0; i < processes; i++) {
            techs.add("tech" + i);
            ps.add(start("tech" + i, "increment", boxId, edits));
        }
        StoreFixtures.awaitReady(dir, techs);
        Files.createFile(dir.resolve("go"));
        long t0 = System.nanoTime();
        Map<String, Integer> sum = new HashMap<>();
        for (Process p : ps) {
            add(sum, finish(p, 600));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        try (CaseStore s = StoreFixtures.open(dir, "alice")) {
            Box b = s.boxes().find(boxId).orElseThrow();
            assertEquals(processes * edits, sum.get("ok"));
            assertEquals(10 + processes * edits, b.geometry().cx(), 1e-9, "no lost edit, none applied twice");
            long moves = s.audit().forCell(b.cellId()).stream()
                    .filter(a -> a.action().equals("box.move"))
                    .count();
            assertEquals((long) processes * edits, moves, "one audit entry per saved edit");
            assertTrue(sum.get("conflicts") > 0, "the workstations never raced: the test proved nothing");
            System.out.printf(
                    "%d processes x %d edits on the server: 0 lost, %d conflicts reported, %.1f s%n",
                    processes, edits, sum.get("conflicts"), seconds);
        }
    }

    /** The server killed (as a power cut would) during edits: nothing committed is lost, the workstation carries on. */
    @Test
    void killingTheServerMidEditLosesNothingCommittedAndTheWorkstationRecovers() throws Exception {
        Path script =
                Path.of("..", ".ci", "postgres-test-server.sh").toAbsolutePath().normalize();
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.isExecutable(script) && System.getenv("KARYO_TEST_PG_DIR") != null,
                "needs the test server started by .ci/postgres-test-server.sh");
        long boxId = newBox();
        int edits = 300;
        Files.createFile(dir.resolve("go"));
        Process p = start("tech", "increment", boxId, edits);
        try (CaseStore s = StoreFixtures.open(dir, "alice")) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (s.boxes().find(boxId).orElseThrow().geometry().cx() < 10 + 50 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        server(script, "kill");
        Thread.sleep(2000);
        server(script, "start");
        Map<String, Integer> r = new HashMap<>();
        add(r, finish(p, 300));
        try (CaseStore s = StoreFixtures.open(dir, "alice")) {
            Box b = s.boxes().find(boxId).orElseThrow();
            long saved = Math.round(b.geometry().cx()) - 10;
            assertTrue(r.get("unreachable") > 0, "the workstation never noticed the server was gone: " + r);
            assertTrue(saved >= r.get("ok"), "an acknowledged edit was lost: " + saved + " saved, " + r);
            assertTrue(saved <= r.get("ok") + r.get("unreachable"), "more saved than attempted: " + saved + ", " + r);
            long moves = s.audit().forCell(b.cellId()).stream()
                    .filter(a -> a.action().equals("box.move"))
                    .count();
            assertEquals(saved, moves, "every saved edit audited");
            System.out.println("server killed mid-edit: " + r + ", " + saved + " saved");
        }
    }

    /** A workstation killed (kill -9) in the middle of its edits: no half edit, no lock left behind. */
    @Test
    void killingAWorkstationMidEditLeavesNoHalfEditAndNoLock() throws Exception {
        long boxId = newBox();
        Files.createFile(dir.resolve("go"));
        Process p = start("tech", "increment", boxId, 100_000);
        try (CaseStore s = StoreFixtures.open(dir, "alice")) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (s.boxes().find(boxId).orElseThrow().geometry().cx() < 10 + 60 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            Thread.sleep(1000); // the server notices the closed connection and rolls back what was in flight
            Box b = s.boxes().find(boxId).orElseThrow();
            long saved = Math.round(b.geometry().cx()) - 10;
            long moves = s.audit().forCell(b.cellId()).stream()
                    .filter(a -> a.action().equals("box.move"))
                    .count();
            assertEquals(saved, moves, "every saved edit has its audit entry, and no audit entry lacks its edit");
            long t0 = System.nanoTime();
            s.boxes().move(Map.of(boxId, RotatedBox.of(1, 1, 20, 6, 0)), Map.of(boxId, b.version()), "box.move");
            assertTrue(
                    System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10),
                    "waited on a lock the dead workstation held");
            System.out.println(
                    "workstation killed after " + saved + " saved edits: none half-done, case still editable");
        }
    }

    /**
     * An edited client (it skips the program's role check: here the user table says lab lead) on a
     * database login outside karyo_signoff cannot sign off: the server refuses.
     */
    @Test
    void theServerRefusesASignOffFromALoginWithoutTheRole() throws Exception {
        try (CaseStore s = StoreFixtures.open(dir, "alice")) {
            CaseRecord c = StoreFixtures.newCase(s, "ROLE-1");
            s.inTransaction(() -> {
                Sql.count(s.connection(), "SELECT count(*) FROM (SELECT 1) x"); // same connection as the store
                for (String sql : List.of(
                        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'karyo_tech_test') THEN "
                                + "CREATE ROLE karyo_tech_test NOLOGIN; END IF; END $$",
                        "GRANT karyo_tech_test TO current_user",
                        "GRANT USAGE ON SCHEMA " + s.connection().getSchema() + " TO karyo_tech_test",
                        "GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA "
                                + s.connection().getSchema() + " TO karyo_tech_test")) {
                    try (java.sql.Statement st = s.connection().createStatement()) {
                        st.execute(sql);
                    }
                }
            });
            try (java.sql.Statement st = s.connection().createStatement()) {
                st.execute("SET ROLE karyo_tech_test");
            }
            StoreException e =
                    assertThrows(StoreException.class, () -> s.cases().signOff(c.id()));
            assertTrue(e.getMessage().contains("karyo_signoff"), e.getMessage());
            try (java.sql.Statement st = s.connection().createStatement()) {
                st.execute("RESET ROLE");
            }
            assertEquals(CaseStatus.OPEN, s.cases().find(c.id()).orElseThrow().status());
            assertEquals(CaseStatus.SIGNED_OFF, s.cases().signOff(c.id()).status(), "a login in the role signs off");
        }
    }

    private long newBox() throws Exception {
        try (CaseStore s = StoreFixtures.open(dir, "alice")) {
            Cell cell = StoreFixtures.newCell(s, dir, "LAB-1", 1);
            return s.boxes()
                    .add(cell.id(), RotatedBox.of(10, 10, 20, 6, 0), "box.add")
                    .id();
        }
    }

    private static void server(Path script, String what) throws Exception {
        Process p = new ProcessBuilder("bash", script.toString(), what)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
    }

    private static void add(Map<String, Integer> sum, String out) {
        String line =
                out.lines().filter(l -> l.startsWith("ok=")).findFirst().orElseThrow(() -> new AssertionError(out));
        for (String kv : line.split(" ", -1)) {
            String[] p = kv.split("=", 2);
            sum.merge(p[0], Integer.parseInt(p[1]), Integer::sum);
        }
    }

    private Process start(String user, String command, Object... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-D" + StoreFixtures.ENGINE_PROPERTY + "=" + System.getProperty(StoreFixtures.ENGINE_PROPERTY),
                OtherWorkstation.class.getName(),
                dir.toString(),
                user,
                command));
        for (Object a : args) {
            cmd.add(String.valueOf(a));
        }
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static String finish(Process p, int seconds) throws Exception {
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(seconds, TimeUnit.SECONDS), "a workstation hung");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        return text;
    }
}
