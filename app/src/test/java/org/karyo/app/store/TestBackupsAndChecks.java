package org.karyo.app.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.app.cli.Karyo;
import org.karyo.inference.cli.ExitCodes;

/** quick_check at every open, a damaged database opened read-only, rotating backups, restore. */
class TestBackupsAndChecks {

    @org.junit.jupiter.api.BeforeAll
    static void sqliteFilesOnly() {
        org.junit.jupiter.api.Assumptions.assumeFalse(StoreFixtures.onServer(), "SQLite files only");
    }

    @TempDir
    Path dir;

    private Path db() {
        return dir.resolve("karyo.db");
    }

    /** A store with {@code n} cases, closed (so the WAL is checkpointed into the file). */
    private void fill(int n) {
        try (CaseStore s = StoreFixtures.open(dir, "alice")) {
            for (int i = 0; i < n; i++) {
                StoreFixtures.newCase(s, "CY-" + i);
            }
        }
    }

    /** Overwrites the start of every other page in the second half of the file (the header and schema stay). */
    private void damage() throws Exception {
        byte[] bytes = Files.readAllBytes(db());
        int page = 4096;
        int pages = bytes.length / page;
        assertTrue(pages > 8, "the file has several pages: " + bytes.length);
        for (int p = pages / 2; p < pages; p += 2) {
            for (int i = 0; i < 64; i++) {
                bytes[p * page + i] = (byte) 0x5A;
            }
        }
        Files.write(db(), bytes);
    }

    @Test
    void aHealthyDatabaseIsBackedUpAtOpenOwnerOnlyAndChecked() throws Exception {
        try (CaseStore s = StoreFixtures.open(dir, "alice")) {
            assertTrue(Backups.of(db()).list().isEmpty(), "a new database has nothing to back up at open");
        }
        fill(3);
        assertEquals(1, Backups.of(db()).list().size(), "backed up at close after writing");
        Files.delete(Backups.of(db()).list().get(0));
        try (CaseStore s = StoreFixtures.open(dir, "alice")) {
            assertFalse(s.readOnly());
            List<Path> kept = Backups.of(db()).list();
            assertEquals(1, kept.size());
            Path b = kept.get(0);
            assertEquals(Optional.empty(), DatabaseCheck.problems(b));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(b)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(b.getParent())));
        }
        try (CaseStore copy = CaseStore.open(Backups.of(db()).list().get(0), dir.resolve("images"), "alice")) {
            assertEquals(3, copy.cases().listAll().size());
        }
    }

    @Test
    void aDamagedDatabaseIsDetectedAtOpenAndOpenedReadOnlyUntouched() throws Exception {
        fill(300);
        damage();
        byte[] before = Files.readAllBytes(db());
        assertTrue(DatabaseCheck.problems(db()).isPresent());
        try (CaseStore s = StoreFixtures.open(dir, "alice")) {
            assertTrue(s.readOnly());
            String why = s.damage().orElseThrow();
            assertTrue(why.contains("is damaged (SQLite quick_check: ") && why.contains("karyo restore"), why);
            StoreException e =
                    assertThrows(StoreException.class, () -> s.patients().create("P-NEW", "New Patient", null, "F"));
            assertEquals(why, e.getMessage());
        }
        assertArrayEquals(before, Files.readAllBytes(db()), "nothing written to a damaged database");
    }

    @Test
    void aBackupIsRestorableAfterDamageAndTheDamagedFileIsKept() throws Exception {
        fill(300);
        try (CaseStore s = StoreFixtures.open(dir, "alice")) {
            assertEquals(300, s.cases().listAll().size());
        }
        Path backup = Backups.of(db()).latest().orElseThrow();
        damage();
        Optional<Path> replaced = Backups.restore(backup, db());
        assertTrue(replaced.isPresent() && Files.exists(replaced.get()));
        assertTrue(DatabaseCheck.problems(replaced.get()).isPresent(), "the damaged file is kept as it was");
        try (CaseStore s = StoreFixtures.open(dir, "alice")) {
            assertFalse(s.readOnly());
            assertEquals(300, s.cases().listAll().size());
            StoreFixtures.newCase(s, "CY-AFTER");
        }
    }

    @Test
    void aDamagedBackupIsNeverRestored() throws Exception {
        fill(300);
        Path copy = dir.resolve("copy.db");
        Files.copy(db(), copy);
        Files.copy(copy, dir.resolve("good.db"));
        Path good = dir.resolve("good.db");
        Files.move(db(), dir.resolve("original.db"));
        Files.copy(good, db());
        damage();
        Path bad = dir.resolve("bad.db");
        Files.move(db(), bad);
        Files.copy(good, db());
        byte[] before = Files.readAllBytes(db());
        StoreException e = assertThrows(StoreException.class, () -> Backups.restore(bad, db()));
        assertTrue(
                e.getMessage().startsWith(bad.toAbsolutePath() + " cannot be restored: it fails its check"),
                e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(db()));
    }

    @Test
    void backupsRotateKeepingTheNewest() throws Exception {
        fill(1);
        try (CaseStore s = StoreFixtures.open(dir, "alice")) {
            for (int i = 0; i < Backups.KEEP + 3; i++) {
                s.backup();
            }
        }
        assertEquals(Backups.KEEP, Backups.of(db()).list().size());
    }

    @Test
    void backupAndRestoreCommands() throws Exception {
        Path data = dir.resolve("data");
        try (CaseStore s = CaseStore.open(data.resolve("cases.db"), data.resolve("images"), "alice")) {
            StoreFixtures.newCase(s, "CY-1");
        }
        Path to = dir.resolve("by-hand.db");
        String out = run(0, "backup", "--data", data.toString(), "--to", to.toString());
        assertTrue(out.contains("quick_check ok"), out);
        try (CaseStore s = CaseStore.open(data.resolve("cases.db"), data.resolve("images"), "alice")) {
            StoreFixtures.newCase(s, "CY-2");
        }
        out = run(0, "restore", to.toString(), "--data", data.toString());
        assertTrue(out.contains("the database it replaced is kept as "), out);
        try (CaseStore s = CaseStore.open(data.resolve("cases.db"), data.resolve("images"), "alice")) {
            assertEquals(
                    List.of("CY-1"),
                    s.cases().listAll().stream().map(CaseRecord::accession).toList());
        }
        Path junk = Files.writeString(dir.resolve("junk.db"), "not a database at all, not even close to one.....");
        String err = run(ExitCodes.USAGE, "restore", junk.toString(), "--data", data.toString());
        assertTrue(err.contains(junk.toAbsolutePath().toString()), err);
        assertTrue(run(0, "backup", "--list", "--data", data.toString()).contains("cases-"));
    }

    private static String run(int expectedExit, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(buf, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            int code = Karyo.commandLine().execute(args);
            String text = buf.toString(StandardCharsets.UTF_8);
            assertEquals(expectedExit, code, text);
            return text;
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
