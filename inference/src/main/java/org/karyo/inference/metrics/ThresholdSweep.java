package org.karyo.inference.metrics;

import java.util.Arrays;
import java.util.List;

/**
 * Lowers the score threshold through all predictions of all images at once (highest first) and
 * keeps every metric's running totals, so the metrics at each distinct score cost O(1) each and
 * the whole PR curve O(n log n). Relies on the prefix property of {@link ImageMatching}.
 * Tied scores are taken together: a threshold admits all of them or none.
 */
final class ThresholdSweep {

    private final List<ImageMatching> images;
    private final int totalGt;
    // All predictions, ranked by score descending: owning image and rank within it.
    private final int[] image;
    private final int[] rank;
    private final double[] score;
    private final int[] taken;
    private final int[] takenTp;
    private int next;

    private int tp, fp;
    private double sumU;
    private int fullRecall, wholeRight, exactCount;
    private long absCountError;

    ThresholdSweep(List<ImageMatching> images) {
        this.images = images;
        int n = 0, gt = 0;
        for (ImageMatching m : images) {
            n += m.ranked().size();
            gt += m.gtCount();
        }
        this.totalGt = gt;
        Integer[] order = new Integer[n];
        int[] img = new int[n], rk = new int[n];
        double[] sc = new double[n];
        int j = 0;
        for (int i = 0; i < images.size(); i++) {
            for (int r = 0; r < images.get(i).ranked().size(); r++, j++) {
                img[j] = i;
                rk[j] = r;
                sc[j] = images.get(i).ranked().get(r).score();
                order[j] = j;
            }
        }
        // Stable: within an image equal scores stay in matching order, so ranks are taken in order.
        Arrays.sort(order, (a, b) -> Double.compare(sc[b], sc[a]));
        image = new int[n];
        rank = new int[n];
        score = new double[n];
        for (int k = 0; k < n; k++) {
            image[k] = img[order[k]];
            rank[k] = rk[order[k]];
            score[k] = sc[order[k]];
        }
        taken = new int[images.size()];
        takenTp = new int[images.size()];
        for (int i = 0; i < images.size(); i++) {
            addImage(i, +1);
        }
    }

    int totalGt() {
        return totalGt;
    }

    int totalPredictions() {
        return score.length;
    }

    boolean hasNext() {
        return next < score.length;
    }

    double nextScore() {
        return score[next];
    }

    /** Admits every prediction scoring exactly {@link #nextScore()}. */
    void takeGroup() {
        double s = score[next];
        while (next < score.length && score[next] == s) {
            take(next++);
        }
    }

    /** Admits all predictions scoring >= t. */
    void advanceTo(double t) {
        while (hasNext() && nextScore() >= t) {
            takeGroup();
        }
    }

    private void take(int k) {
        int i = image[k];
        ImageMatching m = images.get(i);
        addImage(i, -1);
        taken[i]++;
        if (m.truePositive(rank[k])) {
            takenTp[i]++;
            tp++;
            sumU += m.overlapDegree(rank[k]);
        } else {
            fp++;
        }
        addImage(i, +1);
    }

    /** Adds (sign +1) or removes (-1) image i's contribution to the per-image totals. */
    private void addImage(int i, int sign) {
        int gt = images.get(i).gtCount();
        int fnI = gt - takenTp[i];
        int fpI = taken[i] - takenTp[i];
        fullRecall += sign * (fnI == 0 ? 1 : 0);
        wholeRight += sign * (fnI == 0 && fpI == 0 ? 1 : 0);
        exactCount += sign * (taken[i] == gt ? 1 : 0);
        absCountError += (long) sign * Math.abs(taken[i] - gt);
    }

    double precision() {
        return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    }

    double recall() {
        return (double) tp / totalGt;
    }

    /** Sum over images of |predicted count - true count|; lower is better. */
    long absCountError() {
        return absCountError;
    }

    int exactCounts() {
        return exactCount;
    }

    double f1() {
        int fn = totalGt - tp;
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    ThresholdMetrics snapshot(double threshold) {
        int n = images.size();
        int fn = totalGt - tp;
        return new ThresholdMetrics(
                threshold,
                tp + fp,
                tp,
                fp,
                fn,
                precision(),
                recall(),
                f1(),
                (double) fp / n,
                tp == 0 ? 0 : sumU / tp,
                fullRecall,
                (double) wholeRight / n,
                (double) (fp + fn) / totalGt,
                (double) absCountError / n,
                (double) exactCount / n);
    }
}
