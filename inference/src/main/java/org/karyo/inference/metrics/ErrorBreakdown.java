package org.karyo.inference.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.karyo.core.geometry.AxisBox;
import org.karyo.core.geometry.SkewIou;
import org.karyo.core.groundtruth.GroundTruthObject;
import org.karyo.inference.detect.Detection;

/**
 * Why one image's errors at a score threshold are errors: WCR and AER say how many, this says
 * what kind, which decides what to train or fix next. Each false positive is a
 * <ul>
 *   <li>duplicate: IoU >= 0.5 with a chromosome a higher-scoring box already took;</li>
 *   <li>merged: covers two or more chromosomes (>= 25 % of its area on each of two);</li>
 *   <li>fragment: lies mostly on one chromosome (>= 60 % of its area) but too small for IoU 0.5:
 *       a single chromatid, an arm, a piece of a bent chromosome;</li>
 *   <li>misplaced: any other box overlapping a chromosome (IoU >= 0.1);</li>
 *   <li>background: on nothing annotated (debris, a nucleus, a missing annotation).</li>
 * </ul>
 * and each false negative is boxed wrongly (a box scoring >= the threshold overlaps it at IoU
 * >= 0.1: it was seen, merged with a neighbour or split) or missed (nothing overlaps it).
 */
public record ErrorBreakdown(
        String image,
        int groundTruth,
        int predicted,
        int tp,
        int duplicate,
        int merged,
        int fragment,
        int misplaced,
        int background,
        int boxedWrongly,
        int missed) {

    static final double TOUCH_IOU = 0.1;
    static final double ON_CHROMOSOME = 0.6;
    static final double ON_EACH_OF_TWO = 0.25;

    public int fp() {
        return duplicate + merged + fragment + misplaced + background;
    }

    public int fn() {
        return boxedWrongly + missed;
    }

    /** Whole cell right (DeepACEv2's WCR counts these). */
    public boolean wholeCellRight() {
        return fp() == 0 && fn() == 0;
    }

    /** Each image's breakdown with the predictions scoring >= t (same matching as every metric). */
    public static List<ErrorBreakdown> of(List<ImageEvaluation> images, double t) {
        List<ErrorBreakdown> out = new ArrayList<>(images.size());
        for (ImageEvaluation e : images) {
            out.add(of(e, ImageMatching.match(e), t));
        }
        return out;
    }

    static ErrorBreakdown of(ImageEvaluation e, ImageMatching m, double t) {
        List<GroundTruthObject> gts = e.gt().objects();
        boolean horizontal = e.horizontal();
        boolean[] found = new boolean[gts.size()];
        boolean[] touched = new boolean[gts.size()];
        int tp = 0, predicted = 0;
        int[] kinds = new int[5]; // duplicate, merged, fragment, misplaced, background
        // ranked is score-descending: the predictions >= t are a prefix, matched as in every metric
        for (int i = 0; i < m.ranked().size() && m.ranked().get(i).score() >= t; i++) {
            predicted++;
            Detection d = m.ranked().get(i);
            double maxIou = 0;
            int onChromosome = 0, overHalf = 0;
            double area = horizontal ? d.box().bounds().area() : d.box().area();
            for (int g = 0; g < gts.size(); g++) {
                double iou = ImageMatching.iou(d, gts.get(g), horizontal);
                maxIou = Math.max(maxIou, iou);
                if (iou >= TOUCH_IOU) {
                    touched[g] = true;
                }
                double share = area > 0 ? intersection(d, gts.get(g), horizontal) / area : 0;
                onChromosome += share >= ON_EACH_OF_TWO ? 1 : 0;
                overHalf += share >= ON_CHROMOSOME ? 1 : 0;
            }
            if (m.truePositive(i)) {
                tp++;
                found[m.matchedGt(i)] = true;
            } else if (maxIou >= ImageMatching.IOU_THRESHOLD) {
                kinds[0]++;
            } else if (onChromosome >= 2) {
                kinds[1]++;
            } else if (overHalf >= 1) {
                kinds[2]++;
            } else if (maxIou >= TOUCH_IOU) {
                kinds[3]++;
            } else {
                kinds[4]++;
            }
        }
        int boxedWrongly = 0, missed = 0;
        for (int g = 0; g < gts.size(); g++) {
            if (!found[g]) {
                if (touched[g]) {
                    boxedWrongly++;
                } else {
                    missed++;
                }
            }
        }
        return new ErrorBreakdown(
                e.gt().name(),
                gts.size(),
                predicted,
                tp,
                kinds[0],
                kinds[1],
                kinds[2],
                kinds[3],
                kinds[4],
                boxedWrongly,
                missed);
    }

    private static double intersection(Detection d, GroundTruthObject gt, boolean horizontal) {
        if (!horizontal) {
            return SkewIou.intersectionArea(d.box(), gt.box());
        }
        AxisBox a = d.box().bounds(), b = gt.axisOrBounds();
        double iw = Math.min(a.x2(), b.x2()) - Math.max(a.x1(), b.x1());
        double ih = Math.min(a.y2(), b.y2()) - Math.max(a.y1(), b.y1());
        return iw > 0 && ih > 0 ? iw * ih : 0;
    }

    /** Totals over images, with how many images are one error away from whole-cell right. */
    public static String summary(List<ErrorBreakdown> rows) {
        int dup = 0, merged = 0, frag = 0, mis = 0, bg = 0, wrong = 0, missed = 0, right = 0, oneOff = 0;
        for (ErrorBreakdown r : rows) {
            dup += r.duplicate;
            merged += r.merged;
            frag += r.fragment;
            mis += r.misplaced;
            bg += r.background;
            wrong += r.boxedWrongly;
            missed += r.missed;
            right += r.wholeCellRight() ? 1 : 0;
            oneOff += r.fp() + r.fn() == 1 ? 1 : 0;
        }
        return String.format(
                Locale.ROOT,
                "false positives %d: %d duplicate, %d merged, %d fragment, %d misplaced, "
                        + "%d background%nfalse negatives %d: %d boxed wrongly, %d missed%n"
                        + "images whole-cell right %d/%d, one error away %d",
                dup + merged + frag + mis + bg,
                dup,
                merged,
                frag,
                mis,
                bg,
                wrong + missed,
                wrong,
                missed,
                right,
                rows.size(),
                oneOff);
    }
}
