package org.karyo.app.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The image folder: copies named by their SHA-256 ({@code ab/abcdef....png}), so the same bytes
 * are stored once and a stored image can be checked against its recorded hash at any time.
 */
public final class ImageCopies {

    /** A stored copy: its hash and its path relative to the image folder. */
    record Stored(String sha256, String relativePath) {}

    /** Longest side of the cell-list thumbnail written beside each stored image. */
    static final int THUMBNAIL_PX = 160;

    private ImageCopies() {}

    /** Where the thumbnail of a stored image lives (it may be missing: images stored before it existed). */
    public static Path thumbnailOf(Path storedImage) {
        String name = storedImage.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return storedImage.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".thumb.png");
    }

    /**
     * Writes the thumbnail (best effort: the list decodes the full image when it is missing) and
     * releases {@code thumb}. Decoding a camera-size image for every list row would compete with
     * decoding the next cell the reviewer opens.
     */
    static void writeThumbnail(Path storedImage, org.opencv.core.Mat thumb) {
        try {
            Path t = thumbnailOf(storedImage);
            if (!thumb.empty() && !Files.exists(t)) {
                Path tmp = t.resolveSibling(t.getFileName() + ".part.png");
                if (org.opencv.imgcodecs.Imgcodecs.imwrite(tmp.toString(), thumb)) {
                    org.karyo.inference.model.PrivateFiles.file(tmp); // OpenCV writes with the umask: 0644
                    Files.move(tmp, t, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                }
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | RuntimeException e) {
            // no thumbnail: the cell list falls back to the full image
        } finally {
            thumb.release();
        }
    }

    /** Copies {@code file} into {@code imageDir} (flushed to disk before returning). */
    static Stored put(Path imageDir, Path file) {
        try {
            org.karyo.inference.model.PrivateFiles.directory(imageDir);
            Path tmp = Files.createTempFile(imageDir, "import-", ".part");
            try {
                String sha;
                try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256());
                        FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
                        OutputStream out = Channels.newOutputStream(ch)) {
                    in.transferTo(out);
                    out.flush();
                    ch.force(true);
                    sha = HexFormat.of()
                            .formatHex(
                                    ((DigestInputStream) in).getMessageDigest().digest());
                }
                String rel = sha.substring(0, 2) + "/" + sha + extension(file);
                Path target = imageDir.resolve(rel);
                org.karyo.inference.model.PrivateFiles.directory(target.getParent());
                if (Files.exists(target)) {
                    Files.delete(tmp);
                } else {
                    move(tmp, target);
                }
                return new Stored(sha, rel);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new StoreException(
                    file.getFileName() + ": cannot copy into the image folder " + imageDir + " (" + e.getMessage()
                            + ")",
                    e);
        }
    }

    /** The SHA-256 of a file, hex. */
    static String sha256(Path file) throws IOException {
        MessageDigest md = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target);
        }
    }

    private static String extension(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        String ext = dot < 0 ? "" : n.substring(dot).toLowerCase(Locale.ROOT);
        return ext.matches("\\.[a-z0-9]{1,5}") ? ext : "";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
