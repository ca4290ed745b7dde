package org.karyo.inference.classify;

import java.util.List;

/**
 * Something in a cell a cytogeneticist must look at: a class with other than two members
 * (gain or loss), an unusual sex complement, a chromosome that fits no class, or one the cell
 * rule placed against the classifier's first choice. Always shown with its evidence.
 *
 * @param kind     what it is
 * @param cls      the class concerned (ChromosomeClass index), or -1
 * @param calls    indices of the chromosomes concerned
 * @param evidence a sentence with the probabilities behind it
 */
public record Finding(Kind kind, int cls, List<Integer> calls, String evidence) {

    public enum Kind {
        GAIN,
        LOSS,
        SEX_COMPLEMENT,
        UNSURE,
        REASSIGNED
    }

    public Finding {
        calls = List.copyOf(calls);
    }

    /** Numerical findings change the karyotype; the others are for the reviewer's eye. */
    public boolean numerical() {
        return kind == Kind.GAIN || kind == Kind.LOSS || kind == Kind.SEX_COMPLEMENT;
    }
}
