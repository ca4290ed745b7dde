package org.karyo.app.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sqlite.SQLiteConfig;

/**
 * Moves a workstation's SQLite store onto an empty lab server, in one server transaction: every
 * row of every table with its id, the image copies into the server's {@code images} table, then
 * per table the row count and a SHA-256 over all rows compared on both sides. Any difference
 * rolls everything back; the SQLite file is only read.
 */
public final class StoreMigration {

    /** Per table: rows and the hash of their contents, equal on both sides. */
    public record Table(String name, long rows, String sha256) {}

    /** Bookkeeping the server has of its own, and image copies (files on a workstation, rows on the server). */
    private static final Set<String> NOT_COPIED = Set.of("schema_version", SchemaHistory.TABLE, "images");

    private StoreMigration() {}

    /** Copies {@code sqliteFile} (with its image folder {@code imageDir}) to the empty server store {@code url}. */
    public static List<Table> copy(Path sqliteFile, Path imageDir, String url, String osUser) {
        Path db = sqliteFile.toAbsolutePath();
        if (!Files.isRegularFile(db)) {
            throw new StoreException(db + " does not exist");
        }
        CaseStore.open(db, imageDir, osUser).close(); // checked and at the latest schema, as any open does
        ServerUrl server = ServerUrl.parse(url);
        SchemaHistory.migrate(server.dataSource(osUser), Engine.POSTGRESQL, 0);
        SQLiteConfig ro = new SQLiteConfig();
        ro.setReadOnly(true);
        try (Connection from = DriverManager.getConnection("jdbc:sqlite:" + db, ro.toProperties());
                Connection to = server.connect(osUser)) {
            List<String> tables = tablesInDependencyOrder(from);
            for (String t : tables) {
                if (Sql.count(to, "SELECT count(*) FROM " + t) > 0) {
                    throw new StoreException(server + " is not empty (table " + t + " has rows): a store is moved "
                            + "onto an empty server only");
                }
            }
            to.setAutoCommit(false);
            try {
                for (String t : tables) {
                    copyTable(from, to, t);
                    if (hasColumn(from, t, "id")) {
                        Sql.count(
                                to,
                                "SELECT setval(pg_get_serial_sequence('" + t + "', 'id'), "
                                        + "coalesce((SELECT max(id) FROM " + t + "), 0) + 1, false)");
                    }
                }
                for (String sha :
                        Sql.list(from, "SELECT DISTINCT sha256 FROM cells ORDER BY sha256", rs -> rs.getString(1))) {
                    String rel = Sql.one(
                                    from,
                                    "SELECT stored_image FROM cells WHERE sha256 = ? LIMIT 1",
                                    rs -> rs.getString(1),
                                    sha)
                            .orElseThrow();
                    byte[] content = Files.readAllBytes(imageDir.resolve(rel)); // one image at a time in memory
                    if (!ServerImages.hex(content).equals(sha)) {
                        throw new StoreException(imageDir.resolve(rel) + " fails its SHA-256 check: not moved");
                    }
                    Sql.update(
                            to,
                            "INSERT INTO images (sha256, content, bytes) VALUES (?, ?, ?)",
                            sha,
                            content,
                            content.length);
                }
                List<Table> checked = new ArrayList<>();
                long images = Sql.count(from, "SELECT count(DISTINCT sha256) FROM cells");
                long imagesThere = Sql.count(to, "SELECT count(*) FROM images");
                if (images != imagesThere) {
                    throw new StoreException(images + " images on the workstation, " + imagesThere + " on the server; "
                            + "nothing was moved");
                }
                checked.add(summary(to, "images"));
                for (String t : tables) {
                    Table a = summary(from, t);
                    Table b = summary(to, t);
                    if (!a.equals(b)) {
                        throw new StoreException("table " + t + " differs after copying (" + a + " on the workstation, "
                                + b + " on the server); nothing was moved");
                    }
                    checked.add(a);
                }
                to.commit();
                return checked;
            } catch (SQLException | RuntimeException | java.io.IOException e) {
                to.rollback();
                throw e;
            }
        } catch (SQLException | java.io.IOException e) {
            throw new StoreException(
                    "moving " + db + " to " + server + " failed, nothing was moved: " + e.getMessage(), e);
        }
    }

