package org.karyo.inference.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.karyo.core.geometry.RotatedBox;
import org.karyo.core.groundtruth.GroundTruthImage;
import org.karyo.core.groundtruth.GroundTruthObject;
import org.karyo.inference.detect.Detection;

/**
 * The single-pass sweep against brute force: at every distinct score, re-match only the
 * predictions scoring at least that much, count everything by hand, and compare.
 */
class TestBestThreshold {

    private static final double EPS = 1e-12;

    @Test
    void sweepEqualsRematchingAtEveryThreshold() {
        for (long seed = 1; seed <= 5; seed++) {
            List<ImageEvaluation> images = randomImages(new Random(seed), 25);
            EvaluationReport report = Evaluator.evaluate(images, 0.5);
            List<ImageMatching> full = images.stream().map(ImageMatching::match).toList();

            TreeSet<Double> scores = new TreeSet<>();
            images.forEach(i -> i.predictions().forEach(d -> scores.add(d.score())));
            assertTrue(
                    scores.size()
                            < images.stream()
                                    .mapToInt(i -> i.predictions().size())
                                    .sum(),
                    "the data must contain tied scores");

            ThresholdMetrics best = null;
            ThresholdMetrics bestCount = null;
            List<double[]> curve = new ArrayList<>();
            for (double t : scores.descendingSet()) {
                ThresholdMetrics brute = bruteForce(images, full, t);
                assertSame(brute, Evaluator.metricsAt(full, t), "seed " + seed + " t " + t);
                if (best == null || brute.f1() > best.f1()) {
                    best = brute;
                }
                if (bestCount == null
                        || brute.meanAbsCountError() < bestCount.meanAbsCountError() - EPS
                        || (Math.abs(brute.meanAbsCountError() - bestCount.meanAbsCountError()) <= EPS
                                && brute.countExactShare() > bestCount.countExactShare() + EPS)) {
                    bestCount = brute;
                }
                curve.add(new double[] {brute.recall(), brute.precision()});
            }
            assertSame(best, report.bestF1(), "seed " + seed);
            assertSame(bestCount, report.bestCount(), "seed " + seed);
            assertEquals(bruteAp(curve), report.ap(), 1e-12, "seed " + seed);
            assertSame(bruteForce(images, full, 0.5), report.operating(), "seed " + seed);
        }
    }

    /** Counts exactly; ratios to rounding (sums of u are added in a different order). */
    private static void assertSame(ThresholdMetrics want, ThresholdMetrics got, String msg) {
        assertEquals(want.threshold(), got.threshold(), msg);
        assertArrayEquals(
                new int[] {want.predictions(), want.tp(), want.fp(), want.fn(), want.imagesFullRecall()},
                new int[] {got.predictions(), got.tp(), got.fp(), got.fn(), got.imagesFullRecall()},
                msg);
        assertArrayEquals(
                new double[] {
                    want.precision(),
                    want.recall(),
                    want.f1(),
                    want.mFPs(),
                    want.mOD(),
                    want.wcr(),
                    want.aer(),
                    want.meanAbsCountError(),
                    want.countExactShare()
                },
                new double[] {
                    got.precision(),
                    got.recall(),
                    got.f1(),
                    got.mFPs(),
                    got.mOD(),
                    got.wcr(),
                    got.aer(),
                    got.meanAbsCountError(),
                    got.countExactShare()
                },
                EPS,
                msg);
    }

