package org.karyo.app.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The count summary of a report: modal number, cells off the mode, the count distribution, and
 * the mosaicism level the number of counted cells excludes at 95 % confidence (Hook 1977:
 * 1 - 0.05^(1/n); 20 cells -> 14 %, 30 -> 10 %, 50 -> 6 %). Excluded cells do not count.
 * The modal number breaks ties toward 46, then the lower count (as {@code CaseSummary} does).
 */
public record CountStatistics(int cellsCounted, int modalNumber, List<ReportCell> nonModal,
                              Map<Integer, Integer> distribution, double mosaicismExcluded95) {

    /** The usual minimum number of cells counted for a constitutional karyotype. */
    public static final int STANDARD_MINIMUM = 20;

    public CountStatistics {
        nonModal = List.copyOf(nonModal);
        distribution = Collections.unmodifiableMap(new TreeMap<>(distribution));
    }

    public static CountStatistics of(List<ReportCell> cells) {
        List<ReportCell> counted = cells.stream().filter(ReportCell::counted).toList();
        TreeMap<Integer, Integer> dist = new TreeMap<>();
        counted.forEach(c -> dist.merge(c.finalCount(), 1, Integer::sum));
        int mode = -1, best = 0;
        for (Map.Entry<Integer, Integer> e : dist.entrySet()) {
            int k = e.getKey(), n = e.getValue();
            if (n > best || (n == best && Math.abs(k - 46) < Math.abs(mode - 46))) {
                mode = k;
                best = n;
            }
        }
        List<ReportCell> off = new ArrayList<>();
        for (ReportCell c : counted) {
            if (c.finalCount() != mode) {
                off.add(c);
            }
        }
        return new CountStatistics(counted.size(), mode, off, dist, hookExcluded(counted.size()));
    }

    /** The mosaicism fraction excluded with 95 % confidence by {@code n} normal cells; 0 for none. */
    public static double hookExcluded(int n) {
        return n <= 0 ? 0.0 : 1.0 - Math.pow(0.05, 1.0 / n);
    }

    public boolean hasCells() {
        return cellsCounted > 0;
    }

    public boolean minimumMet() {
        return cellsCounted >= STANDARD_MINIMUM;
    }

    /** Hook's percentage rounded up to whole percent, as reports usually state it ("14 %"). */
    public int mosaicismExcludedPercent() {
        return (int) Math.ceil(mosaicismExcluded95 * 100 - 1e-9);
    }
}
