package org.karyo.inference.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.karyo.inference.bench.NmsBenchmark;
import org.karyo.inference.bench.PostprocessBenchmark;
import org.karyo.inference.bench.Stats;
import org.karyo.inference.detect.DetectionResult;
import org.karyo.inference.detect.Detector;
import org.karyo.inference.detect.StageTimings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code karyo bench}: time every detection stage, post-processing at real density, and NMS against OpenCV. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmark: per-stage times on images, post-processing vs model time, Java vs OpenCV skew-NMS.")
final class BenchCommand implements Callable<Integer> {

    /** Regression noise of the ideal detector: 2 % of the anchor size, about a pixel at 512x768. */
    static final double DELTA_NOISE = 0.02;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(names = "--images", paramLabel = "DIR", description = "images to time the whole pipeline on")
    List<Path> images = new ArrayList<>();

    @Option(names = "--runs", description = "timed runs per image (after one warm-up), default ${DEFAULT-VALUE}")
    int runs = 3;

    @Option(
            names = "--layouts",
            paramLabel = "DIR",
            description = "LabelMe folder whose chromosome layouts drive the post-processing benchmark "
                    + "(default: synthetic 46-chromosome spreads)")
    Path layouts;

    @Option(
            names = "--nms-sizes",
            split = ",",
            description = "box counts for the NMS comparison, default ${DEFAULT-VALUE}")
    int[] nmsSizes = {2000, 20000};

