package org.karyo.app.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A lab-server store's address, {@code postgresql://host[:port]/database[?user=LOGIN&currentSchema=S]}.
 * Credentials never travel in it: the password comes from the PostgreSQL password file
 * ({@code ~/.pgpass} or PGPASSFILE), which the driver reads itself; {@link #toString()} is safe to log.
 */
final class ServerUrl {

    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final String schema;

    private ServerUrl(String host, int port, String database, String user, String schema) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.schema = schema;
    }

    static boolean isServer(String location) {
        return location != null && (location.startsWith("postgresql://") || location.startsWith("postgres://"));
    }

    static ServerUrl parse(String url) {
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            throw new StoreException(
                    "not a server address: " + e.getMessage() + " (expected postgresql://host/database)");
        }
        if (!isServer(url)
                || u.getHost() == null
                || u.getPath() == null
                || u.getPath().length() < 2) {
            throw new StoreException("not a server address (expected postgresql://host[:port]/database)");
        }
        if (u.getUserInfo() != null && u.getUserInfo().contains(":")) {
            throw new StoreException(
                    "a password in the server address is refused (it would end up in shell history and "
                            + "logs); put it in ~/.pgpass (mode 0600) instead");
        }
        String user = u.getUserInfo();
        String schema = null;
        if (u.getQuery() != null) {
            for (String kv : u.getQuery().split("&", -1)) {
                if (kv.isEmpty()) {
                    continue; // "a=b&" or "&&": nothing between the separators
                }
                String[] p = kv.split("=", 2);
                switch (p[0]) {
                    case "user" -> user = p.length > 1 ? p[1] : null;
                    case "currentSchema" -> schema = p.length > 1 ? p[1] : null;
                    case "password" -> throw new StoreException("a password in the server address is refused; put it "
                            + "in ~/.pgpass (mode 0600) instead");
                    default -> throw new StoreException("unknown server address option " + p[0]);
                }
            }
        }
        return new ServerUrl(
                u.getHost(), u.getPort() > 0 ? u.getPort() : 5432, u.getPath().substring(1), user, schema);
    }

    Connection connect(String osUser) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), properties(osUser));
    }

    /** For Flyway, which opens connections of its own: the same address, user and options. */
    javax.sql.DataSource dataSource(String osUser) {
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setURL(jdbcUrl());
        properties(osUser).forEach((k, v) -> {
            try {
                ds.setProperty(k.toString(), v.toString());
            } catch (SQLException e) {
                throw new StoreException("server option " + k + ": " + e.getMessage(), e);
            }
        });
        return ds;
    }

    private String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    private Properties properties(String osUser) {
        Properties p = new Properties();
        p.setProperty("user", user != null ? user : osUser);
        p.setProperty("ApplicationName", "Karyo Workstation");
        p.setProperty("connectTimeout", "10");
        p.setProperty("socketTimeout", "60");
        p.setProperty("tcpKeepAlive", "true");
        if (schema != null) {
            p.setProperty("currentSchema", schema);
        }
        return p;
    }

    @Override
    public String toString() {
        return "postgresql://" + (user != null ? user + "@" : "") + host + ":" + port + "/" + database
                + (schema != null ? "?currentSchema=" + schema : "");
    }
}
