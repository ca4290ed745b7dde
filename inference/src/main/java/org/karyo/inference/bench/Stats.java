package org.karyo.inference.bench;

import java.util.Arrays;

/** Median and minimum of repeated timings, in milliseconds. */
public record Stats(double medianMs, double minMs, int runs) {

    public static Stats of(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        double med = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
        return new Stats(med / 1e6, s[0] / 1e6, s.length);
    }

    /** Times {@code task} {@code runs} times after {@code warmup} untimed runs. */
    public static Stats time(int warmup, int runs, Runnable task) {
        for (int i = 0; i < warmup; i++) {
            task.run();
        }
        long[] t = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            task.run();
            t[i] = System.nanoTime() - t0;
        }
        return of(t);
    }

    @Override
    public String toString() {
        return String.format("%.3f ms (min %.3f, n=%d)", medianMs, minMs, runs);
    }
}
