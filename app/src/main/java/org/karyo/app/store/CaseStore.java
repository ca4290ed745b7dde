package org.karyo.app.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.karyo.inference.model.PrivateFiles;
import org.sqlite.SQLiteConfig;

/**
 * The case database: one SQLite file (WAL, synchronous FULL, foreign keys on) plus a folder of
 * content-addressed image copies. One JDBC connection; every method is synchronized on the store,
 * so background threads (detection) and the UI thread may share it.
 *
 * <p>Each user edit runs in {@link #inTransaction} and is durable when the call returns. Nested
 * calls join the outer transaction, so an edit made of several repository calls commits or rolls
 * back as one.
 *
 * <p>Every open runs {@code PRAGMA quick_check} first: a damaged database is opened read-only (it
 * can be read and exported, nothing more is written to it) with {@link #damage()} saying what is
 * wrong and how to restore a backup. A healthy one is backed up ({@link Backups}) at open and at
 * close when the newest backup is older than {@link Backups#INTERVAL}.
 */
public final class CaseStore implements AutoCloseable {

    /** Work done inside a transaction that returns a value. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws SQLException;
    }

    /** Work done inside a transaction. */
    @FunctionalInterface
    public interface Action {
        void run() throws SQLException;
    }

    private static final int BUSY_TIMEOUT_MS = 10_000;

    /** Opens a new connection to the server store after the old one was lost. */
    @FunctionalInterface
    interface Reconnect {
        Connection open() throws SQLException;
    }

    private Connection connection;
    /** Null for SQLite; for a server, how to connect again after the server was unreachable. */
    private Reconnect reconnect;

    private boolean broken;
    private final Engine engine;
    /** The SQLite file, or for a server store a name for messages (its URL without credentials). */
    private final Path dbFile;

    private final Path imageDir;
    private int depth;
    private final Users users;
    private final Patients patients;
    private final Cases cases;
    private final Cells cells;
    private final Boxes boxes;
    private final Polygons polygons;
    private final Signatures signatures;
    private final Suggestions suggestions;
    private final Audit audit;
    /** Why the database is read-only (quick_check failed), or null when it is healthy. */
    private final String damage;

    private boolean wrote;

    private CaseStore(Connection connection, Engine engine, Path dbFile, Path imageDir, String osUser, String damage) {
        this.connection = connection;
        this.engine = engine;
        this.damage = damage;
        this.dbFile = dbFile;
        this.imageDir = imageDir;
        this.audit = new Audit(this);
        this.users = new Users(this, osUser);
        this.patients = new Patients(this);
        this.cases = new Cases(this);
        this.cells = new Cells(this);
        this.boxes = new Boxes(this);
        this.polygons = new Polygons(this);
        this.signatures = new Signatures(this);
        this.suggestions = new Suggestions(this);
    }

