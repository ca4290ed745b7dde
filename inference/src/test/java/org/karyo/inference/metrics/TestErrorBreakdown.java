package org.karyo.inference.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.karyo.inference.metrics.Fixtures.detRect;
import static org.karyo.inference.metrics.Fixtures.gtRect;
import static org.karyo.inference.metrics.Fixtures.image;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.karyo.core.geometry.AxisBox;
import org.karyo.core.groundtruth.GroundTruthImage;
import org.karyo.core.groundtruth.GroundTruthObject;

/** Each error kind on a hand-built cell, and totals that agree with the metrics. */
class TestErrorBreakdown {

    /**
     * Five 40x10 chromosomes A-E. A found (0.9) and found again (duplicate); one box over the
     * facing halves of A and B (merged); half of E (fragment); a box touching C off-centre
     * (misplaced); one on nothing (background). B, C and E are boxed wrongly; D has only a box
     * below the threshold, so it is missed.
     */
    private static ImageEvaluation everyKind() {
        return image(
                List.of(
                        gtRect(0, 0, 40, 10),
                        gtRect(0, 20, 40, 30),
                        gtRect(100, 100, 140, 110),
                        gtRect(150, 150, 190, 160),
                        gtRect(0, 50, 40, 60)),
                List.of(
                        detRect(0, 0, 40, 10, 0.9),
                        detRect(1, 0, 41, 10, 0.85),
                        detRect(0, 4, 40, 26, 0.8),
                        detRect(0, 50, 15, 60, 0.75),
                        detRect(120, 95, 160, 115, 0.7),
                        detRect(60, 170, 80, 180, 0.65),
                        detRect(150, 150, 190, 160, 0.2)));
    }

    @Test
    void everyKindOfErrorIsNamed() {
        ErrorBreakdown b = ErrorBreakdown.of(List.of(everyKind()), 0.5).get(0);
        assertEquals(5, b.groundTruth());
        assertEquals(6, b.predicted());
        assertEquals(1, b.tp());
        assertEquals(1, b.duplicate());
        assertEquals(1, b.merged());
        assertEquals(1, b.fragment());
        assertEquals(1, b.misplaced());
        assertEquals(1, b.background());
        assertEquals(3, b.boxedWrongly());
        assertEquals(1, b.missed());
        assertFalse(b.wholeCellRight());
    }

    @Test
    void lowerThresholdAdmitsTheMissedChromosome() {
        ErrorBreakdown b = ErrorBreakdown.of(List.of(everyKind()), 0.1).get(0);
        assertEquals(2, b.tp());
        assertEquals(0, b.missed());
        assertEquals(3, b.boxedWrongly());
    }

    @Test
    void totalsAgreeWithTheEvaluator() {
        ImageEvaluation right = image(List.of(gtRect(10, 10, 50, 20)), List.of(detRect(10, 10, 50, 20, 0.9)));
        ImageEvaluation oneOff =
                image(List.of(gtRect(10, 10, 50, 20), gtRect(10, 40, 50, 50)), List.of(detRect(10, 10, 50, 20, 0.9)));
        List<ImageEvaluation> images = List.of(everyKind(), right, oneOff);
        for (double t : new double[] {0.1, 0.5, 0.8}) {
            List<ErrorBreakdown> rows = ErrorBreakdown.of(images, t);
            ThresholdMetrics m = Evaluator.evaluate(images, t).operating();
            assertEquals(m.fp(), rows.stream().mapToInt(ErrorBreakdown::fp).sum());
            assertEquals(m.fn(), rows.stream().mapToInt(ErrorBreakdown::fn).sum());
            assertEquals(m.tp(), rows.stream().mapToInt(ErrorBreakdown::tp).sum());
            assertEquals(
                    m.wcr() * images.size(),
                    (double)
                            rows.stream().filter(ErrorBreakdown::wholeCellRight).count(),
                    1e-9);
        }
        String summary = ErrorBreakdown.summary(ErrorBreakdown.of(images, 0.5));
        assertTrue(summary.contains("images whole-cell right 1/3, one error away 1"), summary);
        assertTrue(summary.contains("false negatives 5: 3 boxed wrongly, 2 missed"), summary);
    }

    @Test
    void horizontalGroundTruthUsesAxisBoxes() {
        GroundTruthObject g = GroundTruthObject.ofAxis(new AxisBox(0, 0, 40, 10), "1");
        ImageEvaluation e = new ImageEvaluation(
                new GroundTruthImage("h", null, 100, 100, List.of(g)), List.of(detRect(0, 0, 15, 10, 0.9)), true);
        ErrorBreakdown b = ErrorBreakdown.of(List.of(e), 0.5).get(0);
        assertEquals(1, b.fragment());
        assertEquals(1, b.boxedWrongly());
    }
}
