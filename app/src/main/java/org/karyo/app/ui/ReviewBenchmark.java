package org.karyo.app.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.karyo.app.Workspace;
import org.karyo.app.review.EditKind;
import org.karyo.app.store.Box;

/**
 * How fast the review window is with a large case open: the time from asking for the next cell
 * to the first rendered frame that shows its image and boxes, and the time from an edit to the
 * rendered frame that shows it (committed to the store in between). Run on a prepared workspace
 * ({@link BenchCase}); JavaFX must already be started.
 */
public final class ReviewBenchmark {

    /** One measured series, milliseconds. */
    // numeric buffers passed on without copying or boxing; nothing compares these records by
    // value (ArrayRecordComponent's concern)
    @SuppressWarnings("ArrayRecordComponent")
    public record Series(String name, double[] ms) {
        public String line() {
            double[] s = ms.clone();
            java.util.Arrays.sort(s);
            long fast = java.util.Arrays.stream(s).filter(v -> v < 150).count();
            return String.format(
                    "%-44s n=%3d  median %7.1f ms  p95 %7.1f ms  max %7.1f ms  under 150 ms: %d/%d",
                    name, s.length, percentile(s, 50), percentile(s, 95), s[s.length - 1], fast, s.length);
        }

        /** Nearest-rank percentile of sorted values. */
        static double percentile(double[] sorted, double p) {
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }
    }

    private final MainWindow window;

    private ReviewBenchmark(MainWindow window) {
        this.window = window;
    }

    /** Opens the review window on {@code ws}, case {@code caseId}, in a new stage (FX started). */
    public static List<Series> run(Workspace ws, long caseId, long dwellMs, int edits) throws Exception {
        AtomicReference<MainWindow> w = new AtomicReference<>();
        onFx(() -> {
            MainWindow mw = KaryoApplication.show(new Stage(), ws, 1600, 1000);
            mw.model().open(caseId);
            w.set(mw);
        });
        ReviewBenchmark b = new ReviewBenchmark(w.get());
        List<Series> out = new ArrayList<>();
        out.add(b.switching("cell switch, reviewer pace (" + dwellMs + " ms per cell)", dwellMs));
        out.add(b.switching("cell switch, back to back (no dwell)", 0));
        out.add(b.editing("box edit -> committed and drawn", edits));
        out.add(b.panZoom("pan/zoom step -> drawn (full-resolution image)", 200));
        return out;
    }

    private Series switching(String name, long dwellMs) throws Exception {
        int n = onFxGet(() -> window.model().cells().size());
        double[] ms = new double[n - 1];
        onFx(() -> window.select(0));
        waitShown(0);
        for (int i = 1; i < n; i++) {
            Thread.sleep(dwellMs);
            int idx = i;
            boolean ready = onFxGet(() ->
                    window.images().isReady(window.model().cells().get(idx).storedImage()));
            long t0 = System.nanoTime();
            onFx(() -> window.select(idx));
            long t1 = System.nanoTime();
            waitShown(idx);
            ms[i - 1] = (System.nanoTime() - t0) / 1e6;
            if (Boolean.getBoolean("karyo.bench.verbose")) {
                System.out.printf(
                        "  switch %2d: %6.1f ms (select %5.1f ms), image %s%n",
                        idx, ms[i - 1], (t1 - t0) / 1e6, ready ? "prefetched" : "not ready");
            }
        }
        return new Series(name, ms);
    }

    /** Waits until cell {@code idx}'s image is set, then for the next rendered pulse. */
    private void waitShown(int idx) throws Exception {
        long id = onFxGet(() -> window.model().cells().get(idx).id());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!onFxGet(() -> window.cellPane().isShowingImageOf(id))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("cell " + idx + " never showed");
            }
            Thread.onSpinWait();
        }
        nextPulse();
    }

    private void nextPulse() throws Exception {
        CountDownLatch pulsed = new CountDownLatch(1);
        onFx(() -> {
            var scene = window.getScene();
            Runnable[] l = new Runnable[1];
            l[0] = () -> {
                scene.removePostLayoutPulseListener(l[0]);
                pulsed.countDown();
            };
            scene.addPostLayoutPulseListener(l[0]);
            Platform.requestNextPulse();
        });
        pulsed.await(10, TimeUnit.SECONDS);
    }

    private Series editing(String name, int edits) throws Exception {
        onFx(() -> window.select(0));
        waitShown(0);
        double[] ms = new double[edits];
        for (int i = 0; i < edits; i++) {
            int k = i;
            long t0 = System.nanoTime();
            onFx(() -> {
                CellPane pane = window.cellPane();
                List<Box> boxes = pane.editor().boxes();
                Box b = boxes.get(k % boxes.size());
                var g = b.geometry();
                double dx = (k % 2 == 0) ? 2 : -2;
                pane.change(
                        Map.of(
                                b.id(),
                                org.karyo.core.geometry.RotatedBox.of(g.cx() + dx, g.cy(), g.w(), g.h(), g.angle())),
                        EditKind.MOVE);
            });
            nextPulse();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return new Series(name, ms);
    }

    /** Starts the JavaFX toolkit for a command-line run (needs a display, or Monocle). */
    public static void startFx() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        Platform.setImplicitExit(false);
        Platform.startup(started::countDown);
        started.await();
    }

    public static void stopFx() {
        Platform.exit();
    }

    /**
     * Wheel-like zoom steps and drags about a cell at 1-3 screen pixels per image pixel (the full
     * image, swapped in once the zoom passes the preview), each timed to its drawn frame.
     */
    private Series panZoom(String name, int steps) throws Exception {
        onFx(() -> window.select(0));
        waitShown(0);
        onFx(() -> window.cellPane().view().oneToOne());
        nextPulse();
        Thread.sleep(1500); // the full image decodes in the background and is swapped in
        double[] ms = new double[steps];
        for (int i = 0; i < steps; i++) {
            int k = i;
            long t0 = System.nanoTime();
            onFx(() -> {
                var view = window.cellPane().view();
                if (k % 2 == 0) {
                    view.zoomBy(k % 4 == 0 ? 1.1 : 1 / 1.1, view.getWidth() / 2, view.getHeight() / 2);
                } else {
                    var v = view.getViewState();
                    double d = (k % 4 == 1 ? 40 : -40) / v.scale();
                    view.setViewState(
                            new org.karyo.app.ui.viewer.ViewState(v.scale(), v.centreX() + d, v.centreY() + d));
                }
            });
            nextPulse();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return new Series(name, ms);
    }

    static void onFx(Runnable r) throws Exception {
        FxThread.run(r::run);
    }

    static <T> T onFxGet(java.util.concurrent.Callable<T> c) throws Exception {
        return FxThread.call(c);
    }
}
