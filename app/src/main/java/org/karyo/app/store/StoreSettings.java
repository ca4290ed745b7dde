package org.karyo.app.store;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.karyo.inference.model.PrivateFiles;

/**
 * Which case store a workstation opens (the settings dialog's choice, {@value #FILE} in the data
 * folder): its own SQLite file, or the laboratory's PostgreSQL server. Holds where the password
 * comes from (a password file in the pgpass format, or the OS keyring), never the password itself.
 *
 * @param server false for the local SQLite store (the default)
 * @param user the server login; blank for the OS account's name
 * @param passfile the password file for {@link Credentials#PGPASS}; blank for the driver's default
 *     ({@code ~/.pgpass} or PGPASSFILE)
 */
public record StoreSettings(
        boolean server, String host, int port, String database, String user, Credentials credentials, String passfile) {

    public static final String FILE = "store.properties";

    /** Where the server password comes from. */
    public enum Credentials {
        PGPASS,
        KEYRING
    }

    public StoreSettings {
        host = strip(host);
        database = strip(database);
        user = strip(user);
        passfile = strip(passfile);
        credentials = credentials == null ? Credentials.PGPASS : credentials;
        if (server) {
            if (host.isEmpty() || database.isEmpty()) {
                throw new StoreException("a lab server needs a host and a database");
            }
            if (port < 1 || port > 65535) {
                throw new StoreException("port " + port + " is not a port number (1-65535; PostgreSQL's is 5432)");
            }
            if (host.contains("/") || host.contains("@") || database.contains("/") || user.contains(":")) {
                throw new StoreException("the host, database or user contains / @ or :");
            }
        }
    }

    public static StoreSettings local() {
        return new StoreSettings(false, "", 5432, "karyo", "", Credentials.PGPASS, "");
    }

    /** The address {@link CaseStore#openServer} takes (no password in it); null for the local store. */
    public String url() {
        if (!server) {
            return null;
        }
        StringBuilder b = new StringBuilder("postgresql://" + host + ":" + port + "/" + database);
        String sep = "?";
        if (!user.isEmpty()) {
            b.append(sep).append("user=").append(enc(user));
            sep = "&";
        }
        if (credentials == Credentials.KEYRING) {
            b.append(sep).append("credentials=keyring");
        } else if (!passfile.isEmpty()) {
            b.append(sep).append("passfile=").append(enc(passfile));
        }
        return b.toString();
    }

    /** Whether {@code location} names a lab server ({@code postgresql://...}) rather than an SQLite file. */
    public static boolean isServerAddress(String location) {
        return ServerUrl.isServer(location);
    }

    /** The settings saved in {@code dataDir}, or {@link #local()} when none are. */
    public static StoreSettings read(Path dataDir) {
        Path f = dataDir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return local();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new StoreException("cannot read the store settings " + f + ": " + e.getMessage(), e);
        }
        if (p.containsKey("password")) {
            throw new StoreException("the store settings " + f + " hold a password: remove that line and put "
                    + "the password in a password file or the OS keyring (docs/lab-server.md)");
        }
        try {
            return new StoreSettings(
                    "postgresql".equals(p.getProperty("engine")),
                    p.getProperty("host", ""),
                    Integer.parseInt(p.getProperty("port", "5432").strip()),
                    p.getProperty("database", ""),
                    p.getProperty("user", ""),
                    Credentials.valueOf(p.getProperty("credentials", "PGPASS").strip()),
                    p.getProperty("passfile", ""));
        } catch (IllegalArgumentException | StoreException e) {
            throw new StoreException("the store settings " + f + " are not valid: " + e.getMessage(), e);
        }
    }

    /** Saves into {@code dataDir} (owner-only, like the rest of the data folder). */
    public void write(Path dataDir) throws IOException {
        PrivateFiles.directory(dataDir);
        Properties p = new Properties();
        p.setProperty("engine", server ? "postgresql" : "sqlite");
        p.setProperty("host", host);
        p.setProperty("port", Integer.toString(port));
        p.setProperty("database", database);
        p.setProperty("user", user);
        p.setProperty("credentials", credentials.name());
        p.setProperty("passfile", passfile);
        Path f = dataDir.resolve(FILE), tmp = dataDir.resolve(FILE + ".tmp");
        Files.deleteIfExists(tmp);
        PrivateFiles.createFile(tmp);
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "Karyo case store (no password here: it is in the password file or the OS keyring)");
        }
        Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** For messages: the server as {@code postgresql://user@host:port/db}, or the local store. */
    public String describe() {
        return server ? ServerUrl.parse(url()).toString() : "this workstation's own case store (SQLite)";
    }

    /** The user's usual password file: {@code ~/.pgpass}, on Windows {@code %APPDATA%\postgresql\pgpass.conf}. */
    public static Path defaultPassfile() {
        String appData = System.getenv("APPDATA");
        boolean windows = System.getProperty("os.name", "").startsWith("Windows");
        return windows && appData != null
                ? Path.of(appData, "postgresql", "pgpass.conf")
                : Path.of(System.getProperty("user.home"), ".pgpass");
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
