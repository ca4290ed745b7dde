package org.karyo.app.store;

import java.sql.Connection;
import java.sql.SQLException;

/** The schema version of a server store and its migration: the same steps as SQLite's ({@link Migrations}). */
final class ServerSchema {

    private ServerSchema() {
    }

    /** 0 for an empty database (or schema), else the version its {@code schema_version} holds. */
    static int version(Connection c) throws SQLException {
        if (Sql.count(c, "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() "
                + "AND table_name = 'schema_version'") == 0) {
            return 0;
        }
        return (int) Sql.count(c, "SELECT version FROM schema_version");
    }

    /**
     * Brings the server's schema to the latest version. Two workstations starting together: the
     * advisory lock makes the second wait and then find the work done.
     */
    static void migrate(Connection c, int seen) throws SQLException {
        Sql.count(c, "SELECT count(*) FROM (SELECT pg_advisory_lock(4952594)) l");
        try {
            int current = version(c);
            Migrations.migrate(c, Engine.POSTGRESQL, current);
        } finally {
            Sql.count(c, "SELECT count(*) FROM (SELECT pg_advisory_unlock(4952594)) l");
        }
    }
}
