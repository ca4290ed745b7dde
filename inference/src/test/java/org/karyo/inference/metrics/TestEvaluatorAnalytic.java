package org.karyo.inference.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.karyo.inference.metrics.Fixtures.det;
import static org.karyo.inference.metrics.Fixtures.detRect;
import static org.karyo.inference.metrics.Fixtures.gt;
import static org.karyo.inference.metrics.Fixtures.gtRect;
import static org.karyo.inference.metrics.Fixtures.image;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.karyo.core.geometry.RotatedBox;
import org.karyo.core.groundtruth.GroundTruthImage;
import org.karyo.core.groundtruth.GroundTruthObject;

/** Metric values worked out by hand on tiny cases. */
class TestEvaluatorAnalytic {

    private static final double EPS = 1e-9;

    @Test
    void perfectPredictionsScoreOneEverywhere() {
        RotatedBox a = RotatedBox.of(30, 30, 40, 10, 20);
        RotatedBox b = RotatedBox.of(120, 80, 50, 12, 135);
        RotatedBox c = RotatedBox.of(60, 150, 30, 8, 90);
        EvaluationReport r = Evaluator.evaluate(
                List.of(
                        image(List.of(gt(a), gt(b)), List.of(det(a, 0.9), det(b, 0.8))),
                        image(List.of(gt(c)), List.of(det(c, 0.7)))),
                0.5);
        assertEquals(1.0, r.ap(), EPS);
        for (ThresholdMetrics m : List.of(r.bestF1(), r.operating())) {
            assertEquals(3, m.tp());
            assertEquals(0, m.fp());
            assertEquals(0, m.fn());
            assertEquals(1.0, m.f1(), EPS);
            assertEquals(1.0, m.wcr(), EPS);
            assertEquals(0.0, m.aer(), EPS);
            assertEquals(0.0, m.mFPs(), EPS);
            assertEquals(1.0, m.mOD(), EPS); // the gts do not overlap
            assertEquals(2, m.imagesFullRecall());
            assertEquals(1.0, m.countExactShare(), EPS);
            assertEquals(0.0, m.meanAbsCountError(), EPS);
        }
        assertEquals(0.7, r.bestF1().threshold(), EPS);
        assertEquals(3, r.groundTruth());
        assertEquals(3, r.predictions());
        assertEquals("skew", r.iou());
    }

    /**
     * Image A: gts g1, g2; p1 = g1 (0.9), p2 far off (0.8): one FP and one FN. Image B: one gt
     * found (0.7). TP 2, FP 1, FN 1: P = R = F1 = 2/3, AER = 2/3, WCR = 1/2, and both images
     * have the right count although A is wrong: count-exact is not WCR.
     */
    @Test
    void oneFalsePositiveAndOneFalseNegative() {
        EvaluationReport r = Evaluator.evaluate(
                List.of(
                        image(
                                List.of(gtRect(0, 0, 40, 10), gtRect(100, 100, 140, 110)),
                                List.of(detRect(0, 0, 40, 10, 0.9), detRect(150, 20, 190, 30, 0.8))),
                        image(List.of(gtRect(10, 10, 20, 50)), List.of(detRect(10, 10, 20, 50, 0.7)))),
                0.5);
        ThresholdMetrics m = r.operating();
        assertEquals(2, m.tp());
        assertEquals(1, m.fp());
        assertEquals(1, m.fn());
        assertEquals(2.0 / 3, m.precision(), EPS);
        assertEquals(2.0 / 3, m.recall(), EPS);
        assertEquals(2.0 / 3, m.f1(), EPS);
        assertEquals(2.0 / 3, m.aer(), EPS);
        assertEquals(0.5, m.wcr(), EPS);
        assertEquals(0.5, m.mFPs(), EPS);
        assertEquals(1, m.imagesFullRecall());
        assertEquals(1.0, m.countExactShare(), EPS);
        // F1 at 0.9: 2/(2+0+2) = 0.5; at 0.8: 2/5; at 0.7: 4/6: best at 0.7.
        assertEquals(0.7, r.bestF1().threshold(), EPS);
        assertEquals(2.0 / 3, r.bestF1().f1(), EPS);
        // Ranked TP, FP, TP over 3 gt: AP = 1/3 * 1 + 1/3 * 2/3 = 5/9.
        assertEquals(5.0 / 9, r.ap(), EPS);
    }

    @Test
    void duplicateOnOneGtIsAFalsePositive() {
        ImageEvaluation e =
                image(List.of(gtRect(0, 0, 40, 10)), List.of(detRect(1, 0, 41, 10, 0.6), detRect(0, 0, 40, 10, 0.9)));
        ImageMatching m = ImageMatching.match(e);
        assertEquals(0.9, m.ranked().get(0).score());
        assertEquals(0, m.matchedGt(0));
        assertEquals(-1, m.matchedGt(1)); // IoU 0.95 with a gt already taken
        ThresholdMetrics t = Evaluator.evaluate(List.of(e), 0.5).operating();
        assertEquals(1, t.tp());
        assertEquals(1, t.fp());
        assertEquals(0, t.fn());
        assertEquals(1, t.imagesFullRecall());
        assertEquals(0.0, t.wcr(), EPS);
        assertEquals(1.0, t.meanAbsCountError(), EPS);
    }

