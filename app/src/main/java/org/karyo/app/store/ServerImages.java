package org.karyo.app.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * Image copies in a server store: the {@code images} table, keyed by SHA-256, is the lab's copy;
 * each workstation's image folder is a cache filled on first use. What comes from the server is
 * checked against its SHA-256 before it is cached.
 */
final class ServerImages {

    private ServerImages() {}

    /** Stores the copy {@code file} (already hashed to {@code sha256}) on the server unless it is there. */
    static void upload(CaseStore store, String sha256, Path file) throws SQLException {
        if (Sql.count(store.connection(), "SELECT count(*) FROM images WHERE sha256 = ?", sha256) > 0) {
            return;
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new StoreException(file + ": cannot read the image copy (" + e.getMessage() + ")", e);
        }
        Sql.update(
                store.connection(),
                "INSERT INTO images (sha256, content, bytes) VALUES (?, ?, ?)",
                sha256,
                content,
                content.length);
    }

    /** Puts the server's copy of {@code sha256} at {@code cached} (verified), unless it is cached already. */
    static void fetch(CaseStore store, String sha256, Path cached) throws SQLException {
        if (Files.exists(cached)) {
            return;
        }
        byte[] content = Sql.one(
                        store.connection(), "SELECT content FROM images WHERE sha256 = ?", rs -> rs.getBytes(1), sha256)
                .orElseThrow(() -> new StoreException(
                        "image " + sha256 + " is not on the server (imported before the lab server was used?)"));
        String actual = hex(content);
        if (!actual.equals(sha256)) {
            throw new StoreException("the server's copy of image " + sha256 + " fails its SHA-256 check (" + actual
                    + "); it was not used");
        }
        try {
            Files.createDirectories(cached.getParent());
            Path tmp = Files.createTempFile(cached.getParent(), "fetch-", ".part");
            try {
                Files.write(tmp, content);
                Files.move(tmp, cached, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new StoreException(
                    "cannot cache image " + sha256 + " in " + cached.getParent() + ": " + e.getMessage(), e);
        }
    }

    static String hex(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
