package org.karyo.app.reliability;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Outcomes of one fuzz campaign: how many inputs were accepted, refused with a message naming the
 * file, and the failures (a crash: any exception other than the reader's own; a hang: over the
 * time limit; a refusal whose message does not name the file; a truncated file accepted), each
 * kept with its file so a run can be reproduced.
 */
final class FuzzTally {

    /** What the code under test did with one input. */
    interface Probe {
        /** Returns null when the input was accepted, else the refusal message. */
        String run(Path file) throws Exception;
    }

    /** Exceptions that are the readers' own refusals. */
    interface Refusal {
        boolean is(Throwable t);
    }

    final String what;
    final Map<String, Integer> byMutation = new TreeMap<>();
    final List<String> failures = new ArrayList<>();
    /** Every refusal, "file: message", for tallies small enough to print them all. */
    final List<String> refusals = new ArrayList<>();

    int inputs, accepted, refused, crashes, hangs, unnamed, silentTruncated;
    double slowestSeconds;
    String slowest = "";
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fuzz");
        t.setDaemon(true);
        return t;
    });

    FuzzTally(String what) {
        this.what = what;
    }

    /**
     * Runs {@code probe} on {@code file} with a time limit and files the outcome.
     *
     * @param mustRefuse the input is known to be unusable (a truncated image, a tampered or broken
     *                   model): accepting it is a failure
     */
    void probe(Path file, String mutation, boolean mustRefuse, double limitSeconds, Refusal refusal, Probe probe) {
        inputs++;
        byMutation.merge(mutation, 1, Integer::sum);
        long t0 = System.nanoTime();
        Future<String> f = pool.submit(() -> probe.run(file));
        try {
            String message = f.get((long) (limitSeconds * 1000), TimeUnit.MILLISECONDS);
            if (message == null) {
                accepted++;
                if (mustRefuse) {
                    silentTruncated++;
                    failures.add("accepted although it must be refused: " + file + " (" + mutation + ")");
                }
            } else {
                countRefusal(file, mutation, message);
            }
        } catch (TimeoutException e) {
            f.cancel(true);
            hangs++;
            failures.add("hang (> " + limitSeconds + " s): " + file + " (" + mutation + ")");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (refusal.is(c)) {
                countRefusal(file, mutation, c.getMessage());
            } else {
                crashes++;
                failures.add("crash " + c + ": " + file + " (" + mutation + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        if (s > slowestSeconds) {
            slowestSeconds = s;
            slowest = file.getFileName() + " (" + mutation + ")";
        }
    }

    private void countRefusal(Path file, String mutation, String message) {
        refused++;
        refusals.add(mutation + ": " + message);
        if (message == null || !message.contains(file.getFileName().toString())) {
            unnamed++;
            failures.add("message without the file name: '" + message + "' for " + file + " (" + mutation + ")");
        }
    }

    int failed() {
        return crashes + hangs + unnamed + silentTruncated;
    }

    String summary() {
        return String.format(
                java.util.Locale.ROOT,
                "%s: %d inputs, %d accepted, %d refused naming the file; %d crashes, %d hangs, %d messages without "
                        + "the file name, %d accepted that must be refused (truncated images, broken models); slowest %.2f s (%s); mutations %s",
                what,
                inputs,
                accepted,
                refused,
                crashes,
                hangs,
                unnamed,
                silentTruncated,
                slowestSeconds,
                slowest,
                byMutation);
    }
}
