package org.karyo.app.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/**
 * {@code PRAGMA quick_check} on a database file, read-only: run before the store writes to a file
 * (at every open) and on every backup before it is kept or restored.
 */
public final class DatabaseCheck {

    private static final int MAX_LINES = 5;

    private DatabaseCheck() {}

    /** What is wrong with {@code file} ("ok" lines excluded), or empty when quick_check passes. */
    public static Optional<String> problems(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.of(file + " does not exist");
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection c =
                DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties())) {
            List<String> lines = Sql.list(c, "PRAGMA quick_check(" + MAX_LINES + ")", rs -> rs.getString(1));
            if (lines.size() == 1 && "ok".equals(lines.get(0))) {
                return Optional.empty();
            }
            return Optional.of(String.join("; ", lines)
                    .replace("*** in database main ***", "")
                    .strip()
                    .replaceAll("\\s*\\n\\s*", "; "));
        } catch (SQLException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }
}
