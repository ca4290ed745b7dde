package org.karyo.app.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Patient data readable by its owner only: on creation, and for a data folder an older version left open. */
class TestDataFolderPermissions {

    @TempDir
    Path tmp;

    static String perms(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void databaseWalImagesAndThumbnailsAreOwnerOnly() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path data = tmp.resolve("data");
        try (CaseStore store = StoreFixtures.open(data, "tester")) {
            StoreFixtures.newCell(store, tmp, "ACC-1", 1);
            assertEquals("rwx------", perms(data));
            assertEquals("rw-------", perms(data.resolve("karyo.db")));
            assertEquals("rw-------", perms(data.resolve("karyo.db-wal")));
            assertEquals("rw-------", perms(data.resolve("karyo.db-shm")));
            try (Stream<Path> s = Files.walk(data.resolve("images"))) {
                for (Path p : s.toList()) {
                    assertEquals(Files.isDirectory(p) ? "rwx------" : "rw-------", perms(p), p.toString());
                }
            }
        }
    }

    @Test
    void anOlderWorldReadableDataFolderIsMadePrivateWhenOpened() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path data = tmp.resolve("old");
        try (CaseStore store = StoreFixtures.open(data, "tester")) {
            StoreFixtures.newCell(store, tmp, "ACC-2", 2);
        }
        try (Stream<Path> s = Files.walk(data)) { // as Karyo before this change left them
            for (Path p : s.toList()) {
                Files.setPosixFilePermissions(
                        p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        try (CaseStore store = StoreFixtures.open(data, "tester")) {
            try (Stream<Path> s = Files.walk(data)) {
                for (Path p : s.toList()) {
                    assertEquals(Files.isDirectory(p) ? "rwx------" : "rw-------", perms(p), p.toString());
                }
            }
        }
    }
}
