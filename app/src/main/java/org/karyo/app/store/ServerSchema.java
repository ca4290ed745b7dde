package org.karyo.app.store;

import java.sql.Connection;
import java.sql.SQLException;

/** The schema version of a server store (its migration is {@link SchemaHistory}, as for SQLite). */
final class ServerSchema {

    private ServerSchema() {}

    /** 0 for an empty database (or schema), else the version its {@code schema_version} holds. */
    static int version(Connection c) throws SQLException {
        if (Sql.count(
                        c,
                        "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() "
                                + "AND table_name = 'schema_version'")
                == 0) {
            return 0;
        }
        return (int) Sql.count(c, "SELECT version FROM schema_version");
    }
}
