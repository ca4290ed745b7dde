package org.karyo.inference.count;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.karyo.core.image.Letterbox;
import org.karyo.inference.detect.Detection;
import org.karyo.inference.detect.SkeletonCountRule;
import org.karyo.inference.onnx.RawMaps;

/** Choosing the counting settings on cells with known counts, on boxes whose right answer is worked out by hand. */
class TestCountCalibration {

    static final int H = 16, W = 24;
    static final RawMaps BLANK = new RawMaps(1, H, W, new float[3 * H * W], new float[H * W], new float[5 * H * W]);
    static final Letterbox LB = Letterbox.fit(W * 4, H * 4, W * 4, H * 4);
    static final double[] GRID = CountCalibration.grid(0.3, 0.99, 0.01);
    static final List<SkeletonCountRule.Settings> OFF = List.of(SkeletonCountRule.Settings.of(false, false, false));

    static CountCalibration.Cell cell(String name, int truth, Detection... boxes) {
        return new CountCalibration.Cell(name, truth, List.of(boxes), BLANK, LB, 4);
    }

    @Test
    void theThresholdWhereEveryCellIsExact() {
        // A: 3 chromosomes scoring 0.95, 0.9, 0.85 and debris at 0.4; B: 2 at 0.9, 0.8 and debris at 0.5.
        // Both are exact for thresholds in (0.5, 0.8]; the grid's first such is 0.51.
        CountCalibration.Cell a = cell(
                "A",
                3,
                Detection.of(10, 10, 8, 3, 0, 0.95),
                Detection.of(30, 10, 8, 3, 0, 0.9),
                Detection.of(50, 10, 8, 3, 0, 0.85),
                Detection.of(70, 10, 8, 3, 0, 0.4));
        CountCalibration.Cell b = cell(
                "B",
                2,
                Detection.of(10, 40, 8, 3, 0, 0.9),
                Detection.of(30, 40, 8, 3, 0, 0.8),
                Detection.of(50, 40, 8, 3, 0, 0.5));
        CountCalibration.Result r = CountCalibration.calibrate(
                List.of(a, b), new double[] {0}, OFF, GRID, CountCalibration.Objective.EXACT);
        assertEquals(0.51, r.chosen().score(), 1e-9);
        assertEquals(2, r.chosen().agreement().exact());
        assertEquals(0.0, r.chosen().agreement().meanAbsoluteError(), 1e-12);
    }

    @Test
    void theContainmentRuleWinsWhenAFragmentSitsInsideItsChromosome() {
        // A (3 chromosomes): a long box at 0.95 with a fragment inside it at 0.9, then 0.85 and 0.6;
        // B (3) needs a threshold <= 0.5. Without containment A then counts 4; with it, 3.
        CountCalibration.Cell a = cell(
                "A",
                3,
                Detection.of(20, 20, 30, 6, 0, 0.95),
                Detection.of(15, 20, 10, 5, 0, 0.9),
                Detection.of(60, 20, 8, 3, 0, 0.85),
                Detection.of(80, 20, 8, 3, 0, 0.6));
        CountCalibration.Cell b = cell(
                "B",
                3,
                Detection.of(10, 50, 8, 3, 0, 0.9),
                Detection.of(30, 50, 8, 3, 0, 0.7),
                Detection.of(50, 50, 8, 3, 0, 0.5));
        CountCalibration.Result r = CountCalibration.calibrate(
                List.of(a, b), new double[] {0, 0.5}, OFF, GRID, CountCalibration.Objective.EXACT);
        assertEquals(2, r.candidates().size());
        assertEquals(0.5, r.chosen().contain());
        assertEquals(2, r.chosen().agreement().exact());
        assertTrue(
                r.chosen().score() <= 0.5 && r.chosen().score() >= 0.3,
                "B needs <= 0.5: " + r.chosen().score());
        CountCalibration.Candidate off = r.candidates().get(0);
        assertEquals(1, off.agreement().exact(), "without the rule one of the two cells is always off");
        assertTrue(r.table().contains("<- chosen"));
    }

    @Test
    void theObjectiveDecidesBetweenMoreExactCellsAndASmallerError() {
        // Cells of 2. C and E have their second chromosome at 0.5; D, a badly split cell, has 6 fragment boxes at 0.5.
        // t > 0.5: A, D exact; C, E read 1: 2 exact, MAE 0.5. t <= 0.5: A, C, E exact; D reads 8: 3 exact, MAE 1.5.
        CountCalibration.Cell a = cell("A", 2, Detection.of(10, 10, 8, 3, 0, 0.9), Detection.of(30, 10, 8, 3, 0, 0.9));
        CountCalibration.Cell c = cell("C", 2, Detection.of(10, 30, 8, 3, 0, 0.9), Detection.of(30, 30, 8, 3, 0, 0.5));
        CountCalibration.Cell e = cell("E", 2, Detection.of(50, 30, 8, 3, 0, 0.9), Detection.of(70, 30, 8, 3, 0, 0.5));
        Detection[] d = new Detection[8];
        for (int i = 0; i < 8; i++) {
            d[i] = Detection.of(10 + 10 * i, 50, 6, 3, 0, i < 2 ? 0.9 : 0.5);
        }
        List<CountCalibration.Cell> cells = List.of(a, c, e, cell("D", 2, d));
        CountCalibration.Result exact =
                CountCalibration.calibrate(cells, new double[] {0}, OFF, GRID, CountCalibration.Objective.EXACT);
        assertEquals(3, exact.chosen().agreement().exact());
        assertEquals(1.5, exact.chosen().agreement().meanAbsoluteError(), 1e-12);
        assertEquals(0.3, exact.chosen().score(), 1e-9);
        CountCalibration.Result mae =
                CountCalibration.calibrate(cells, new double[] {0}, OFF, GRID, CountCalibration.Objective.MAE);
        assertEquals(2, mae.chosen().agreement().exact());
        assertEquals(0.5, mae.chosen().agreement().meanAbsoluteError(), 1e-12);
        assertEquals(0.51, mae.chosen().score(), 1e-9);
    }
}