    @Option(names = "--json", paramLabel = "FILE", description = "also write the figures as JSON")
    Path json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("cores", Runtime.getRuntime().availableProcessors());
        report.put("java", System.getProperty("java.version"));
        try (Detector detector = Detectors.open(model, err, false)) {
            report.put("model", detector.info().label() + (detector.info().trained() ? "" : " (untrained)"));
            report.put(
                    "input",
                    detector.info().inputHeight() + "x" + detector.info().inputWidth());
            report.put("provider", detector.model().provider());
            double modelMs = pipeline(detector, out, report);
            postprocess(detector, modelMs, out, report);
        } catch (CliFailure e) {
            err.println(e.getMessage());
            return e.exitCode;
        }
        nms(out, report);
        if (json != null) {
            try {
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
            } catch (IOException e) {
                err.println("cannot write " + json + ": " + e.getMessage());
                return ExitCodes.SOME_FAILED;
            }
        }
        return ExitCodes.OK;
    }

    /** Whole pipeline on real images; returns the median model time (ms), or NaN without images. */
    private double pipeline(Detector detector, PrintWriter out, Map<String, Object> report) {
        List<Path> files = ImageFiles.expand(images);
        out.printf(
                "== Pipeline on %d image(s), %d timed run(s) each, model %s on %s ==%n",
                files.size(), runs, report.get("model"), report.get("provider"));
        if (files.isEmpty()) {
            out.println("(no --images given: pipeline stages not timed)");
            return Double.NaN;
        }
        List<long[]> stages = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            stages.add(new long[files.size() * runs]);
        }
        int k = 0;
        int locations = 0, candidates = 0;
        for (Path f : files) {
            try {
                detector.detect(f); // warm-up
                for (int r = 0; r < runs; r++, k++) {
                    DetectionResult res = detector.detect(f);
                    StageTimings t = res.timings();
                    long[] v = {t.load(), t.preprocess(), t.model(), t.decode(), t.nms()};
                    for (int s = 0; s < 5; s++) {
                        stages.get(s)[k] = v[s];
                    }
                    locations = Math.max(locations, res.locations());
                    candidates = Math.max(candidates, res.candidates());
                }
            } catch (Exception e) {
                throw new CliFailure(ExitCodes.SOME_FAILED, f + ": " + e.getMessage());
            }
        }
        String[] names = {"load", "preprocess", "model", "SGAch+decode", "NMS"};
        Map<String, Object> m = new LinkedHashMap<>();
        for (int s = 0; s < 5; s++) {
            Stats st = Stats.of(stages.get(s));
            m.put(names[s], st);
            out.printf("  %-13s %s%n", names[s], st);
        }
        double modelMs = ((Stats) m.get("model")).medianMs();
        double post = ((Stats) m.get("SGAch+decode")).medianMs() + ((Stats) m.get("NMS")).medianMs();
        out.printf(
                "  post-processing / model = %.2f %%  (max %d SGAch locations, %d candidates per image)%n",
                100 * post / modelMs, locations, candidates);
        if (!detector.info().trained()) {
            out.println("  note: an untrained model's maps are not those of a real detector; see the next section");
        }
        m.put("postprocess_over_model_percent", 100 * post / modelMs);
        report.put("pipeline", m);
        return modelMs;
    }

    private void postprocess(Detector detector, double modelMs, PrintWriter out, Map<String, Object> report) {
        List<PostprocessBenchmark.Layout> spreads = new ArrayList<>();
        if (layouts != null) {
            spreads.addAll(Layouts.fromLabelMe(layouts));
        } else {
            for (long s = 1; s <= 5; s++) {
                spreads.add(PostprocessBenchmark.syntheticSpread(s));
            }
        }
        out.printf(
                "%n== Post-processing at real density: %d spread(s) from %s, maps of an ideal detector ==%n",
                spreads.size(), layouts != null ? layouts : "synthetic 46-chromosome layouts");
        List<Object> rows = new ArrayList<>();
        long[] totals = new long[spreads.size()];
        for (int i = 0; i < spreads.size(); i++) {
            PostprocessBenchmark.Result r = PostprocessBenchmark.run(spreads.get(i), detector.info(), DELTA_NOISE, i);
            totals[i] = (long) (r.total().medianMs() * 1e6);
            rows.add(r);
            out.printf(
                    "  %-28s chromosomes %3d  locations %4d  candidates %6d  kept %3d  decode %s  NMS %s%n",
                    spreads.get(i).name(),
                    r.chromosomes(),
                    r.locations(),
                    r.candidates(),
                    r.kept(),
                    r.decode(),
                    r.nms());
        }
        Stats total = Stats.of(totals);
        out.printf("  SGAch+decode+NMS median per spread: %.3f ms", total.medianMs());
        if (!Double.isNaN(modelMs)) {
            out.printf("  = %.2f %% of model time (%.1f ms)", 100 * total.medianMs() / modelMs, modelMs);
        }
        out.println();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("spreads", rows);
        m.put("median_total_ms", total.medianMs());
        m.put("percent_of_model", Double.isNaN(modelMs) ? null : 100 * total.medianMs() / modelMs);
        report.put("postprocess_real_density", m);
    }

    private void nms(PrintWriter out, Map<String, Object> report) {
        out.printf("%n== Skew-NMS at IoU 0.2: Java (grid), Java (plain), OpenCV Dnn.NMSBoxesRotated ==%n");
        List<Object> rows = new ArrayList<>();
        for (NmsBenchmark.Layout layout : NmsBenchmark.Layout.values()) {
            for (int n : nmsSizes) {
                NmsBenchmark.Result r = NmsBenchmark.run(layout, n, 0.2, n);
                rows.add(r);
                out.printf(
                        "  %-9s %6d boxes: kept %5d  Java grid %s  Java plain %s  OpenCV %s  -> %.0fx faster than OpenCV%s%n",
                        layout.name().toLowerCase(java.util.Locale.ROOT),
                        n,
                        r.kept(),
                        r.javaGrid(),
                        r.javaPlain(),
                        r.openCv(),
                        r.speedupOverOpenCv(),
                        r.sameKeepSet()
                                ? ", same keep set"
                                : ", keep sets differ (OpenCV's float32/containment rules)");
                out.flush();
            }
        }
        report.put("nms", rows);
    }
}
