package org.karyo.app.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.karyo.inference.model.PrivateFiles;

/**
 * Rotating backups of the case database in {@code backups/} beside it: made with SQLite's online
 * backup (consistent while other workstations' processes write), checked with quick_check before
 * they are kept, owner-only (0600), the newest {@link #KEEP} kept. The store makes one at open and
 * at close when the newest is older than {@link #INTERVAL}; {@code karyo backup} makes one now.
 */
public final class Backups {

    /** How many backups are kept; older ones are deleted when a new one is made. */
    public static final int KEEP = 14;
    /** The store backs up automatically when the newest backup is older than this. */
    public static final Duration INTERVAL = Duration.ofHours(4);

    static final String PREFIX = "cases-";
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private final Path dir;

    private Backups(Path dir) {
        this.dir = dir;
    }

    /** The backups of the database {@code dbFile}: the folder {@code backups} beside it. */
    public static Backups of(Path dbFile) {
        Path parent = dbFile.toAbsolutePath().getParent();
        return new Backups(parent.resolve("backups"));
    }

    public Path dir() {
        return dir;
    }

    /** Every kept backup, newest first. */
    public List<Path> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(PREFIX)
                            && p.toString().endsWith(".db"))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString())
                            .reversed())
                    .toList();
        } catch (IOException e) {
            throw new StoreException(dir + ": cannot list the backups (" + e.getMessage() + ")", e);
        }
    }

    public Optional<Path> latest() {
        List<Path> all = list();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** Whether the newest backup is older than {@link #INTERVAL} (or there is none). */
    boolean due(Instant now) {
        return latest().map(p -> {
                    try {
                        return Files.getLastModifiedTime(p)
                                .toInstant()
                                .plus(INTERVAL)
                                .isBefore(now);
                    } catch (IOException e) {
                        return true;
                    }
                })
                .orElse(true);
    }

    /**
     * Backs up the database {@code dbFile} (through a read-only connection of its own: Karyo may keep
     * running) into {@code target}, or into a new rotated backup when {@code target} is null.
     */
    public static Path backUp(Path dbFile, Path target) {
        Path db = dbFile.toAbsolutePath();
        if (DatabaseProbe.schemaVersion(db) == 0) {
            throw new StoreException(db + " holds no Karyo cases: nothing to back up");
        }
        org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(10_000);
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db, config.toProperties())) {
            Backups b = of(db);
            return target == null ? b.create(c) : b.copy(c, target.toAbsolutePath(), false);
        } catch (SQLException e) {
            throw new StoreException("cannot read " + db + ": " + e.getMessage(), e);
        }
    }

    /** Backs up through {@code c} (an open connection to the database) into a new, checked, rotated file. */
    Path create(Connection c) {
        String stamp = STAMP.format(Instant.now());
        Path target = dir.resolve(PREFIX + stamp + ".db");
        for (int n = 1; Files.exists(target); n++) {
            target = dir.resolve(PREFIX + stamp + "-" + n + ".db");
        }
        return copy(c, target, true);
    }

    /** Backs up through {@code c} into {@code target} (quick_check on the copy); rotates when {@code rotate}. */
    Path copy(Connection c, Path target, boolean rotate) {
        Path tmp = target.resolveSibling(target.getFileName() + ".part");
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            ownerOnlyDir(target.toAbsolutePath().getParent());
            Files.deleteIfExists(tmp);
            try (Statement st = c.createStatement()) {
                // sqlite-jdbc's "backup to": SQLite's online backup API, page by page
                st.executeUpdate("backup to " + quoted(tmp));
            }
            ownerOnly(tmp);
            Optional<String> bad = DatabaseCheck.problems(tmp);
            if (bad.isPresent()) {
                throw new StoreException(
                        "the backup " + tmp + " failed its check (" + bad.get() + "); it was not kept");
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            if (rotate) {
                rotate();
            }
            return target;
        } catch (SQLException | IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the failure below is what matters
            }
            throw new StoreException("cannot back up the case database to " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Puts {@code backup} in place of {@code dbFile}: the backup must pass quick_check and be a Karyo
     * database this Karyo can open; the database it replaces (with its -wal and -shm) is moved, not
     * deleted, into the backups folder as {@code replaced-<time>.db}. Every Karyo using the database
     * must be closed first. Returns where the replaced database went (empty when there was none).
     */
    public static Optional<Path> restore(Path backup, Path dbFile) {
        Path src = backup.toAbsolutePath();
        Optional<String> bad = DatabaseCheck.problems(src);
        if (bad.isPresent()) {
            throw new StoreException(src + " cannot be restored: it fails its check (" + bad.get() + ")");
        }
        int version = DatabaseProbe.schemaVersion(src);
        if (version == 0) {
            throw new StoreException(src + " cannot be restored: it holds no Karyo cases");
        }
        if (version > Migrations.latest()) {
            throw new StoreException(
                    src + " was written by a newer Karyo (database version " + version + "); update Karyo");
        }
        Path db = dbFile.toAbsolutePath();
        Backups backups = of(db);
        try {
            Files.createDirectories(backups.dir);
            ownerOnlyDir(backups.dir);
            Optional<Path> replaced = Optional.empty();
            if (Files.exists(db)) {
                Path aside = backups.dir.resolve("replaced-" + STAMP.format(Instant.now()) + ".db");
                for (String suffix : List.of("-wal", "-shm")) {
                    Path side = db.resolveSibling(db.getFileName() + suffix);
                    if (Files.exists(side)) {
                        Files.move(side, aside.resolveSibling(aside.getFileName() + suffix));
                    }
                }
                Files.move(db, aside);
                replaced = Optional.of(aside);
            }
            Path tmp = db.resolveSibling(db.getFileName() + ".restoring");
            Files.copy(src, tmp, StandardCopyOption.REPLACE_EXISTING);
            ownerOnly(tmp);
            Files.move(tmp, db, StandardCopyOption.ATOMIC_MOVE);
            return replaced;
        } catch (IOException e) {
            throw new StoreException("cannot restore " + src + " to " + db + ": " + e.getMessage(), e);
        }
    }

    private void rotate() throws IOException {
        List<Path> all = list();
        for (Path old : all.subList(Math.min(KEEP, all.size()), all.size())) {
            Files.deleteIfExists(old);
        }
    }

    private static String quoted(Path p) {
        String s = p.toAbsolutePath().toString();
        if (s.contains("\"")) {
            throw new StoreException("a backup path may not contain a double quote: " + s);
        }
        return "\"" + s + "\"";
    }

    static void ownerOnly(Path file) {
        PrivateFiles.file(file);
    }

    private static void ownerOnlyDir(Path dir) throws IOException {
        PrivateFiles.directory(dir);
    }
}
