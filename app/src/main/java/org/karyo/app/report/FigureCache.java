package org.karyo.app.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The report's figures kept in memory between reports of one session: each cell's image scaled
 * to its printed size (decoding a camera-sized image was most of a figure's time) and each
 * finished figure as JPEG (drawing and encoding were the rest). A lab lead previews a report,
 * exports it, and exports again after sign-off; only a cell whose boxes changed is drawn again.
 * Keyed by file, size, modification time and printed size (and, for a figure, everything drawn
 * on it), so a changed file is read again; bounded by {@link #MAX_BYTES} each (least recently used
 * out first); nothing written to disk (the images are patient data).
 */
public final class FigureCache {

    /** About 60 figures of a 50-cell case at 300 dpi. */
    static final long MAX_BYTES = 64L << 20;

    private record Key(Path file, long size, long modified, int width, int height) {}

    /** A scaled image and where it sits in its figure (scale, x and y offsets). */
    record Scaled(BufferedImage image, double scale, double ox, double oy) {
        long bytes() {
            return (long) image.getWidth() * image.getHeight();
        }
    }

    /** Everything a figure shows: the image, its boxes, the count badge, the colour, the size. */
    private record FigureKey(
            Key image, java.util.List<org.karyo.core.geometry.RotatedBox> boxes, int count, boolean modal) {}

    private static final Map<Key, Scaled> CACHE = new LinkedHashMap<>(64, 0.75f, true);
    private static long bytes;
    private static final Map<FigureKey, byte[]> JPEGS = new LinkedHashMap<>(64, 0.75f, true);
    private static long jpegBytes;

    private FigureCache() {}

    /** The cached scaled image of {@code file} for a {@code width} x {@code height} figure, or null. */
    static synchronized Scaled get(Path file, int width, int height) {
        Key k = key(file, width, height);
        return k == null ? null : CACHE.get(k);
    }

    static synchronized void put(Path file, int width, int height, Scaled s) {
        Key k = key(file, width, height);
        if (k == null || s.bytes() > MAX_BYTES) {
            return;
        }
        Scaled old = CACHE.put(k, s);
        bytes += s.bytes() - (old == null ? 0 : old.bytes());
        var it = CACHE.entrySet().iterator();
        while (bytes > MAX_BYTES && it.hasNext()) {
            bytes -= it.next().getValue().bytes();
            it.remove();
        }
    }

    /**
     * The JPEG of {@code cell}'s figure at {@code width} x {@code height}: the one made before when
     * nothing drawn on it changed, else {@code render}'s (kept). A cell without a readable image is
     * rendered every time (its panel says why).
     */
    static byte[] jpeg(
            ReportCell cell, boolean modal, int width, int height, java.util.function.Supplier<byte[]> render) {
        Key image = cell.imagePath() == null ? null : key(cell.imagePath(), width, height);
        if (image == null) {
            return render.get();
        }
        FigureKey k = new FigureKey(image, cell.boxes(), cell.finalCount(), modal);
        synchronized (FigureCache.class) {
            byte[] done = JPEGS.get(k);
            if (done != null) {
                return done;
            }
        }
        byte[] made = render.get(); // outside the lock: figures render on every core
        synchronized (FigureCache.class) {
            byte[] old = JPEGS.put(k, made);
            jpegBytes += made.length - (old == null ? 0 : old.length);
            var it = JPEGS.entrySet().iterator();
            while (jpegBytes > MAX_BYTES && it.hasNext()) {
                jpegBytes -= it.next().getValue().length;
                it.remove();
            }
        }
        return made;
    }

    /** Forgets every image and figure (a benchmark's cold run). */
    public static synchronized void clear() {
        CACHE.clear();
        bytes = 0;
        JPEGS.clear();
        jpegBytes = 0;
    }

    private static Key key(Path file, int width, int height) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Key(
                    file.toAbsolutePath().normalize(),
                    a.size(),
                    a.lastModifiedTime().toMillis(),
                    width,
                    height);
        } catch (IOException | RuntimeException e) {
            return null; // unreadable: not cached, readScaled says why
        }
    }
}
