package org.karyo.app.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCaseStore {

    @org.junit.jupiter.api.BeforeAll
    static void sqliteFilesOnly() {
        org.junit.jupiter.api.Assumptions.assumeFalse(StoreFixtures.onServer(), "SQLite files only");
    }

    @TempDir
    Path dir;

    @Test
    void migratesAnEmptyFileToTheLatestSchemaWithDurablePragmas() throws Exception {
        try (CaseStore store = StoreFixtures.open(dir, "alice")) {
            assertEquals(Migrations.latest(), store.schemaVersion());
            Connection c = store.connection();
            assertEquals(Migrations.APPLICATION_ID, (int) Sql.count(c, "PRAGMA application_id"));
            assertEquals(
                    "wal",
                    Sql.one(c, "PRAGMA journal_mode", rs -> rs.getString(1)).orElseThrow());
            assertEquals(1, Sql.count(c, "PRAGMA foreign_keys"));
            assertEquals(2, Sql.count(c, "PRAGMA synchronous")); // FULL
            assertTrue(Files.isDirectory(store.imageDir()));
        }
    }

    @Test
    void reopeningKeepsDataAndUsers() {
        long caseId;
        try (CaseStore store = StoreFixtures.open(dir, "alice")) {
            caseId = StoreFixtures.newCase(store, "CY-1").id();
        }
        try (CaseStore store = StoreFixtures.open(dir, "bob")) {
            assertEquals("CY-1", store.cases().find(caseId).orElseThrow().accession());
            assertEquals("P-CY-1", store.patients().list().get(0).identifier());
            assertTrue(store.users().find("alice").orElseThrow().has(Role.LAB_LEAD));
            assertEquals(
                    java.util.Set.of(Role.ANNOTATOR), store.users().current().roles());
            assertEquals(Migrations.latest(), store.schemaVersion());
        }
    }

    @Test
    void foreignKeysAreEnforced() {
        try (CaseStore store = StoreFixtures.open(dir, "alice")) {
            StoreException e = assertThrows(
                    StoreException.class,
                    () -> store.inTransaction(() -> {
                        Sql.update(
                                store.connection(),
                                "INSERT INTO cases (patient_id, accession, status, created_at) "
                                        + "VALUES (999, 'X', 'OPEN', '2024-01-01T00:00:00Z')");
                    }));
            assertTrue(e.getMessage().contains("FOREIGN KEY"), e.getMessage());
            assertTrue(store.cases().listAll().isEmpty(), "the failed insert was rolled back");
        }
    }

    @Test
    void refusesADatabaseFromANewerKaryoAndLeavesItUntouched() throws Exception {
        Path db = dir.resolve("karyo.db");
        try (CaseStore store = StoreFixtures.open(dir, "alice")) {
            StoreFixtures.newCase(store, "CY-1");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE schema_version SET version = " + (Migrations.latest() + 1));
            st.execute("PRAGMA journal_mode = DELETE"); // fold the WAL into the file so its bytes are final
        }
        byte[] before = Files.readAllBytes(db);
        StoreException e = assertThrows(StoreException.class, () -> StoreFixtures.open(dir, "alice"));
        assertTrue(e.getMessage().contains("newer Karyo"), e.getMessage());
        assertTrue(e.getMessage().contains("left unchanged"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(db));
    }

    @Test
    void refusesAFileThatIsNotADatabaseAndLeavesItUntouched() throws Exception {
        Path db = dir.resolve("karyo.db");
        byte[] text = "patient list\nP-1;Smith\n".repeat(200).getBytes(StandardCharsets.UTF_8);
        Files.write(db, text);
        StoreException e = assertThrows(StoreException.class, () -> StoreFixtures.open(dir, "alice"));
        assertTrue(e.getMessage().contains("not a Karyo case database"), e.getMessage());
        assertArrayEquals(text, Files.readAllBytes(db));
    }

    @Test
    void refusesAnotherProgramsSqliteDatabaseAndLeavesItUntouched() throws Exception {
        Path db = dir.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)");
            st.execute("INSERT INTO invoices (total) VALUES (12.5)");
        }
        byte[] before = Files.readAllBytes(db);
        StoreException e = assertThrows(StoreException.class, () -> CaseStore.open(db, dir.resolve("img"), "alice"));
        assertTrue(e.getMessage().contains("another program"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(db));
        assertFalse(Files.exists(dir.resolve("other.db-wal")) && Files.size(dir.resolve("other.db-wal")) > 0);
    }

    @Test
    void aFailingMigrationStepLeavesThePreviousVersion() throws Exception {
        Path db = dir.resolve("m.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            List<List<String>> steps =
                    List.of(Migrations.steps().get(0), List.of("CREATE TABLE half (a INTEGER)", "THIS IS NOT SQL"));
            assertThrows(SQLException.class, () -> Migrations.migrate(c, 0, steps));
            assertEquals(1, Sql.count(c, "SELECT version FROM schema_version"));
            assertEquals(0, Sql.count(c, "SELECT count(*) FROM sqlite_master WHERE name = 'half'"));
        }
    }

    @Test
    void theAuditTrailIsAppendOnly() {
        try (CaseStore store = StoreFixtures.open(dir, "alice")) {
            StoreFixtures.newCase(store, "CY-1");
            assertFalse(store.audit().all().isEmpty());
            StoreException e = assertThrows(
                    StoreException.class,
                    () -> store.inTransaction(() -> {
                        Sql.update(store.connection(), "DELETE FROM audit");
                    }));
            assertTrue(e.getMessage().contains("append-only"), e.getMessage());
            assertThrows(
                    StoreException.class,
                    () -> store.inTransaction(() -> {
                        Sql.update(store.connection(), "UPDATE audit SET user = 'mallory'");
                    }));
        }
    }

    @Test
    void aFailedTransactionChangesNothing() {
        try (CaseStore store = StoreFixtures.open(dir, "alice")) {
            assertThrows(
                    IllegalStateException.class,
                    () -> store.inTransaction(() -> {
                        store.patients().create("P-9", "Nine", null, null);
                        throw new IllegalStateException("boom");
                    }));
            assertTrue(store.patients().findByIdentifier("P-9").isEmpty());
        }
    }
}
