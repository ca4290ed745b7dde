package org.karyo.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.pdfbox.Loader;
import org.karyo.app.Workspace;
import org.karyo.app.bench.BenchCase;
import org.karyo.app.report.ReportAuditEntry;
import org.karyo.app.report.ReportCase;
import org.karyo.app.report.ReportPdf;
import org.karyo.app.report.StoreReportSource;
import org.karyo.app.store.Cell;
import org.karyo.core.geometry.RotatedBox;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code karyo bench-report}: how long the case report takes, from the store to the saved PDF,
 * for cases of 20 and 50 reviewed cells (camera-sized demo cells, about 46 boxes each, a review
 * trail of a few edits per cell). Uses a throw-away data folder.
 */
@Command(
        name = "bench-report",
        mixinStandardHelpOptions = true,
        description = {
            "Measures the report: reading the case and its audit trail from the store and writing the PDF,",
            "for cases of --cells reviewed cells (default 20 and 50). Uses a throw-away data folder."
        })
public final class BenchReportCommand implements Callable<Integer> {

    @Option(
            names = "--cells",
            split = ",",
            defaultValue = "20,50",
            description = "case sizes (default ${DEFAULT-VALUE})")
    int[] cells;

    @Option(names = "--width", defaultValue = "1600", description = "image width (default ${DEFAULT-VALUE})")
    int width;

    @Option(names = "--height", defaultValue = "1200", description = "image height (default ${DEFAULT-VALUE})")
    int height;

    @Option(
            names = "--runs",
            defaultValue = "5",
            description = "timed runs per size after one warm-up (default ${DEFAULT-VALUE})")
    int runs;

    @Option(
            names = "--audit",
            defaultValue = "APPENDIX",
            description =
                    "audit trail in the report: APPENDIX, SEPARATE (own PDF, timed too) or NONE (default ${DEFAULT-VALUE})")
    ReportPdf.AuditPlacement audit;

    @Option(
            names = "--cold",
            description =
                    "forget the scaled images before every run (each report decodes every image, as the first of a"
                            + " session does); default: only the warm-up run is cold")
    boolean cold;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path demo = Path.of(System.getProperty("karyo.home", ".")).resolve("assets/demo/DEMO-0001");
        if (!Files.isDirectory(demo)) {
            spec.commandLine().getErr().println("bench-report: the demo case is missing: " + demo);
            return 2;
        }
        Path dir = Files.createTempDirectory("karyo-bench-report");
        try (Workspace ws = Workspace.open(dir.resolve("data"), "bench", null, false)) {
            ws.store().users().setFullName("bench", "Bench Reviewer");
            out.printf(
                    "report, %dx%d cells, %d cores, audit %s; median of %d %s runs after a warm-up%n",
                    width,
                    height,
                    Runtime.getRuntime().availableProcessors(),
                    audit,
                    runs,
                    cold ? "cold (images decoded every run)" : "warm (scaled images kept from the warm-up)");
            for (int n : cells) {
                long caseId = BenchCase.create(ws.store(), demo, n, width, height, dir.resolve("images-" + n));
                review(ws, caseId);
                double[] ms = new double[runs];
                double[] loadMs = new double[runs], figuresMs = new double[runs], cpuMs = new double[runs];
                double loadAvg = java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage();
                int pages = 0;
                long bytes = 0;
                double firstMs = 0;
                org.karyo.app.report.FigureCache.clear();
                for (int r = -1; r < runs; r++) {
                    if (cold) {
                        org.karyo.app.report.FigureCache.clear();
                    }
                    Path pdf = dir.resolve("report-" + n + ".pdf");
                    long cpu0 = cpuNanos();
                    long t0 = System.nanoTime();
                    long[] marks = new long[2];
                    try (StoreReportSource src = StoreReportSource.of(ws.store(), ws.dir())) {
                        ReportCase rc = src.load(caseId);
                        List<ReportAuditEntry> trail = src.auditByName(caseId);
                        marks[0] = System.nanoTime();
                        ReportPdf.write(rc, trail, List.of(), pdf, Instant.now(), audit, (what, done, total) -> {
                            if (what.startsWith("Saving")) {
                                marks[1] = System.nanoTime();
                            }
                        });
                        if (audit == ReportPdf.AuditPlacement.SEPARATE) {
                            ReportPdf.writeAudit(rc, trail, dir.resolve("audit-" + n + ".pdf"), Instant.now());
                        }
                    }
                    if (r < 0) {
                        firstMs = (System.nanoTime() - t0) / 1e6;
                    } else {
                        ms[r] = (System.nanoTime() - t0) / 1e6;
                        cpuMs[r] = (cpuNanos() - cpu0) / 1e6;
                        loadMs[r] = (marks[0] - t0) / 1e6;
                        figuresMs[r] = (marks[1] - marks[0]) / 1e6;
                    }
                    try (var doc = Loader.loadPDF(pdf.toFile())) {
                        pages = doc.getNumberOfPages();
                    }
                    bytes = Files.size(pdf);
                }
                double[] sorted = ms.clone();
                Arrays.sort(sorted);
                out.printf(
                        "  %3d cells: median %6.0f ms (min %.0f, max %.0f), %d pages, %.1f MB; of which reading the "
                                + "store %.0f ms, pages and figures %.0f ms, saving the rest; CPU time %.0f ms (all threads); "
                                + "load average %.1f; first (cold) run %.0f ms%n",
                        n,
                        sorted[sorted.length / 2],
                        sorted[0],
                        sorted[sorted.length - 1],
                        pages,
                        bytes / 1e6,
                        median(loadMs),
                        median(figuresMs),
                        median(cpuMs),
                        loadAvg,
                        firstMs);
                out.flush();
            }
            return 0;
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    /** CPU time of this process, all threads (the report's own work, whatever else the machine runs). */
    private static long cpuNanos() {
        return ProcessHandle.current()
                .info()
                .totalCpuDuration()
                .map(java.time.Duration::toNanos)
                .orElse(0L);
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /** A reviewer's trail: each cell gets a box added and one moved, and is marked reviewed. */
    private static void review(Workspace ws, long caseId) {
        List<Cell> list = new ArrayList<>(ws.store().cells().list(caseId));
        for (Cell c : list) {
            var boxes = ws.store().boxes().list(c.id());
            ws.store().boxes().add(c.id(), RotatedBox.of(30, 30, 40, 8, 90), "box.add");
            if (!boxes.isEmpty()) {
                var b = boxes.get(0);
                ws.store()
                        .boxes()
                        .move(
                                java.util.Map.of(b.id(), b.geometry().translated(2, 1)),
                                java.util.Map.of(b.id(), b.version()),
                                "box.move");
            }
            ws.store().cells().markReviewed(c.id());
        }
    }
}
