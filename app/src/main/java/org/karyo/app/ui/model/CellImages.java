package org.karyo.app.ui.model;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.karyo.core.image.ImageReadException;
import org.karyo.core.image.MetaphaseImageReader;
import org.opencv.core.Mat;

/**
 * Decoded metaphase images for display, with a small LRU cache and prefetching of the neighbours
 * of the shown cell: decoding a 3200x2200 image takes longer than the 150 ms a cell switch may
 * take, so the next and previous cells are decoded in the background while the user reviews.
 */
public final class CellImages implements AutoCloseable {

    private final int capacity;
    // Priorities are a hint that decoding ahead should yield to the UI, not something correctness
    // relies on (ThreadPriorityCheck's concern): without them only responsiveness suffers.
    @SuppressWarnings("ThreadPriorityCheck")
    private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "cell-images");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        return t;
    });
    // thumbnails decode whole images too; on their own thread they never delay the next cell
    @SuppressWarnings("ThreadPriorityCheck") // as the pool's
    private final ExecutorService thumbPool = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cell-thumbnails");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });

    private final Map<Path, CompletableFuture<Image>> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, CompletableFuture<Image>> e) {
            return size() > capacity;
        }
    };

    /** Longest side of the preview shown first: more than a screen shows of a whole cell. */
    public static final int PREVIEW_PX = 1600;

    private final Map<Path, CompletableFuture<Image>> previews = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, CompletableFuture<Image>> e) {
            return size() > 2 * capacity;
        }
    };

    public CellImages(int capacity) {
        this.capacity = capacity;
    }

    /** The full-resolution image, decoded in the background unless it is cached already. */
    public synchronized CompletableFuture<Image> get(Path file) {
        return cache.computeIfAbsent(file, f -> CompletableFuture.supplyAsync(() -> load(f, 0), pool));
    }

    /**
     * What to show first: the image itself when it is small, else a copy at most
     * {@link #PREVIEW_PX} on its longest side. A camera-size texture takes a software-rendered
     * display 100-200 ms to draw the first time; the preview a quarter of that.
     */
    public synchronized CompletableFuture<Image> preview(Path file, int width, int height) {
        if (Math.max(width, height) <= PREVIEW_PX) {
            return get(file);
        }
        return previews.computeIfAbsent(file, f -> CompletableFuture.supplyAsync(() -> load(f, PREVIEW_PX), pool));
    }

    /** Starts decoding previews of cells the user is likely to open next; cheap when cached. */
    // the futures stay in the cache: whoever shows the cell gets the result, or the failure
    @SuppressWarnings("FutureReturnValueIgnored")
    public void prefetch(Iterable<org.karyo.app.store.Cell> cells) {
        for (var c : cells) {
            preview(c.storedImage(), c.width(), c.height());
        }
    }

    public synchronized boolean isReady(Path file) {
        CompletableFuture<Image> f = previews.containsKey(file) ? previews.get(file) : cache.get(file);
        return f != null && f.isDone() && !f.isCompletedExceptionally();
    }

    /**
     * Decodes with JavaFX where it can (PNG, JPEG, BMP, GIF keep their colours) and through the
     * inference image reader otherwise (TIFF, 16-bit: stretched to 8-bit grey as the detector sees them).
     */
    public static Image load(Path file, int maxSide) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!name.endsWith(".tif") && !name.endsWith(".tiff")) {
            Image img = maxSide > 0
                    ? new Image(file.toUri().toString(), maxSide, maxSide, true, true, false)
                    : new Image(file.toUri().toString(), false);
            if (!img.isError() && img.getWidth() > 0) {
                return img;
            }
        }
        return loadGrey(file, maxSide);
    }

    static Image loadGrey(Path file, int maxSide) {
        Mat grey;
        try {
            grey = MetaphaseImageReader.readGrey(file, 255);
        } catch (ImageReadException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        try {
            if (maxSide > 0 && Math.max(grey.cols(), grey.rows()) > maxSide) {
                double f = (double) maxSide / Math.max(grey.cols(), grey.rows());
                Mat small = new Mat();
                org.opencv.imgproc.Imgproc.resize(
                        grey,
                        small,
                        new org.opencv.core.Size(Math.round(grey.cols() * f), Math.round(grey.rows() * f)),
                        0,
                        0,
                        org.opencv.imgproc.Imgproc.INTER_AREA);
                grey.release();
                grey = small;
            }
            int w = grey.cols(), h = grey.rows();
            byte[] g = new byte[w * h];
            grey.get(0, 0, g);
            byte[] bgra = new byte[w * h * 4];
            for (int i = 0, j = 0; i < g.length; i++, j += 4) {
                bgra[j] = g[i];
                bgra[j + 1] = g[i];
                bgra[j + 2] = g[i];
                bgra[j + 3] = (byte) 255;
            }
            WritableImage img = new WritableImage(w, h);
            img.getPixelWriter()
                    .setPixels(0, 0, w, h, PixelFormat.getByteBgraPreInstance(), ByteBuffer.wrap(bgra), w * 4);
            return img;
        } finally {
            grey.release();
        }
    }

    /** A small thumbnail, decoded in the background by JavaFX (or the grey reader for TIFF). */
    public CompletableFuture<Image> thumbnail(Path file, double size) {
        return CompletableFuture.supplyAsync(
                () -> {
                    Path small = org.karyo.app.store.ImageCopies.thumbnailOf(file);
                    if (Files.isRegularFile(small)) {
                        Image img = new Image(small.toUri().toString(), size, size, true, true, false);
                        if (!img.isError()) {
                            return img;
                        }
                    }
                    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                    if (!name.endsWith(".tif") && !name.endsWith(".tiff")) {
                        Image img = new Image(file.toUri().toString(), size, size, true, true, false);
                        if (!img.isError()) {
                            return img;
                        }
                    }
                    return loadGrey(file, (int) size);
                },
                thumbPool);
    }

    @Override
    public void close() {
        pool.shutdownNow();
        thumbPool.shutdownNow();
    }
}