    /** FP, TP, TP, FP over 4 gt: points (0, 0) (1/4, 1/2) (2/4, 2/3) (2/4, 1/2); AP = 1/4 * 2/3 * 2 = 1/3. */
    @Test
    void averagePrecisionOfARankedList() {
        EvaluationReport r = Evaluator.evaluate(
                List.of(image(
                        List.of(
                                gtRect(0, 0, 20, 10),
                                gtRect(50, 0, 70, 10),
                                gtRect(100, 0, 120, 10),
                                gtRect(150, 0, 170, 10)),
                        List.of(
                                detRect(0, 100, 20, 110, 0.9), detRect(0, 0, 20, 10, 0.8),
                                detRect(50, 0, 70, 10, 0.7), detRect(0, 150, 20, 160, 0.6)))),
                0.65);
        assertEquals(1.0 / 3, r.ap(), EPS);
        assertEquals(0.7, r.bestF1().threshold(), EPS); // 2 TP, 1 FP, 2 FN
        assertEquals(4.0 / 7, r.bestF1().f1(), EPS);
        assertEquals(r.bestF1(), withThreshold(r.operating(), 0.7));
    }

    /** A thin 45-degree box against its own bounds: horizontal IoU 1, skew-IoU 320/1152 < 0.5. */
    @Test
    void horizontalGroundTruthUsesTheBoundsOfThePrediction() {
        RotatedBox p = RotatedBox.of(50, 50, 40, 8, 45);
        GroundTruthObject gtObj = GroundTruthObject.ofAxis(p.bounds(), "0");
        GroundTruthImage gtImage = new GroundTruthImage("y", null, 100, 100, List.of(gtObj));
        ThresholdMetrics horizontal = Evaluator.evaluate(
                        List.of(new ImageEvaluation(gtImage, List.of(det(p, 0.9)), true)), 0.5)
                .operating();
        ThresholdMetrics skew = Evaluator.evaluate(
                        List.of(new ImageEvaluation(gtImage, List.of(det(p, 0.9)), false)), 0.5)
                .operating();
        assertEquals(1, horizontal.tp());
        assertEquals(0, skew.tp());
        assertEquals(320.0 / 1152.0, ImageMatching.iou(det(p, 0.9), gtObj, false), 1e-6);
        // A rotated gt without an axis box is compared through its bounds.
        assertEquals(1.0, ImageMatching.iou(det(p, 0.9), gt(p.bounds().toRotated()), true), EPS);
    }

    /**
     * Overlapping gts g1 = [0,10]^2, g2 = [2,12]x[0,10] (IoU 2/3). p1 = g1 (0.9): IoUs 1, 2/3,
     * u = 0.6. p2 = [0.5,10.5]x[0,10] (0.8): IoUs 19/21 with g1 (taken), 17/23 with g2 -> TP on g2
     * (the best gt not yet matched, not VOC's "best gt or nothing"). mOD = mean of both u.
     */
    @Test
    void overlapDegreeAndMatchingToTheBestFreeGt() {
        ImageEvaluation e = image(
                List.of(gtRect(0, 0, 10, 10), gtRect(2, 0, 12, 10)),
                List.of(detRect(0, 0, 10, 10, 0.9), detRect(0.5, 0, 10.5, 10, 0.8)));
        ImageMatching m = ImageMatching.match(e);
        assertEquals(0, m.matchedGt(0));
        assertEquals(1, m.matchedGt(1));
        double u1 = 1 / (1 + 2.0 / 3);
        double u2 = (19.0 / 21) / (19.0 / 21 + 17.0 / 23);
        assertEquals(u1, m.overlapDegree(0), 1e-9);
        assertEquals(u2, m.overlapDegree(1), 1e-9);
        assertEquals(
                (u1 + u2) / 2, Evaluator.evaluate(List.of(e), 0.5).operating().mOD(), 1e-9);
    }

    @Test
    void thresholdAboveEveryScoreAndEmptyImages() {
        EvaluationReport r = Evaluator.evaluate(
                List.of(
                        image(List.of(gtRect(0, 0, 40, 10)), List.of(detRect(0, 0, 40, 10, 0.4))),
                        image(List.of(), List.of())),
                0.5);
        ThresholdMetrics op = r.operating();
        assertEquals(0, op.predictions());
        assertEquals(0.0, op.precision(), EPS); // nothing predicted: zero_division = 0
        assertEquals(0.0, op.f1(), EPS);
        assertEquals(1, op.imagesFullRecall()); // the empty image
        assertEquals(0.5, op.wcr(), EPS);
        assertEquals(1.0, r.bestF1().f1(), EPS);
        assertEquals(1.0, r.bestF1().wcr(), EPS);
    }

    @Test
    void noGroundTruthAtAllIsRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> Evaluator.evaluate(List.of(image(List.of(), List.of(detRect(0, 0, 4, 4, 0.9)))), 0.5));
        assertThrows(IllegalArgumentException.class, () -> Evaluator.evaluate(List.of(), 0.5));
    }

    private static ThresholdMetrics withThreshold(ThresholdMetrics m, double t) {
        return new ThresholdMetrics(
                t,
                m.predictions(),
                m.tp(),
                m.fp(),
                m.fn(),
                m.precision(),
                m.recall(),
                m.f1(),
                m.mFPs(),
                m.mOD(),
                m.imagesFullRecall(),
                m.wcr(),
                m.aer(),
                m.meanAbsCountError(),
                m.countExactShare());
    }
}