    private static void copyTable(Connection from, Connection to, String table) throws SQLException {
        List<String> cols = columns(from, table);
        String quoted =
                String.join(", ", cols.stream().map(c -> "\"" + c + "\"").toList());
        String marks = String.join(", ", cols.stream().map(c -> "?").toList());
        try (PreparedStatement read =
                        from.prepareStatement("SELECT " + quoted + " FROM " + table + order(from, table));
                ResultSet rs = read.executeQuery();
                PreparedStatement write =
                        to.prepareStatement("INSERT INTO " + table + " (" + quoted + ") VALUES (" + marks + ")")) {
            int n = 0;
            while (rs.next()) {
                for (int i = 1; i <= cols.size(); i++) {
                    write.setObject(i, rs.getObject(i));
                }
                write.addBatch();
                if (++n % 500 == 0) {
                    write.executeBatch();
                }
            }
            write.executeBatch();
        }
    }

    /** Row count and a SHA-256 over every row in key order, each value in one engine-neutral spelling. */
    static Table summary(Connection c, String table) throws SQLException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long rows = 0;
        List<String> cols = new ArrayList<>(columns(c, table));
        cols.sort(null);
        String quoted =
                String.join(", ", cols.stream().map(x -> "\"" + x + "\"").toList());
        try (PreparedStatement ps = c.prepareStatement("SELECT " + quoted + " FROM " + table + order(c, table));
                ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData md2 = rs.getMetaData();
            while (rs.next()) {
                rows++;
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= md2.getColumnCount(); i++) {
                    row.append(spell(rs.getObject(i))).append('\u001f');
                }
                md.update(row.append('\n').toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return new Table(table, rows, HexFormat.of().formatHex(md.digest()));
    }

    private static String spell(Object v) {
        if (v == null) {
            return "\u0000";
        }
        if (v instanceof byte[] b) {
            return HexFormat.of().formatHex(b);
        }
        if (v instanceof Float || v instanceof Double) {
            return Double.toString(((Number) v).doubleValue());
        }
        if (v instanceof Number n) {
            return Long.toString(n.longValue());
        }
        return v.toString();
    }

    private static String order(Connection c, String table) throws SQLException {
        return hasColumn(c, table, "id")
                ? " ORDER BY id"
                : hasColumn(c, table, "login")
                        ? " ORDER BY login"
                        : hasColumn(c, table, "sha256") ? " ORDER BY sha256" : "";
    }

    private static boolean hasColumn(Connection c, String table, String column) throws SQLException {
        return columns(c, table).contains(column);
    }

    private static List<String> columns(Connection c, String table) throws SQLException {
        try (ResultSet rs = c.getMetaData().getColumns(null, null, table, null)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                String schema = rs.getString("TABLE_SCHEM");
                if (schema == null || schema.equals(c.getSchema())) {
                    out.add(rs.getString("COLUMN_NAME"));
                }
            }
            return out;
        }
    }

    /** The SQLite tables (but the schema bookkeeping), each after the tables its foreign keys name. */
    private static List<String> tablesInDependencyOrder(Connection sqlite) throws SQLException {
        Map<String, Set<String>> needs = new LinkedHashMap<>();
        for (String t : Sql.list(
                sqlite,
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE " + "'sqlite_%' ORDER BY name",
                rs -> rs.getString(1))) {
            if (!NOT_COPIED.contains(t)) {
                needs.put(
                        t,
                        new java.util.HashSet<>(Sql.list(
                                sqlite, "SELECT \"table\" FROM pragma_foreign_key_list(?)", rs -> rs.getString(1), t)));
            }
        }
        List<String> order = new ArrayList<>();
        while (order.size() < needs.size()) {
            boolean progress = false;
            for (Map.Entry<String, Set<String>> e : needs.entrySet()) {
                if (!order.contains(e.getKey())
                        && order.containsAll(e.getValue().stream()
                                .filter(x -> !x.equals(e.getKey()))
                                .toList())) {
                    order.add(e.getKey());
                    progress = true;
                }
            }
            if (!progress) {
                throw new StoreException("the tables' foreign keys form a cycle: " + needs);
            }
        }
        return order;
    }
}
