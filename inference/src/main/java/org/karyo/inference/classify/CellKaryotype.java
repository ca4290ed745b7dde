package org.karyo.inference.classify;

import java.util.ArrayList;
import java.util.List;

/**
 * The proposed karyotype of one cell: a placement per chromosome, the class counts, the sex
 * complement, the findings and the ISCN string they add up to (e.g. "47,XY,+21").
 */
// numeric buffers passed on without copying or boxing; nothing compares these records by
// value (ArrayRecordComponent's concern)
@SuppressWarnings("ArrayRecordComponent")
public record CellKaryotype(
        List<Placement> placements, int[] classCounts, String sexComplement, List<Finding> findings, String iscn) {

    public CellKaryotype {
        placements = List.copyOf(placements);
        findings = List.copyOf(findings);
        classCounts = classCounts.clone();
    }

    /** Chromosomes placed in a class (unsure ones excluded). */
    public int chromosomeCount() {
        int n = 0;
        for (int c : classCounts) {
            n += c;
        }
        return n;
    }

    public int unsureCount() {
        return (int) placements.stream().filter(Placement::unsure).count();
    }

    /** Placements of one class (ChromosomeClass index or NONE), in call order. */
    public List<Placement> inClass(int cls) {
        List<Placement> out = new ArrayList<>();
        for (Placement p : placements) {
            if (p.cls() == cls) {
                out.add(p);
            }
        }
        return out;
    }

    /** The findings that change the karyotype from 46,XX / 46,XY. */
    public List<Finding> numericalFindings() {
        return findings.stream().filter(Finding::numerical).toList();
    }
}
