package org.karyo.inference.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.karyo.core.groundtruth.GroundTruthObject;
import org.karyo.inference.detect.Detection;

/**
 * Greedy matching of one image's predictions to its ground truth (DeepACEv2 rule): predictions in
 * descending score order each take the not-yet-matched gt with the highest IoU, a true positive if
 * that IoU is at least {@link #IOU_THRESHOLD}; every gt is matched at most once.
 *
 * <p>Since a prediction's fate depends only on the predictions ranked above it, the matching of
 * the predictions scoring >= t is a prefix of this one for every t: one pass serves every
 * threshold (the best-F1 sweep relies on it; TestBestThreshold checks it by re-matching).
 */
public final class ImageMatching {

    public static final double IOU_THRESHOLD = 0.5;

    private final List<Detection> ranked;
    private final int[] matchedGt;
    private final double[] overlapDegree;
    private final int gtCount;

    private ImageMatching(List<Detection> ranked, int[] matchedGt, double[] overlapDegree, int gtCount) {
        this.ranked = ranked;
        this.matchedGt = matchedGt;
        this.overlapDegree = overlapDegree;
        this.gtCount = gtCount;
    }

    public static ImageMatching match(ImageEvaluation image) {
        List<GroundTruthObject> gts = image.gt().objects();
        // Stable sort: equal scores keep their input order, so results are reproducible.
        List<Detection> ranked = new ArrayList<>(image.predictions());
        ranked.sort(Comparator.comparingDouble(Detection::score).reversed());
        int n = ranked.size();
        int[] matched = new int[n];
        double[] u = new double[n];
        boolean[] taken = new boolean[gts.size()];
        for (int p = 0; p < n; p++) {
            double best = -1, max = 0, sum = 0;
            int bestGt = -1;
            for (int g = 0; g < gts.size(); g++) {
                double iou = iou(ranked.get(p), gts.get(g), image.horizontal());
                max = Math.max(max, iou);
                sum += iou;
                if (!taken[g] && iou > best) {
                    best = iou;
                    bestGt = g;
                }
            }
            // u = max IoU / sum of IoUs over all gts: 1 when the box overlaps one chromosome only.
            u[p] = sum > 0 ? max / sum : 0;
            if (bestGt >= 0 && best >= IOU_THRESHOLD) {
                taken[bestGt] = true;
                matched[p] = bestGt;
            } else {
                matched[p] = -1;
            }
        }
        return new ImageMatching(List.copyOf(ranked), matched, u, gts.size());
    }

    /** Skew-IoU against the rotated gt; horizontal IoU of the prediction's bounds for box-only gt. */
    static double iou(Detection d, GroundTruthObject gt, boolean horizontal) {
        return horizontal ? d.box().bounds().iou(gt.axisOrBounds()) : d.box().iou(gt.box());
    }

    /** Predictions in matching order (score descending). */
    public List<Detection> ranked() {
        return ranked;
    }

    /** Index of the gt object the i-th ranked prediction matched, or -1 for a false positive. */
    public int matchedGt(int i) {
        return matchedGt[i];
    }

    public boolean truePositive(int i) {
        return matchedGt[i] >= 0;
    }

    /** u of the i-th ranked prediction (max IoU / sum of IoUs over all gts; 0 if it touches none). */
    public double overlapDegree(int i) {
        return overlapDegree[i];
    }

    public int gtCount() {
        return gtCount;
    }
}
