package org.karyo.inference.count;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How far the counts of a set of cells are from their true counts: the figures a laboratory
 * judges a counting method by. A cell counted within one is still a cell the cytogeneticist must
 * correct, so the exact share comes first; the signed bias says which way the errors lean.
 *
 * @param set   the set's name ("all" for the union of sets)
 * @param cells each scored cell, in the order counted
 */
public record CountAgreement(String set, List<Cell> cells) {

    /** One cell: the true count and what was counted. */
    public record Cell(String cell, int truth, int counted) {
        /** Counted minus true: positive over-counts, negative under-counts. */
        public int error() {
            return counted - truth;
        }
    }

    public CountAgreement {
        cells = List.copyOf(cells);
    }

    /** The union of several sets, in their order. */
    public static CountAgreement overall(List<CountAgreement> sets) {
        List<Cell> all = new ArrayList<>();
        sets.forEach(s -> all.addAll(s.cells()));
        return new CountAgreement("all", all);
    }

    public int size() {
        return cells.size();
    }

    public int exact() {
        return (int) cells.stream().filter(c -> c.error() == 0).count();
    }

    public int withinOne() {
        return (int) cells.stream().filter(c -> Math.abs(c.error()) <= 1).count();
    }

    public double exactShare() {
        return share(exact());
    }

    public double withinOneShare() {
        return share(withinOne());
    }

    /** Mean absolute count error per cell; NaN for no cells. */
    public double meanAbsoluteError() {
        return cells.stream().mapToInt(c -> Math.abs(c.error())).average().orElse(Double.NaN);
    }

    /** Mean signed count error per cell (positive: over-counting); NaN for no cells. */
    public double bias() {
        return cells.stream().mapToInt(Cell::error).average().orElse(Double.NaN);
    }

    private double share(int n) {
        return cells.isEmpty() ? Double.NaN : (double) n / cells.size();
    }

    /** One summary line: set, cells, exact, within 1, MAE, bias. */
    public String summaryLine() {
        return String.format(
                Locale.ROOT,
                "%-28s cells %4d   exact %3d (%5.1f %%)   within 1 %3d (%5.1f %%)   " + "MAE %6.2f   bias %+6.2f",
                set,
                size(),
                exact(),
                100 * exactShare(),
                withinOne(),
                100 * withinOneShare(),
                meanAbsoluteError(),
                bias());
    }

    /** Every cell with its over/under. */
    public String cellLines() {
        StringBuilder sb = new StringBuilder();
        for (Cell c : cells) {
            int e = c.error();
            sb.append(String.format(
                    Locale.ROOT,
                    "  %-40s true %3d  counted %3d  %s%n",
                    c.cell(),
                    c.truth(),
                    c.counted(),
                    e == 0 ? "exact" : e > 0 ? "over " + e : "under " + -e));
        }
        return sb.toString();
    }

    public Map<String, Object> toJson(boolean withCells) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("set", set);
        m.put("cells", size());
        m.put("exact", exact());
        m.put("exact_share", finite(exactShare()));
        m.put("within_one", withinOne());
        m.put("within_one_share", finite(withinOneShare()));
        m.put("mean_absolute_error", finite(meanAbsoluteError()));
        m.put("bias", finite(bias()));
        if (withCells) {
            List<Object> rows = new ArrayList<>();
            for (Cell c : cells) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("cell", c.cell());
                r.put("truth", c.truth());
                r.put("counted", c.counted());
                r.put("error", c.error());
                rows.add(r);
            }
            m.put("per_cell", rows);
        }
        return m;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
