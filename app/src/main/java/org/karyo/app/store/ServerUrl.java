package org.karyo.app.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
    /** Where the password comes from: null (the driver's ~/.pgpass or PGPASSFILE), a password file, or the keyring. */
    private final String passfile;

    private final boolean keyring;

    private ServerUrl(
            String host, int port, String database, String user, String schema, String passfile, boolean keyring) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.schema = schema;
        this.passfile = passfile;
        this.keyring = keyring;
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
        String passfile = null;
        boolean keyring = false;
        if (u.getRawQuery() != null) {
            for (String kv : u.getRawQuery().split("&", -1)) {
                if (kv.isEmpty()) {
                    continue; // "a=b&" or "&&": nothing between the separators
                }
                String[] p = kv.split("=", 2);
                String value = p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : null;
                switch (p[0]) {
                    case "user" -> user = value;
                    case "currentSchema" -> schema = value;
                    case "passfile" -> passfile = value;
                    case "credentials" -> {
                        if (!"keyring".equals(value) && !"pgpass".equals(value)) {
                            throw new StoreException("credentials=" + value + ": expected keyring or pgpass");
                        }
                        keyring = "keyring".equals(value);
                    }
                    case "password" -> throw new StoreException("a password in the server address is refused; put it "
                            + "in ~/.pgpass (mode 0600) instead");
                    default -> throw new StoreException("unknown server address option " + p[0]);
                }
            }
        }
        return new ServerUrl(
                u.getHost(),
                u.getPort() > 0 ? u.getPort() : 5432,
                u.getPath().substring(1),
                user,
                schema,
                passfile,
                keyring);
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
        String login = user != null ? user : osUser;
        p.setProperty("user", login);
        // the password goes to the driver only, never into this object's text, a message or a log
        if (keyring) {
            p.setProperty(
                    "password",
                    OsKeyring.password(host, port, database, login)
                            .orElseThrow(() -> new StoreException("the OS keyring has no password for " + login + "@"
                                    + host + ":" + port + "/" + database + " (service karyo)")));
        } else if (passfile != null) {
            p.setProperty(
                    "password",
                    PgPassFile.password(Path.of(passfile), host, port, database, login)
                            .orElseThrow(() -> new StoreException("the password file " + passfile + " has no line for "
                                    + host + ":" + port + ":" + database + ":" + login)));
        }
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
