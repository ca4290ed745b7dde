package org.karyo.inference.detect;

/** Wall time of each detection stage, in nanoseconds. */
public record StageTimings(long load, long preprocess, long model, long decode, long nms) {

    public long postprocess() {
        return decode + nms;
    }

    public long total() {
        return load + preprocess + model + decode + nms;
    }

    public static double ms(long nanos) {
        return nanos / 1e6;
    }
}
