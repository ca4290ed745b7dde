package org.karyo.inference.classify;

import java.util.List;

/**
 * The ISCN arrangement of a karyogram: rows of class groups (1-5; 6-12 and X; 13-18; 19-22
 * and Y) and a last row for chromosomes placed as "not a chromosome / unsure". Shared by the PNG
 * and PDF karyograms and the workstation's Karyogram view so they look alike.
 */
public final class KaryogramLayout {

    /** Class indices per row; {@link ChromosomeClass#NONE} is the unsure row. */
    public static final List<List<Integer>> ROWS = List.of(
            List.of(0, 1, 2, 3, 4),
            List.of(5, 6, 7, 8, 9, 10, 11, ChromosomeClass.X),
            List.of(12, 13, 14, 15, 16, 17),
            List.of(18, 19, 20, 21, ChromosomeClass.Y),
            List.of(ChromosomeClass.NONE));

    private KaryogramLayout() {}

    /** Row of a class in {@link #ROWS}. */
    public static int rowOf(int cls) {
        for (int r = 0; r < ROWS.size(); r++) {
            if (ROWS.get(r).contains(cls)) {
                return r;
            }
        }
        throw new IllegalArgumentException("no karyogram slot for class " + cls);
    }

    /** Label under a slot: "1".."22", "X", "Y", or "unsure". */
    public static String label(int cls) {
        return cls == ChromosomeClass.NONE ? "not a chromosome / unsure" : ChromosomeClass.name(cls);
    }
}
