package org.karyo.inference.classify;

/**
 * Where one chromosome goes in the karyogram.
 *
 * @param call        index of the chromosome in the cell's call list
 * @param cls         ChromosomeClass index, or {@link ChromosomeClass#NONE} for "not a chromosome / unsure"
 * @param probability the classifier's probability of {@code cls}
 * @param flipped     the cut-out is turned 180 degrees to put the p-arm up
 * @param lowConfidence shown marked in the karyogram: the reviewer should look at it
 * @param reassigned  the cell-level rule placed it in another class than the classifier's first choice
 */
public record Placement(
        int call, int cls, float probability, boolean flipped, boolean lowConfidence, boolean reassigned) {

    /** Below this class probability a placement is marked low-confidence. */
    public static final float LOW_CONFIDENCE = 0.6f;

    public boolean unsure() {
        return cls == ChromosomeClass.NONE;
    }

    public Placement withClass(int newCls, float p) {
        return new Placement(call, newCls, p, flipped, p < LOW_CONFIDENCE, reassigned);
    }

    public Placement withFlipped(boolean f) {
        return new Placement(call, cls, probability, f, lowConfidence, reassigned);
    }
}
