package org.karyo.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.karyo.app.Workspace;
import org.karyo.app.bench.BenchCase;
import org.karyo.app.ui.ReviewBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code karyo bench-review}: cell-switch and edit latency of the review window on a large case. */
@Command(
        name = "bench-review",
        mixinStandardHelpOptions = true,
        description = {
            "Measures the review window with a large case open: time from 'next cell' to the rendered",
            "image and boxes, and from a box edit (committed to SQLite) to the rendered result.",
            "Needs a display: run under xvfb-run on a machine without one. Uses a throw-away data folder."
        })
public final class BenchReviewCommand implements Callable<Integer> {

    @Option(names = "--cells", defaultValue = "50", description = "cells in the case (default ${DEFAULT-VALUE})")
    int cells;

    @Option(names = "--width", defaultValue = "3200", description = "image width (default ${DEFAULT-VALUE})")
    int width;

    @Option(names = "--height", defaultValue = "2200", description = "image height (default ${DEFAULT-VALUE})")
    int height;

    @Option(
            names = "--dwell-ms",
            defaultValue = "800",
            description = "time spent on each cell at reviewer pace (default ${DEFAULT-VALUE})")
    long dwellMs;

    @Option(names = "--edits", defaultValue = "200", description = "box edits to time (default ${DEFAULT-VALUE})")
    int edits;

    @Option(
            names = "--db",
            paramLabel = "URL",
            description = "run on the lab server postgresql://host[:port]/database[?user=LOGIN] (password from "
                    + "~/.pgpass) instead of a throw-away SQLite store; the benchmark case stays on the server")
    String db;

    @Option(
            names = "--cold-cache",
            description = "with --db: empty this workstation's image cache before timing, so every image comes "
                    + "from the server (a second workstation opening the case)")
    boolean coldCache;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path home = Path.of(System.getProperty("karyo.home", "."));
        Path demo = home.resolve("assets/demo/DEMO-0001");
        if (!Files.isDirectory(demo)) {
            spec.commandLine().getErr().println("bench-review: the demo case is missing: " + demo);
            return 2;
        }
        Path dir = Files.createTempDirectory("karyo-bench-review");
        try (Workspace ws = Workspace.open(dir.resolve("data"), "bench", null, true, db)) {
            out.printf("preparing %d cells of %dx%d (demo cells scaled, with noise)...%n", cells, width, height);
            out.flush();
            long caseId = BenchCase.create(ws.store(), demo, cells, width, height, dir.resolve("images"));
            if (db != null && coldCache) {
                deleteTree(dir.resolve("data").resolve(Workspace.IMAGES));
                out.println("image cache emptied: every image comes from the server " + db.replaceAll("\\?.*", ""));
            }
            ReviewBenchmark.startFx();
            List<ReviewBenchmark.Series> series = ReviewBenchmark.run(ws, caseId, dwellMs, edits);
            out.println("review window, " + (db == null ? "SQLite store" : "lab-server store") + ", " + cells
                    + " cells of " + width + "x" + height + ", "
                    + Runtime.getRuntime().availableProcessors() + " cores, JavaFX pipeline "
                    + System.getProperty("prism.order", "default"));
            for (ReviewBenchmark.Series s : series) {
                out.println("  " + s.line());
            }
            return 0;
        } finally {
            ReviewBenchmark.stopFx();
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            // a temp folder left behind is harmless
        }
    }
}
