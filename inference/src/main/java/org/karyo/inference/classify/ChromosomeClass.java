package org.karyo.inference.classify;

/**
 * The 24 human chromosome classes in ISCN order (1..22, X, Y) and the classifier's extra
 * "not a chromosome" output. Indices are those of the classifier's probability vector.
 */
public final class ChromosomeClass {

    /** Number of real chromosome classes. */
    public static final int COUNT = 24;
    /** Index of X in the probability vector. */
    public static final int X = 22;
    /** Index of Y in the probability vector. */
    public static final int Y = 23;
    /** Index of "not a chromosome" (debris, a fragment, two chromosomes cut out as one). */
    public static final int NONE = 24;
    /** Length of the classifier's probability vector. */
    public static final int OUTPUTS = 25;

    private ChromosomeClass() {}

    /** "1".."22", "X", "Y", or "?" for not-a-chromosome. */
    public static String name(int index) {
        if (index >= 0 && index < 22) {
            return Integer.toString(index + 1);
        }
        return switch (index) {
            case X -> "X";
            case Y -> "Y";
            case NONE -> "?";
            default -> throw new IllegalArgumentException("no chromosome class " + index);
        };
    }

    /** Inverse of {@link #name}; accepts "1".."22", "X", "Y" (case-insensitive). */
    public static int index(String name) {
        String n = name.trim().toUpperCase(java.util.Locale.ROOT);
        if (n.equals("X")) {
            return X;
        }
        if (n.equals("Y")) {
            return Y;
        }
        int v = Integer.parseInt(n);
        if (v < 1 || v > 22) {
            throw new IllegalArgumentException("no chromosome " + name);
        }
        return v - 1;
    }

    public static boolean isAutosome(int index) {
        return index >= 0 && index < 22;
    }
}
