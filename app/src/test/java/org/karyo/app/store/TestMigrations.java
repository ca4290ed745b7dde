package org.karyo.app.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One schema history for both engines, run by Flyway; databases made before Flyway are taken over. */
class TestMigrations {

    @TempDir
    Path dir;

    @Test
    void everyStepRunsThroughFlywayAndIsRecorded() {
        try (CaseStore store = StoreFixtures.open(dir, "alice")) {
            assertEquals(Migrations.latest(), store.schemaVersion());
            List<String> applied = store.read(() -> Sql.list(
                    store.connection(),
                    "SELECT version FROM " + SchemaHistory.TABLE + " WHERE success ORDER BY installed_rank",
                    rs -> rs.getString(1)));
            List<String> expected = new java.util.ArrayList<>();
            for (int v = 1; v <= Migrations.latest(); v++) {
                expected.add(String.valueOf(v));
            }
            assertEquals(expected, applied);
        }
    }

    @Test
    void aDatabaseMadeBeforeFlywayIsBaselinedAndUpgraded() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(StoreFixtures.onServer(), "SQLite files made by an older Karyo");
        Path db = dir.resolve("karyo.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            Migrations.migrate(c, 0, Migrations.steps().subList(0, 2)); // as Karyo before row versions left it
            Sql.update(
                    c,
                    "INSERT INTO users (login, display_name, roles, created_at) VALUES ('alice', 'Alice', "
                            + "'LAB_LEAD,CYTOGENETICIST', '2024-01-01T00:00:00Z')");
            Sql.update(c, "INSERT INTO patients (identifier, created_at) VALUES ('P-1', '2024-01-01T00:00:00Z')");
        }
        try (CaseStore store = StoreFixtures.open(dir, "alice")) {
            assertEquals(Migrations.latest(), store.schemaVersion());
            Patient p = store.patients().findByIdentifier("P-1").orElseThrow();
            assertEquals(1, p.version(), "existing rows start at version 1");
            List<String> history = store.read(() -> Sql.list(
                    store.connection(),
                    "SELECT type || ':' || version FROM " + SchemaHistory.TABLE + " ORDER BY installed_rank",
                    rs -> rs.getString(1)));
            assertEquals("BASELINE:2", history.get(0));
            assertEquals("JDBC:3", history.get(1));
        }
    }

    /** The same tables with the same columns on both engines (types differ only in their names). */
    @Test
    void bothEnginesGetTheSameTablesAndColumns() throws Exception {
        String url = StoreFixtures.serverUrl(dir.resolve("server"));
        Map<String, List<String>> sqlite;
        try (CaseStore s = CaseStore.open(dir.resolve("karyo.db"), dir.resolve("images"), "alice")) {
            sqlite = s.read(() -> {
                Map<String, List<String>> m = new TreeMap<>();
                for (String t : Sql.list(
                        s.connection(),
                        "SELECT name FROM sqlite_master WHERE type = 'table' AND name "
                                + "NOT LIKE 'sqlite_%' ORDER BY name",
                        rs -> rs.getString(1))) {
                    m.put(
                            t,
                            Sql.list(
                                    s.connection(),
                                    "SELECT name FROM pragma_table_info(?) ORDER BY name",
                                    rs -> rs.getString(1),
                                    t));
                }
                return m;
            });
        }
        Map<String, List<String>> postgres;
        try (CaseStore s = CaseStore.openServer(url, dir.resolve("images"), "alice")) {
            postgres = s.read(() -> {
                Map<String, List<String>> m = new TreeMap<>();
                for (String t : Sql.list(
                        s.connection(),
                        "SELECT table_name FROM information_schema.tables WHERE "
                                + "table_schema = current_schema() ORDER BY table_name",
                        rs -> rs.getString(1))) {
                    m.put(
                            t,
                            Sql.list(
                                    s.connection(),
                                    "SELECT column_name FROM information_schema.columns WHERE "
                                            + "table_schema = current_schema() AND table_name = ? ORDER BY column_name COLLATE \"C\"",
                                    rs -> rs.getString(1),
                                    t));
                }
                return m;
            });
        }
        sqlite.remove(SchemaHistory.TABLE);
        postgres.remove(SchemaHistory.TABLE);
        assertTrue(sqlite.containsKey("boxes") && sqlite.get("boxes").contains("row_version"), sqlite.toString());
        assertEquals(sqlite, postgres);
    }
}
