package org.karyo.inference.metrics;

/**
 * Detection and counting metrics at one score threshold (predictions scoring >= threshold count).
 * Ratios are fractions in [0, 1]. Conventions for empty denominators: precision 0 with no
 * predictions (sklearn's zero_division=0), mOD 0 with no true positives.
 *
 * @param mFPs false positives per image (DeepCHM)
 * @param mOD mean over true positives of u = max IoU / sum of IoUs over all gts (DeepCHM)
 * @param imagesFullRecall images without a false negative (recall 100 %; vacuously so without gt)
 * @param wcr share of images with FP = FN = 0 (DeepACEv2 "whole cell right")
 * @param aer (FP + FN) / number of gt (DeepACEv2 "average error rate")
 * @param meanAbsCountError mean over images of |#predictions - #gt|
 * @param countExactShare share of images where #predictions = #gt
 */
public record ThresholdMetrics(
        double threshold,
        int predictions,
        int tp,
        int fp,
        int fn,
        double precision,
        double recall,
        double f1,
        double mFPs,
        double mOD,
        int imagesFullRecall,
        double wcr,
        double aer,
        double meanAbsCountError,
        double countExactShare) {}