    /** Independent counting over predictions re-matched after filtering at t. */
    private static ThresholdMetrics bruteForce(List<ImageEvaluation> images, List<ImageMatching> full, double t) {
        int tp = 0, fp = 0, fn = 0, preds = 0, fullRecall = 0, right = 0, exact = 0;
        double sumU = 0, absErr = 0;
        for (int i = 0; i < images.size(); i++) {
            ImageEvaluation e = images.get(i);
            List<Detection> kept =
                    e.predictions().stream().filter(d -> d.score() >= t).toList();
            ImageMatching m = ImageMatching.match(new ImageEvaluation(e.gt(), kept, e.horizontal()));
            // Prefix property: the filtered matching is the start of the full one.
            int[] prefix = new int[kept.size()];
            int[] again = new int[kept.size()];
            for (int k = 0; k < kept.size(); k++) {
                prefix[k] = full.get(i).matchedGt(k);
                again[k] = m.matchedGt(k);
            }
            assertArrayEquals(prefix, again);
            int tpI = 0;
            for (int k = 0; k < kept.size(); k++) {
                if (m.truePositive(k)) {
                    tpI++;
                    sumU += m.overlapDegree(k);
                }
            }
            int gt = e.gt().objects().size();
            tp += tpI;
            fp += kept.size() - tpI;
            fn += gt - tpI;
            preds += kept.size();
            fullRecall += gt == tpI ? 1 : 0;
            right += gt == tpI && kept.size() == tpI ? 1 : 0;
            exact += kept.size() == gt ? 1 : 0;
            absErr += Math.abs(kept.size() - gt);
        }
        int n = images.size();
        double p = preds == 0 ? 0 : (double) tp / preds;
        double r = (double) tp / (tp + fn);
        double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
        return new ThresholdMetrics(
                t,
                preds,
                tp,
                fp,
                fn,
                p,
                r,
                close(f1, 2.0 * tp / (2.0 * tp + fp + fn)),
                (double) fp / n,
                tp == 0 ? 0 : sumU / tp,
                fullRecall,
                (double) right / n,
                (double) (fp + fn) / (tp + fn),
                absErr / n,
                (double) exact / n);
    }

    /** The harmonic-mean F1 and the count form agree to rounding; use the count form. */
    private static double close(double harmonic, double counts) {
        assertEquals(harmonic, counts, 1e-12);
        return counts;
    }

    /** VOC all-point AP written the textbook way: sentinels, envelope, sum over recall changes. */
    private static double bruteAp(List<double[]> curve) {
        int n = curve.size();
        double[] rec = new double[n + 2], prec = new double[n + 2];
        rec[n + 1] = 1;
        for (int i = 0; i < n; i++) {
            rec[i + 1] = curve.get(i)[0];
            prec[i + 1] = curve.get(i)[1];
        }
        for (int i = n; i >= 0; i--) {
            prec[i] = Math.max(prec[i], prec[i + 1]);
        }
        double ap = 0;
        for (int i = 0; i <= n; i++) {
            if (rec[i + 1] != rec[i]) {
                ap += (rec[i + 1] - rec[i]) * prec[i + 1];
            }
        }
        return ap;
    }

    /** Crowded images: jittered hits, duplicates, misses and stray boxes, scores on a 0.05 grid (ties). */
    static List<ImageEvaluation> randomImages(Random rnd, int count) {
        List<ImageEvaluation> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<GroundTruthObject> gts = new ArrayList<>();
            List<Detection> preds = new ArrayList<>();
            int n = rnd.nextInt(7);
            for (int g = 0; g < n; g++) {
                RotatedBox b = RotatedBox.of(
                        20 + rnd.nextDouble() * 60,
                        20 + rnd.nextDouble() * 60,
                        15 + rnd.nextDouble() * 20,
                        4 + rnd.nextDouble() * 6,
                        rnd.nextDouble() * 180);
                gts.add(new GroundTruthObject(b, null, null, "1"));
                int copies = rnd.nextDouble() < 0.2 ? 0 : rnd.nextDouble() < 0.2 ? 2 : 1;
                for (int c = 0; c < copies; c++) {
                    preds.add(new Detection(
                            RotatedBox.of(
                                    b.cx() + rnd.nextGaussian() * 1.5,
                                    b.cy() + rnd.nextGaussian() * 1.5,
                                    b.w() * (0.85 + 0.3 * rnd.nextDouble()),
                                    b.h(),
                                    b.angle() + rnd.nextGaussian() * 8),
                            score(rnd)));
                }
            }
            for (int f = rnd.nextInt(3); f > 0; f--) {
                preds.add(new Detection(
                        RotatedBox.of(
                                rnd.nextDouble() * 100,
                                rnd.nextDouble() * 100,
                                10 + rnd.nextDouble() * 20,
                                5,
                                rnd.nextDouble() * 180),
                        score(rnd)));
            }
            boolean horizontal = i % 5 == 4;
            out.add(new ImageEvaluation(new GroundTruthImage("r" + i, null, 100, 100, gts), preds, horizontal));
        }
        return out;
    }

    private static double score(Random rnd) {
        return Math.round(rnd.nextDouble() * 20) / 20.0;
    }
}
