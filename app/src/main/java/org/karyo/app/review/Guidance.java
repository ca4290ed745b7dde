package org.karyo.app.review;

import java.util.Map;

/**
 * How many cells the study needs and what the count so far excludes.
 *
 * @param stage            STANDARD (20 cells), EXTENDED (30: a non-modal cell was found) or
 *                         CLONE (50: a possible clone, ISCN: the same gain in >= 2 cells or the
 *                         same loss in >= 3)
 * @param target           cells the study needs at this stage
 * @param counted          cells counted so far
 * @param stillToCount     {@code max(0, target - counted)}
 * @param cloneCount       the chromosome number of the possible clone (null when none)
 * @param cloneCells       how many cells show it (0 when none)
 * @param mosaicismExcluded the smallest mosaic proportion excluded at 95 % confidence by the
 *                         cells counted (Hook 1977); NaN when none counted
 * @param hook             the same for 20, 30, 40 and 50 cells
 * @param message          one line for the cytogeneticist
 */
public record Guidance(
        Stage stage,
        int target,
        int counted,
        int stillToCount,
        Integer cloneCount,
        int cloneCells,
        double mosaicismExcluded,
        Map<Integer, Double> hook,
        String message) {

    /** The study size rule in force. */
    public enum Stage {
        STANDARD(20),
        EXTENDED(30),
        CLONE(50);

        private final int cells;

        Stage(int cells) {
            this.cells = cells;
        }

        public int cells() {
            return cells;
        }
    }

    public Guidance {
        hook = Map.copyOf(hook);
    }

    public boolean complete() {
        return stillToCount == 0;
    }
}
