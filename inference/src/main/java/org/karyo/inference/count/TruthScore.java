package org.karyo.inference.count;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Counted cells scored against one or more truth files: one {@link CountAgreement} per truth file
 * (a set), the overall one, and the counted cells no truth file names (not scored, listed so that
 * a missing row is seen, not silently dropped). A cell is scored in the first truth file that has it.
 */
public record TruthScore(List<CountAgreement> sets, CountAgreement overall, List<String> unmatched) {

    public TruthScore {
        sets = List.copyOf(sets);
        unmatched = List.copyOf(unmatched);
    }

    /**
     * The counts scored against the true counts of every truth file that names their cells.
     *
     * @param counted each cell's image file (as a path string) and its count
     */
    public static TruthScore of(List<CountTruth> truths, List<CaseSummary.CellCount> counted) {
        Map<CountTruth, List<CountAgreement.Cell>> bySet = new LinkedHashMap<>();
        truths.forEach(t -> bySet.put(t, new ArrayList<>()));
        List<String> unmatched = new ArrayList<>();
        for (CaseSummary.CellCount c : counted) {
            Path file = Path.of(c.cell());
            boolean found = false;
            for (CountTruth t : truths) {
                OptionalInt truth = t.countOf(file);
                if (truth.isPresent()) {
                    bySet.get(t).add(new CountAgreement.Cell(c.cell(), truth.getAsInt(), c.count()));
                    found = true;
                    break;
                }
            }
            if (!found) {
                unmatched.add(c.cell());
            }
        }
        List<CountAgreement> sets = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Map.Entry<CountTruth, List<CountAgreement.Cell>> e : bySet.entrySet()) {
            String name = e.getKey().set();
            if (names.contains(name)) { // two truth files in same-named folders: tell them apart by file
                name = name + "/" + e.getKey().file().getFileName();
            }
            names.add(name);
            sets.add(new CountAgreement(name, e.getValue()));
        }
        return new TruthScore(sets, CountAgreement.overall(sets), unmatched);
    }

    /** The printed report: each set's cells and summary, then the overall line and the cells without truth. */
    public String report() {
        StringBuilder sb = new StringBuilder("Against the true counts:\n");
        for (CountAgreement s : sets) {
            sb.append(s.cellLines());
            sb.append(s.summaryLine()).append('\n');
        }
        if (sets.size() > 1) {
            sb.append(overall.summaryLine()).append('\n');
        }
        if (!unmatched.isEmpty()) {
            sb.append(unmatched.size()).append(" counted cell(s) have no row in the truth file(s), not scored:\n");
            unmatched.forEach(u -> sb.append("  ").append(u).append('\n'));
        }
        return sb.toString();
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> s = new ArrayList<>();
        sets.forEach(a -> s.add(a.toJson(true)));
        m.put("sets", s);
        m.put("overall", overall.toJson(false));
        m.put("without_truth", unmatched);
        return m;
    }
}
