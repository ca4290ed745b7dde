package org.karyo.app.ui.annotate;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.karyo.annotation.grabcut.GrabCutRefiner;
import org.karyo.core.image.ImageReadException;
import org.opencv.core.Mat;

/**
 * One background thread for GrabCut, holding the decoded image of the cell last worked on, so
 * the FX thread never waits for OpenCV and a cell's image is decoded once per visit.
 */
final class AnnotationWorker implements AutoCloseable {

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "annotation-grabcut");
        t.setDaemon(true);
        return t;
    });
    // touched on the worker thread only
    private Mat image;
    private long imageFor = -1;

    /** Runs {@code work} on the cell's image (decoded as GrabCut reads it) in the background. */
    <T> CompletableFuture<T> submit(Path file, long cellId, Function<Mat, T> work) {
        return CompletableFuture.supplyAsync(() -> work.apply(image(file, cellId)), thread);
    }

    private Mat image(Path file, long cellId) {
        if (imageFor != cellId) {
            release();
            try {
                image = GrabCutRefiner.readImage(file);
            } catch (ImageReadException e) {
                throw new IllegalStateException("cannot read " + file.getFileName() + ": " + e.getMessage(), e);
            }
            imageFor = cellId;
        }
        return image;
    }

    private void release() {
        if (image != null) {
            image.release();
            image = null;
            imageFor = -1;
        }
    }

    @Override
    public void close() {
        thread.execute(this::release);
        thread.shutdown();
    }
}
