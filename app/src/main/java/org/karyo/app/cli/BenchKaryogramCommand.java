package org.karyo.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.karyo.app.Workspace;
import org.karyo.app.bench.BenchCase;
import org.karyo.app.store.Cell;
import org.karyo.app.ui.KaryogramBenchmark;
import org.karyo.app.ui.ReviewBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code karyo bench-karyogram}: how long the Karyogram view of a cell takes to open. */
@Command(
        name = "bench-karyogram",
        mixinStandardHelpOptions = true,
        description = {
            "Measures opening the Karyogram view of a cell with a stored karyogram (a demo cell with its",
            "annotated boxes, classified once by the bundled classifier): preparing it (store, image) and",
            "building and showing the view. Needs a display: run under xvfb-run. Uses a throw-away data folder."
        })
public final class BenchKaryogramCommand implements Callable<Integer> {

    @Option(names = "--opens", defaultValue = "15", description = "opens to time (default ${DEFAULT-VALUE})")
    int opens;

    @Option(names = "--width", defaultValue = "1600", description = "image width (default ${DEFAULT-VALUE})")
    int width;

    @Option(names = "--height", defaultValue = "1200", description = "image height (default ${DEFAULT-VALUE})")
    int height;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path home = Path.of(System.getProperty("karyo.home", "."));
        Path demo = home.resolve("assets/demo/DEMO-0001");
        if (!Files.isDirectory(demo)) {
            spec.commandLine().getErr().println("bench-karyogram: the demo case is missing: " + demo);
            return 2;
        }
        Path dir = Files.createTempDirectory("karyo-bench-karyogram");
        try (Workspace ws = Workspace.open(dir.resolve("data"), "bench", null, true)) {
            long caseId = BenchCase.create(ws.store(), demo, 1, width, height, dir.resolve("images"));
            Cell cell = ws.store().cells().list(caseId).get(0);
            ReviewBenchmark.startFx();
            KaryogramBenchmark.Result r = KaryogramBenchmark.run(ws.store(), cell, opens);
            out.printf(
                    Locale.ROOT,
                    "karyogram view open, %d chromosomes, %dx%d image, %d opens, %d cores, load average %.1f: "
                            + "median %.1f ms, min %.1f ms (prepare %.1f ms: stored karyogram + image read; "
                            + "build %.1f ms: cut-outs, layout, nodes; show %.1f ms: window shown and laid out); "
                            + "CPU time of the process per open: median %.1f ms%n",
                    r.chromosomes(),
                    width,
                    height,
                    opens,
                    Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage(),
                    r.totalMs(),
                    r.minTotalMs(),
                    r.prepareMs(),
                    r.buildMs(),
                    r.showMs(),
                    r.cpuMs());
            return 0;
        } finally {
            ReviewBenchmark.stopFx();
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            } catch (Exception e) {
                // a temp folder left behind is harmless
            }
        }
    }
}
