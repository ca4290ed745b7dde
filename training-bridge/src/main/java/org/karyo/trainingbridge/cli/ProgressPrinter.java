package org.karyo.trainingbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Locale;
import org.karyo.trainingbridge.TrainingEvent;
import org.karyo.trainingbridge.TrainingListener;

/** Turns the trainer's events into progress lines; step lines at most every two seconds. */
final class ProgressPrinter implements TrainingListener {

    private static final long STEP_INTERVAL_NS = 2_000_000_000L;

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean verbose;
    private long lastStepLine = Long.MIN_VALUE;

    ProgressPrinter(PrintWriter out, PrintWriter err, boolean verbose) {
        this.out = out;
        this.err = err;
        this.verbose = verbose;
    }

    @Override
    public void onEvent(TrainingEvent e) {
        JsonNode d = e.data();
        switch (e.type()) {
            case TrainingEvent.START -> {
                JsonNode ds = d.path("dataset");
                out.println(String.format(
                        Locale.ROOT,
                        "training on %s train / %s validation images (%s instances, "
                                + "split: %s), device %s, %s threads%s",
                        ds.path("train_images").asText("?"),
                        ds.path("val_images").asText("?"),
                        ds.path("instances").asText("?"),
                        ds.path("split").asText("?"),
                        d.path("device").asText("?"),
                        d.path("threads").asText("?"),
                        d.path("resumed_from_step").asLong(0) > 0
                                ? ", resumed from step "
                                        + d.path("resumed_from_step").asLong()
                                : ""));
            }
            case TrainingEvent.STEP -> {
                long now = System.nanoTime();
                boolean last = d.path("step").asLong() == d.path("steps_total").asLong(-1);
                if (verbose || last || lastStepLine == Long.MIN_VALUE || now - lastStepLine >= STEP_INTERVAL_NS) {
                    lastStepLine = now;
                    JsonNode l = d.path("loss");
                    out.println(String.format(
                            Locale.ROOT,
                            "epoch %s  step %s/%s  loss %s (saliency %s, cls %s, "
                                    + "reg %s)  lr %s  %s s/step  ETA %s",
                            d.path("epoch").asText("?"),
                            d.path("step").asText("?"),
                            d.path("steps_total").asText("?"),
                            num(l.path("total"), "%.4f"),
                            num(l.path("saliency"), "%.4f"),
                            num(l.path("cls"), "%.4f"),
                            num(l.path("reg"), "%.4f"),
                            num(d.path("lr"), "%.2e"),
                            num(d.path("sec_per_step"), "%.2f"),
                            duration(d.path("eta_s"))));
                }
            }
            case TrainingEvent.VALIDATION -> {
                JsonNode m = d.path("metrics");
                out.println(String.format(
                        Locale.ROOT,
                        "validation (epoch %s, step %s): loss %s  AP %s  F1 %s  " + "precision %s  recall %s  mFPs %s",
                        d.path("epoch").asText("?"),
                        d.path("step").asText("?"),
                        num(m.path("loss"), "%.4f"),
                        pct(m.path("ap")),
                        pct(m.path("f1")),
                        pct(m.path("precision")),
                        pct(m.path("recall")),
                        num(m.path("mfps"), "%.2f")));
            }
            case TrainingEvent.CHECKPOINT -> out.println(
                    "checkpoint" + (d.path("best").asBoolean() ? " (best so far)" : "") + ": "
                            + d.path("path").asText("?"));
            case TrainingEvent.EXPORT -> out.println(String.format(
                    Locale.ROOT,
                    "exported %s (%.1f MB)",
                    d.path("path").asText("?"),
                    d.path("bytes").asDouble() / 1e6));
            case TrainingEvent.DONE -> out.println("trainer done: "
                    + d.path("status").asText("?") + " at step "
                    + d.path("step").asText("?") + ", best validation loss " + num(d.path("best_val_loss"), "%.4f"));
            case TrainingEvent.ERROR -> err.println(
                    "trainer error: " + d.path("message").asText("?"));
            case TrainingEvent.LOG -> {
                if (verbose) {
                    err.println("  | " + e.line());
                }
            }
            default -> {
                if (verbose) {
                    err.println("  | " + e.line());
                }
            }
        }
        out.flush();
        err.flush();
    }

    static String num(JsonNode n, String pattern) {
        return n.isNumber() ? String.format(Locale.ROOT, pattern, n.asDouble()) : "?";
    }

    /** Metrics are fractions in [0, 1], as in the Java evaluation report. */
    static String pct(JsonNode n) {
        return n.isNumber() ? String.format(Locale.ROOT, "%.1f %%", 100 * n.asDouble()) : "?";
    }

    static String duration(JsonNode seconds) {
        if (!seconds.isNumber()) {
            return "?";
        }
        long s = Math.round(seconds.asDouble());
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
        }
        return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
