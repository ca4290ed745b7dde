package org.karyo.annotation;

import java.util.Locale;
import java.util.Optional;

/**
 * What an instance is known to be: a chromosome of unknown class, or one of the classes 1..22, X, Y.
 * LabelMe files write classes as numbers: both the AutoKary2022 files and the project's composer
 * use "1".."22", "23" for X and "24" for Y, and "chromosome" when no class is known.
 */
public enum ChromosomeLabel {
    CHROMOSOME,
    C1,
    C2,
    C3,
    C4,
    C5,
    C6,
    C7,
    C8,
    C9,
    C10,
    C11,
    C12,
    C13,
    C14,
    C15,
    C16,
    C17,
    C18,
    C19,
    C20,
    C21,
    C22,
    X,
    Y;

    public static final String UNCLASSIFIED_TEXT = "chromosome";

    /** 0 for an unclassified chromosome, 1..22 for autosomes, 23 for X, 24 for Y. */
    public int number() {
        // from the name, not the declaration order: reordering the constants cannot renumber a class
        return switch (this) {
            case CHROMOSOME -> 0;
            case X -> 23;
            case Y -> 24;
            default -> Integer.parseInt(name().substring(1));
        };
    }

    public boolean classified() {
        return this != CHROMOSOME;
    }

    /** The class with this number (0 = unclassified, 23 = X, 24 = Y). */
    public static ChromosomeLabel ofNumber(int n) {
        if (n < 0 || n > 24) {
            throw new IllegalArgumentException("no chromosome class " + n + " (0..24)");
        }
        return values()[n];
    }

    /** What an annotator reads: "chromosome", "1".."22", "X", "Y". */
    public String displayName() {
        return switch (this) {
            case CHROMOSOME -> UNCLASSIFIED_TEXT;
            case X -> "X";
            case Y -> "Y";
            default -> Integer.toString(number());
        };
    }

    /** The label string written to LabelMe and COCO: "chromosome" or "1".."24" (the files' dialect). */
    public String fileText() {
        return this == CHROMOSOME ? UNCLASSIFIED_TEXT : Integer.toString(number());
    }

    /**
     * Reads a label as files write it: "1".."24", "X"/"Y", "chr7"/"chrX", "7.0", or
     * "chromosome" / "" for unclassified; case and surrounding blanks ignored. Empty when the text
     * names no chromosome class ("nucleus", "25").
     */
    public static Optional<ChromosomeLabel> parse(String text) {
        if (text == null) {
            return Optional.of(CHROMOSOME);
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("chr") && !t.startsWith("chromosome")) {
            t = t.substring(3);
        }
        switch (t) {
            case "", "chromosome", "chrom" -> {
                return Optional.of(CHROMOSOME);
            }
            case "x" -> {
                return Optional.of(X);
            }
            case "y" -> {
                return Optional.of(Y);
            }
            default -> {
                if (t.endsWith(".0")) {
                    t = t.substring(0, t.length() - 2);
                }
                if (!t.matches("[0-9]{1,2}")) {
                    return Optional.empty();
                }
                int n = Integer.parseInt(t);
                return n >= 1 && n <= 24 ? Optional.of(ofNumber(n)) : Optional.empty();
            }
        }
    }
}
