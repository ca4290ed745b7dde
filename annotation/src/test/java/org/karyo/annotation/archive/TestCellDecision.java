package org.karyo.annotation.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.karyo.annotation.ChromosomeLabel;

/** The cell-level evidence "is this the karyogram of this metaphase?", on hand-made placements. */
class TestCellDecision {

    /** A cut-out of {@code area} mask pixels (one row). */
    private static CutOut cut(int area) {
        boolean[] mask = new boolean[area];
        java.util.Arrays.fill(mask, true);
        return new CutOut(ChromosomeLabel.ofNumber(1), 0, 0, 0, area, 1, new int[area], mask);
    }

    private static Placement placed(double score) {
        return new Placement(ChromosomeLabel.ofNumber(1), 0, List.of(), score, 0.9, 0, false, Placement.Status.FOUND);
    }

    private static Placement notFound() {
        return new Placement(ChromosomeLabel.ofNumber(1), 0, List.of(), 0, 0, 0, false, Placement.Status.NOT_FOUND);
    }

    @Test
    void longerHalfQuartileReadsOnlyTheLargerCutOutsThatArePlaced() {
        // eight cut-outs, areas 10..80; the four smallest match perfectly, the four largest poorly,
        // as another cell's karyogram does: its small chromosomes find look-alikes, its long ones do not
        List<CutOut> cuts = new ArrayList<>();
        List<Placement> placements = new ArrayList<>();
        double[] scores = {0.99, 0.98, 0.97, 0.96, 0.60, 0.70, 0.80, 0.90};
        for (int i = 0; i < 8; i++) {
            cuts.add(cut(10 * (i + 1)));
            placements.add(placed(scores[i]));
        }
        Karyogram k = new Karyogram(100, 100, List.of(), cuts, 128, List.of());
        // the longer half: areas >= the median area (50): 50, 60, 70, 80 -> 0.60, 0.70, 0.80, 0.90
        assertEquals(0.60, BackProjector.longerHalfLowerQuartile(k, placements), 1e-9);
        // over all eight the lower quartile is higher: the well-matched small ones lift it
        double[] all =
                placements.stream().mapToDouble(Placement::score).sorted().toArray();
        assertEquals(0.70, BackProjection.quantile(all, 0.25), 1e-9);
        // a long chromosome not placed does not count as a score of 0
        placements.set(4, notFound());
        assertEquals(0.70, BackProjector.longerHalfLowerQuartile(k, placements), 1e-9);
    }
}
