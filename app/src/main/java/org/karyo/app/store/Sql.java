package org.karyo.app.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small JDBC helpers: binding of dates, instants, enums and nullable values; row mapping. */
final class Sql {

    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private Sql() {}

    static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            int k = i + 1;
            if (a == null) {
                ps.setNull(k, Types.NULL);
            } else if (a instanceof Double d) {
                if (d.isNaN()) {
                    ps.setNull(k, Types.DOUBLE);
                } else {
                    ps.setDouble(k, d);
                }
            } else if (a instanceof Integer n) {
                ps.setInt(k, n);
            } else if (a instanceof Long n) {
                ps.setLong(k, n);
            } else if (a instanceof Boolean b) {
                ps.setInt(k, b ? 1 : 0);
            } else if (a instanceof byte[] bytes) {
                ps.setBytes(k, bytes);
            } else if (a instanceof Enum<?> e) {
                ps.setString(k, e.name());
            } else {
                // LocalDate, Instant and Path too: stored as their ISO / path text
                ps.setString(k, a.toString());
            }
        }
        return ps;
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args)) {
            return ps.executeUpdate();
        }
    }

    /** Runs an INSERT into a table with an {@code id} key and returns the new row id (both engines). */
    static long insert(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql + " RETURNING id", args);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static <T> List<T> list(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args);
                ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row.map(rs));
            }
            return out;
        }
    }

    static <T> Optional<T> one(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        List<T> all = list(c, sql, row, args);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    static long count(Connection c, String sql, Object... args) throws SQLException {
        return one(c, sql, rs -> rs.getLong(1), args).orElse(0L);
    }

    static LocalDate date(ResultSet rs, String col) throws SQLException {
        String s = rs.getString(col);
        return s == null ? null : LocalDate.parse(s);
    }

    static Instant instant(ResultSet rs, String col) throws SQLException {
        String s = rs.getString(col);
        return s == null ? null : Instant.parse(s);
    }

    static Integer intOrNull(ResultSet rs, String col) throws SQLException {
        int v = rs.getInt(col);
        return rs.wasNull() ? null : v;
    }

    static Long longOrNull(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    static double doubleOrNaN(ResultSet rs, String col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? Double.NaN : v;
    }
}
