package org.karyo.app.store;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;

/**
 * Optimistic concurrency: every update of a versioned row ({@code patients}, {@code cases},
 * {@code cells}, {@code boxes}, {@code polygons}, {@code karyograms} (keyed by {@code cell_id}),
 * {@code users} (keyed by {@code login})) adds one to its {@code row_version} and records
 * who changed it when. An update made from what a screen loaded names the version it loaded and
 * changes nothing when the row moved on since: it throws {@link ConflictException} naming the
 * other user and time instead.
 */
final class RowVersions {

    private RowVersions() {}

    /**
     * {@code UPDATE table SET <set> WHERE id = ? AND row_version = expected}, bumping the version;
     * {@link ConflictException} describing {@code what} when the row is at another version.
     */
    static void update(CaseStore store, String table, String what, long id, long expected, String set, Object... args)
            throws SQLException {
        updateBy(store, table, "id", what, id, expected, set, args);
    }

    /** As {@link #update}, for a table whose key column is {@code key}. */
    static void updateBy(
            CaseStore store,
            String table,
            String key,
            String what,
            Object id,
            long expected,
            String set,
            Object... args)
            throws SQLException {
        Object[] all = withStamp(store, args, id);
        all = Arrays.copyOf(all, all.length + 1);
        all[all.length - 1] = expected;
        int n = Sql.update(
                store.connection(),
                "UPDATE " + table + " SET " + set + ", row_version = row_version + 1, "
                        + "changed_by = ?, changed_at = ? WHERE " + key + " = ? AND row_version = ?",
                all);
        if (n == 0) {
            throw conflict(store, table, key, what, id);
        }
    }

    /** An update that acts on the row's current state (read in the same transaction): bumps the version only. */
    static void bump(CaseStore store, String table, long id, String set, Object... args) throws SQLException {
        bumpBy(store, table, "id", id, set, args);
    }

    /** As {@link #bump}, for a table whose key column is {@code key}. */
    static void bumpBy(CaseStore store, String table, String key, Object id, String set, Object... args)
            throws SQLException {
        Sql.update(
                store.connection(),
                "UPDATE " + table + " SET " + set + ", row_version = row_version + 1, "
                        + "changed_by = ?, changed_at = ? WHERE " + key + " = ?",
                withStamp(store, args, id));
    }

    /** The version a row is at now. */
    static long current(CaseStore store, String table, long id) throws SQLException {
        return Sql.count(store.connection(), "SELECT row_version FROM " + table + " WHERE id = ?", id);
    }

    static ConflictException conflict(CaseStore store, String table, String what, long id) throws SQLException {
        return conflict(store, table, "id", what, id);
    }

    static ConflictException conflict(CaseStore store, String table, String key, String what, Object id)
            throws SQLException {
        return Sql.one(
                        store.connection(),
                        "SELECT changed_by, changed_at FROM " + table + " WHERE " + key + " = ?",
                        rs -> new ConflictException(what, rs.getString("changed_by"), Sql.instant(rs, "changed_at")),
                        id)
                .orElseGet(() -> new ConflictException(what + " (deleted)", null, null));
    }

    private static Object[] withStamp(CaseStore store, Object[] args, Object id) {
        Object[] all = Arrays.copyOf(args, args.length + 3);
        all[args.length] = store.users().currentLogin();
        all[args.length + 1] = Instant.now();
        all[args.length + 2] = id;
        return all;
    }
}
