package org.karyo.app.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.karyo.app.store.CaseStore;
import org.karyo.app.store.Cell;

/**
 * Times opening the Karyogram view of a cell with a stored karyogram, split into its phases:
 * preparing it off the UI thread (the stored karyogram and its boxes, the image read) and building
 * the view on the FX thread (cut-outs, layout, scene), shown and laid out.
 */
public final class KaryogramBenchmark {

    private KaryogramBenchmark() {}

    /** Median milliseconds of each phase and of the whole, over {@code opens} opens. */
    public record Result(
            int chromosomes,
            double prepareMs,
            double buildMs,
            double showMs,
            double totalMs,
            double minTotalMs,
            double cpuMs) {}

    public static Result run(CaseStore store, Cell cell, int opens) throws Exception {
        // the first open classifies the cell and stores the karyogram (not timed: that is classification)
        KaryogramActions.prepare(store, cell);
        Stage owner = onFx(Stage::new);
        List<double[]> runs = new ArrayList<>();
        int n = 0;
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < opens + 1; i++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            KaryogramActions.Prepared p = KaryogramActions.prepare(store, cell);
            long t1 = System.nanoTime();
            long[] built = new long[1];
            KaryogramView v = onFx(() -> {
                KaryogramView view = new KaryogramView(owner, cell, p.editor(), p.image());
                built[0] = System.nanoTime();
                view.show();
                view.getScene().getRoot().applyCss();
                view.getScene().getRoot().layout();
                return view;
            });
            long t2 = System.nanoTime();
            long c1 = os.getProcessCpuTime();
            n = v.editor().placements().size();
            onFx(() -> {
                v.close();
                return null;
            });
            if (i > 0) { // the first open warms the JIT and JavaFX up
                runs.add(new double[] {
                    (t1 - t0) / 1e6, (built[0] - t1) / 1e6, (t2 - built[0]) / 1e6, (t2 - t0) / 1e6, (c1 - c0) / 1e6
                });
            }
        }
        return new Result(
                n, median(runs, 0), median(runs, 1), median(runs, 2), median(runs, 3), min(runs, 3), median(runs, 4));
    }

    private static double median(List<double[]> runs, int k) {
        double[] v = runs.stream().mapToDouble(r -> r[k]).sorted().toArray();
        return v[v.length / 2];
    }

    private static double min(List<double[]> runs, int k) {
        return runs.stream().mapToDouble(r -> r[k]).min().orElse(Double.NaN);
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get();
    }
}
