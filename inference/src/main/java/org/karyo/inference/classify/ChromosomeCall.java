package org.karyo.inference.classify;

import org.karyo.core.geometry.RotatedBox;

/**
 * The classifier's view of one chromosome: its box, the probabilities of the 24 classes and of
 * "not a chromosome", and P(p-arm towards the box's long-side direction reversed, i.e. up in
 * the unflipped cut-out).
 *
 * @param index position of the box in the cell's box list
 * @param probs 25 probabilities (ChromosomeClass indices)
 * @param pUp probability that the p-arm is at the top of the unflipped cut-out
 */
// numeric buffers passed on without copying or boxing; nothing compares these records by
// value (ArrayRecordComponent's concern)
@SuppressWarnings("ArrayRecordComponent")
public record ChromosomeCall(int index, RotatedBox box, float[] probs, float pUp) {

    public ChromosomeCall {
        if (probs.length != ChromosomeClass.OUTPUTS) {
            throw new IllegalArgumentException("expected " + ChromosomeClass.OUTPUTS + " probabilities");
        }
    }

    /** The most probable output, "not a chromosome" included. */
    public int best() {
        int b = 0;
        for (int i = 1; i < probs.length; i++) {
            if (probs[i] > probs[b]) {
                b = i;
            }
        }
        return b;
    }

    public float probability(int cls) {
        return probs[cls];
    }

    /** The cut-out must be turned 180 degrees to put the p-arm up. */
    public boolean flipped() {
        return pUp < 0.5f;
    }
}
