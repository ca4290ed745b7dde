package org.karyo.app.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The settings dialog's "Test connection": logs in to a lab server the way opening the store
 * would and says what is there, without creating or migrating anything.
 */
public final class ServerConnection {

    private ServerConnection() {}

    /** One line for the user; a {@link StoreException} with the reason when the server cannot be used. */
    public static String test(String url, String osUser) {
        ServerUrl server = ServerUrl.parse(url);
        try (Connection c = server.connect(osUser)) {
            String version =
                    Sql.one(c, "SHOW server_version", rs -> rs.getString(1)).orElse("?");
            int schema = ServerSchema.version(c);
            String store = schema == 0
                    ? "no case store there yet (the first workstation to connect creates it)"
                    : schema > Migrations.latest()
                            ? "a case store written by a newer Karyo (version " + schema + "): update Karyo"
                            : "a case store at version " + schema + " with "
                                    + Sql.count(c, "SELECT count(*) FROM cases") + " cases";
            boolean signoff = Sql.one(
                            c,
                            "SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'karyo_signoff') "
                                    + "THEN pg_has_role(current_user, 'karyo_signoff', 'MEMBER') ELSE false END",
                            rs -> rs.getBoolean(1))
                    .orElse(false);
            return "Connected to PostgreSQL " + firstWord(version) + " at " + server + ": " + store
                    + (signoff ? "; this login may sign off" : "; this login may not sign off (no karyo_signoff role)");
        } catch (SQLException e) {
            throw new StoreException("cannot connect to " + server + ": " + e.getMessage(), e);
        }
    }

    /** "15.18 (Debian 15.18-0+deb12u1)" -> "15.18". */
    private static String firstWord(String s) {
        int space = s.indexOf(' ');
        return space < 0 ? s : s.substring(0, space);
    }
}
