package org.karyo.app.karyogram;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The case's ISCN result proposed from its karyotyped cells and its count table, for the
 * cytogeneticist to confirm or edit before sign-off. One cell line: "47,XY,+21". Several:
 * ISCN mosaic form with cell counts in brackets, abnormal lines first, the normal line last
 * ("47,XY,+21[4]/46,XY[16]"). Notes say where the evidence disagrees (the count table's modal
 * number against the karyotyped cells; too few karyotyped cells; a typed result that differs).
 */
public record KaryotypeProposal(String iscn, Map<String, Integer> cellLines, List<String> notes) {

    /** A standard study reports at least two karyograms. */
    public static final int MIN_KARYOTYPED = 2;

    public KaryotypeProposal {
        cellLines = Map.copyOf(cellLines);
        notes = List.copyOf(notes);
    }

    /**
     * The karyotype proposed from the karyotyped cells' lines, with notes on what is missing.
     *
     * @param karyotypedIscn the ISCN of each karyotyped cell
     * @param modalNumber    the count table's modal number, or null when nothing is counted
     */
    public static KaryotypeProposal of(List<String> karyotypedIscn, Integer modalNumber) {
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (String s : karyotypedIscn) {
            lines.merge(s, 1, Integer::sum);
        }
        List<String> notes = new ArrayList<>();
        if (karyotypedIscn.size() < MIN_KARYOTYPED) {
            notes.add(karyotypedIscn.size() + " cell(s) karyotyped; a standard study karyotypes at least "
                    + MIN_KARYOTYPED);
        }
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(lines.entrySet());
        sorted.sort(Comparator.<Map.Entry<String, Integer>>comparingInt(e -> normal(e.getKey()) ? 1 : 0)
                .thenComparing(Map.Entry.<String, Integer>comparingByValue().reversed()));
        String iscn;
        if (sorted.isEmpty()) {
            iscn = "";
        } else if (sorted.size() == 1) {
            iscn = sorted.get(0).getKey();
        } else {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<String, Integer> e : sorted) {
                sb.append(sb.length() == 0 ? "" : "/")
                        .append(e.getKey())
                        .append('[')
                        .append(e.getValue())
                        .append(']');
            }
            iscn = sb.toString();
        }
        if (modalNumber != null && !sorted.isEmpty()) {
            int main = count(sorted.get(0).getKey());
            int mostCells = count(lines.entrySet().stream()
                    .max(Map.Entry.comparingByValue())
                    .orElseThrow()
                    .getKey());
            if (mostCells != modalNumber) {
                notes.add(String.format(
                        Locale.ROOT,
                        "the count table's modal number is %d but most karyotyped cells have %d " + "chromosomes",
                        modalNumber,
                        mostCells));
            } else if (main != modalNumber && sorted.size() == 1) {
                notes.add("the karyotyped cells disagree with the modal number " + modalNumber);
            }
        }
        return new KaryotypeProposal(iscn, lines, notes);
    }

    /** Differences between a typed result and this proposal, empty when they agree. */
    public List<String> disagreements(String typed) {
        List<String> out = new ArrayList<>();
        if (typed == null || typed.isBlank() || iscn.isEmpty()) {
            return out;
        }
        String t = typed.replace(" ", "");
        if (!t.equalsIgnoreCase(iscn)) {
            out.add("the typed result " + t + " differs from the karyotyped cells' " + iscn);
            Integer typedCount = leadingCount(t);
            if (typedCount != null
                    && !cellLines.isEmpty()
                    && cellLines.keySet().stream().noneMatch(l -> count(l) == typedCount)) {
                out.add("no karyotyped cell has " + typedCount + " chromosomes");
            }
        }
        return out;
    }

    static boolean normal(String iscn) {
        return iscn.equals("46,XX") || iscn.equals("46,XY");
    }

    static int count(String iscn) {
        Integer n = leadingCount(iscn);
        return n == null ? -1 : n;
    }

    private static Integer leadingCount(String s) {
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        return i == 0 ? null : Integer.parseInt(s.substring(0, i));
    }
}
