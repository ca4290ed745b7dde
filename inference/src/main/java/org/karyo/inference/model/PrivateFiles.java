package org.karyo.inference.model;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Patient data readable by its owner only: folders of the data folder 0700, files 0600, set when
 * they are created and, for data folders written by earlier versions (world-readable
 * {@code cases.db}, thumbnails), when they are opened. On file systems without POSIX permissions
 * (Windows: the per-user profile folder is already private) nothing is done. Failures to change a
 * permission (a file owned by someone else) are not errors: the data stays usable.
 */
public final class PrivateFiles {

    public static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------"),
            FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {}

    static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** Creates the folder (and its parents) when missing; the folder itself becomes 0700. */
    public static Path directory(Path dir) throws IOException {
        Files.createDirectories(dir);
        set(dir, DIR);
        return dir;
    }

    /** Makes an existing file 0600 (a missing one is ignored). */
    public static void file(Path file) {
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            set(file, FILE);
        }
    }

    /** Creates an empty 0600 file when missing, so whatever writes into it (SQLite) starts private. */
    public static void createFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            if (posix()) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            }
        } else {
            file(file);
        }
    }

    /** Every folder below {@code root} (and itself) 0700, every file 0600; symbolic links are not followed. */
    public static void tree(Path root) {
        if (!posix() || !Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.forEach(p -> {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    set(p, DIR);
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    set(p, FILE);
                }
            });
        } catch (IOException | RuntimeException e) {
            // a folder that cannot be listed keeps its permissions; the next open tries again
        }
    }

    private static void set(Path p, Set<PosixFilePermission> want) {
        if (!posix()) {
            return;
        }
        try {
            if (!Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS).equals(want)) {
                Files.setPosixFilePermissions(p, want);
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // not ours to change (another owner, a read-only mount): left as it is
        }
    }
}