    /**
     * Opens (creating and migrating as needed) the database {@code dbFile}, with image copies in
     * {@code imageDir}, acting as {@code osUser}. A file that is not a Karyo database, or that a
     * newer Karyo wrote, is refused with a {@link StoreException} and left untouched.
     */
    public static CaseStore open(Path dbFile, Path imageDir, String osUser) {
        if (osUser == null || osUser.isBlank()) {
            throw new StoreException("no user name: Karyo records who made every change");
        }
        Path db = dbFile.toAbsolutePath();
        int version = DatabaseProbe.schemaVersion(db);
        if (version > Migrations.latest()) {
            throw new StoreException(db + " was written by a newer Karyo (database version " + version
                    + ", this Karyo understands up to " + Migrations.latest() + "); it was left unchanged. "
                    + "Update Karyo to open it.");
        }
        try {
            // patient data: owner-only folders and files, also when an older version left them readable
            if (db.getParent() != null) {
                PrivateFiles.directory(db.getParent());
            }
            PrivateFiles.directory(imageDir);
            PrivateFiles.tree(imageDir);
            PrivateFiles.tree(Backups.of(db).dir());
            PrivateFiles.createFile(db); // SQLite gives its -wal and -shm files the database's permissions
            for (String suffix : new String[] {"-wal", "-shm", "-journal"}) {
                PrivateFiles.file(db.resolveSibling(db.getFileName() + suffix));
            }
        } catch (IOException e) {
            throw new StoreException("cannot create " + e.getMessage(), e);
        }
        boolean existed = version > 0;
        String damage = existed
                ? DatabaseCheck.problems(db).map(p -> damageMessage(db, p)).orElse(null)
                : null;
        if (damage != null && version != Migrations.latest()) {
            throw new StoreException(
                    damage + " It was written by an older Karyo and cannot be upgraded while damaged.");
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(damage != null);
        config.enforceForeignKeys(true);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        // take the write lock at BEGIN: no deadlock between two readers upgrading to writers
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        Connection c = null;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + db, config.toProperties());
            if (damage != null) {
                return new CaseStore(c, Engine.SQLITE, db, imageDir.toAbsolutePath(), osUser.strip(), damage);
            }
            if (existed && Backups.of(db).due(java.time.Instant.now())) {
                autoBackup(c, db); // before any migration touches it
            }
            org.sqlite.SQLiteDataSource source = new org.sqlite.SQLiteDataSource(config);
            source.setUrl("jdbc:sqlite:" + db);
            SchemaHistory.migrate(source, Engine.SQLITE, version);
            CaseStore store = new CaseStore(c, Engine.SQLITE, db, imageDir.toAbsolutePath(), osUser.strip(), null);
            store.users.ensureCurrent();
            return store;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("cannot open the case database " + db + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens (creating and migrating as needed) the laboratory's store on a PostgreSQL server,
     * {@code postgresql://host[:port]/database[?user=LOGIN]}, with image copies cached in
     * {@code imageDir}. The password comes from the PostgreSQL password file ({@code ~/.pgpass}, or
     * the file PGPASSFILE names), never from the URL: a URL with a password is refused.
     */
    public static CaseStore openServer(String url, Path imageDir, String osUser) {
        if (osUser == null || osUser.isBlank()) {
            throw new StoreException("no user name: Karyo records who made every change");
        }
        ServerUrl server = ServerUrl.parse(url);
        try {
            // the local image cache holds patient data too: owner-only, like a workstation's data folder
            PrivateFiles.directory(imageDir);
            PrivateFiles.tree(imageDir);
        } catch (IOException e) {
            throw new StoreException("cannot create " + e.getMessage(), e);
        }
        Connection c = null;
        try {
            c = server.connect(osUser.strip());
            int version = ServerSchema.version(c);
            if (version > Migrations.latest()) {
                throw new StoreException(server + " was written by a newer Karyo (database version " + version
                        + ", this Karyo understands up to " + Migrations.latest() + "); update Karyo to use it.");
            }
            SchemaHistory.migrate(server.dataSource(osUser.strip()), Engine.POSTGRESQL, version);
            CaseStore store = new CaseStore(
                    c, Engine.POSTGRESQL, Path.of(server.toString()), imageDir.toAbsolutePath(), osUser.strip(), null);
            String login = osUser.strip();
            store.reconnect = () -> server.connect(login);
            store.users.ensureCurrent();
            return store;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("cannot open the case store " + server + ": " + e.getMessage(), e);
        }
    }

    public synchronized <T> T inTransaction(Work<T> work) {
        if (damage != null) {
            throw new StoreException(damage);
        }
        if (depth > 0) {
            depth++;
            try {
                return work.run();
            } catch (SQLException e) {
                throw wrap(e);
            } finally {
                depth--;
            }
        }
        ensureConnected();
        depth = 1;
        try {
            connection.setAutoCommit(false);
            T result = work.run();
            connection.commit();
            wrote = true;
            return result;
        } catch (SQLException e) {
            rollback();
            throw wrap(e);
        } catch (RuntimeException | Error e) {
            rollback();
            throw e;
        } finally {
            depth = 0;
            try {
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the connection is broken; the next call reports it
            }
        }
    }

    public void inTransaction(Action action) {
        inTransaction(() -> {
            action.run();
            return null;
        });
    }

    /** Runs a read outside any explicit transaction (joins one if open). */
    synchronized <T> T read(Work<T> work) {
        if (depth == 0) {
            ensureConnected();
        }
        try {
            return work.run();
        } catch (SQLException e) {
            throw wrap(e);
        }
    }

    Connection connection() {
        return connection;
    }

    public Engine engine() {
        return engine;
    }

    public Users users() {
        return users;
    }

    public Patients patients() {
        return patients;
    }

    public Cases cases() {
        return cases;
    }

    public Cells cells() {
        return cells;
    }

    public Boxes boxes() {
        return boxes;
    }

    public Polygons polygons() {
        return polygons;
    }

    public Signatures signatures() {
        return signatures;
    }

    public Suggestions suggestions() {
        return suggestions;
    }

    public Audit audit() {
        return audit;
    }

    public synchronized int schemaVersion() {
        return read(() -> (int) Sql.count(connection, "SELECT version FROM schema_version"));
    }

    public Path imageDir() {
        return imageDir;
    }

    public Path dbFile() {
        return dbFile;
    }

    /** Why this database was opened read-only (it failed quick_check), with what to do; empty when healthy. */
    public java.util.Optional<String> damage() {
        return java.util.Optional.ofNullable(damage);
    }

    public boolean readOnly() {
        return damage != null;
    }

    /** Backs up the database now (online: other processes may keep writing) into the rotating backups. */
    public synchronized Path backup() {
        if (engine != Engine.SQLITE) {
            throw new StoreException("a server store is backed up on the server (pg_dump, see docs/lab-server.md)");
        }
        return Backups.of(dbFile).create(connection);
    }

    @Override
    public synchronized void close() {
        try {
            if (engine == Engine.SQLITE
                    && wrote
                    && damage == null
                    && Backups.of(dbFile).due(java.time.Instant.now())) {
                autoBackup(connection, dbFile);
            }
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("closing " + dbFile + ": " + e.getMessage(), e);
        }
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // nothing was committed; the original failure is what matters
        }
    }

    /** An automatic backup that fails (disk full...) is reported, not fatal: the database itself is fine. */
    private static void autoBackup(Connection c, Path db) {
        try {
            Backups.of(db).create(c);
        } catch (StoreException e) {
            System.getLogger(CaseStore.class.getName())
                    .log(System.Logger.Level.WARNING, "automatic backup failed: " + e.getMessage());
        }
    }

    private static String damageMessage(Path db, String problems) {
        return db + " is damaged (SQLite quick_check: " + problems + "). It was opened read-only: you can look at "
                + "cases and export reports, nothing more is written to it. Close Karyo and restore the latest backup "
                + "with 'karyo restore' (backups are in " + Backups.of(db).dir() + ").";
    }

    /** After the server was unreachable: connect again (the failed edit was rolled back by the server). */
    private void ensureConnected() {
        if (!broken || reconnect == null) {
            return;
        }
        closeQuietly(connection);
        try {
            connection = reconnect.open();
            broken = false;
        } catch (SQLException e) {
            throw wrap(e);
        }
    }

    private static boolean connectionLost(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }

    private StoreException wrap(SQLException e) {
        String m = String.valueOf(e.getMessage());
        if (reconnect != null && connectionLost(e)) {
            broken = true;
            return new StoreException(
                    "the case server " + dbFile + " is unreachable (" + m + "); this change may not "
                            + "have been saved. Karyo connects again by itself: when the server is back, look and try again.",
                    e);
        }
        if (m.contains("FOREIGN KEY")) {
            return new StoreException("refers to a record that does not exist (" + m + ")", e);
        }
        if (m.contains("CORRUPT")) {
            return new StoreException(
                    dbFile + " is damaged (" + m + "). Close Karyo and restore the latest backup "
                            + "with 'karyo restore' (backups are in "
                            + Backups.of(dbFile).dir() + ").",
                    e);
        }
        if (m.contains("BUSY") || m.contains("LOCKED")) {
            return new StoreException("the case database is busy (another Karyo is writing); try again", e);
        }
        return new StoreException("case database error: " + m, e);
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already failing
            }
        }
    }
}
