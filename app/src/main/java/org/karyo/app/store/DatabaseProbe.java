package org.karyo.app.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;

/**
 * Looks at an existing file read-only before the store opens it for writing, so a file that is
 * not a Karyo database, or one written by a newer Karyo, is refused without a single byte changed.
 */
final class DatabaseProbe {

    private DatabaseProbe() {}

    /** The schema version of {@code file}: 0 for a missing, empty or table-less SQLite file. */
    static int schemaVersion(Path file) {
        try {
            if (!Files.exists(file) || Files.size(file) == 0) {
                return 0;
            }
        } catch (java.io.IOException e) {
            throw new StoreException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (!Files.isRegularFile(file)) {
            throw new StoreException(file + " is not a file");
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        int appId = 0;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties())) {
            appId = (int) Sql.count(c, "PRAGMA application_id");
            long tables = Sql.count(c, "SELECT count(*) FROM sqlite_master");
            if (appId != Migrations.APPLICATION_ID) {
                if (appId == 0 && tables == 0) {
                    return 0;
                }
                throw notKaryo(file, "an SQLite database of another program");
            }
            if (Sql.count(c, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
                    == 0) {
                return 0;
            }
            return (int) Sql.count(c, "SELECT version FROM schema_version");
        } catch (SQLException e) {
            String m = String.valueOf(e.getMessage());
            if (appId == Migrations.APPLICATION_ID && m.contains("CORRUPT")) {
                throw new StoreException(
                        file + " is damaged (" + m + "): even its schema cannot be read. It was left "
                                + "unchanged. Restore the latest backup with 'karyo restore' (backups are in "
                                + Backups.of(file).dir() + ").",
                        e);
            }
            if (m.contains("NOTADB") || m.contains("not a database") || m.contains("CORRUPT")) {
                throw notKaryo(file, "not an SQLite database");
            }
            throw new StoreException(file + ": cannot open the case database (" + m + ")", e);
        }
    }

    private static StoreException notKaryo(Path file, String what) {
        return new StoreException(file + " is not a Karyo case database (" + what + "); it was left unchanged. "
                + "Choose another file or a new file name.");
    }
}
