package org.karyo.inference.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.karyo.inference.metrics.Fixtures.det;
import static org.karyo.inference.metrics.Fixtures.gt;
import static org.karyo.inference.metrics.Fixtures.image;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.karyo.core.geometry.RotatedBox;
import org.karyo.inference.detect.Detection;

class TestCalibration {

    private static final RotatedBox A = RotatedBox.of(50, 50, 60, 20, 0);
    private static final RotatedBox B = RotatedBox.of(50, 150, 60, 20, 0);
    private static final RotatedBox ARM = RotatedBox.of(70, 50, 14, 10, 0); // inside A, IoU 0.12
    private static final RotatedBox FAR = RotatedBox.of(160, 100, 20, 8, 90);

    /**
     * Cell 1: A 0.95, an arm box inside A 0.85, B 0.60, debris 0.50. Cell 2: A 0.95, B 0.55.
     * Without the rule no threshold counts both cells right (best: one chromosome off in all,
     * at 0.85); dropping the arm box lets 0.55 count both exactly.
     */
    private static List<ImageEvaluation> cells() {
        return List.of(
                image(List.of(gt(A), gt(B)), List.of(det(A, 0.95), det(ARM, 0.85), det(B, 0.60), det(FAR, 0.50))),
                image(List.of(gt(A), gt(B)), List.of(det(A, 0.95), det(B, 0.55))));
    }

    @Test
    void choosesTheRuleAndThresholdWithTheFewestMiscountedChromosomes() {
        Calibration.Result r = Calibration.calibrate(cells(), new double[] {0, 0.8}, 0.9);
        ThresholdMetrics off = r.candidates().get(0).report().bestCount();
        assertEquals(0.85, off.threshold());
        assertEquals(0.5, off.meanAbsCountError());
        assertEquals(0.8, r.contain());
        assertEquals(0.55, r.score());
        assertEquals(0.0, r.chosen().report().bestCount().meanAbsCountError());
        assertEquals(1.0, r.chosen().report().bestCount().countExactShare());
        // the operating column still reports the model's current threshold
        assertEquals(0.9, r.chosen().report().operating().threshold());
    }

    @Test
    void aRuleThatChangesNothingDoesNotWinATie() {
        List<ImageEvaluation> plain = List.of(image(List.of(gt(A), gt(B)), List.of(det(A, 0.9), det(B, 0.8))));
        Calibration.Result r = Calibration.calibrate(plain, new double[] {0, 0.8}, 0.5);
        assertEquals(0.0, r.contain());
        assertEquals(0.8, r.score());
    }

    @Test
    void theRuleDropsOnlyBoxesInsideHigherScoringOnes() {
        ImageEvaluation filtered = Calibration.contained(cells().get(0), 0.8);
        assertEquals(
                List.of(0.95, 0.60, 0.50),
                filtered.predictions().stream().map(Detection::score).toList());
        ImageEvaluation unsorted = image(List.of(gt(A)), List.of(det(A, 0.5), det(B, 0.9)));
        assertThrows(IllegalArgumentException.class, () -> Calibration.contained(unsorted, 0.8));
        assertThrows(IllegalArgumentException.class, () -> Calibration.calibrate(cells(), new double[0], 0.5));
    }
}
