package org.karyo.app.report;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.karyo.app.review.Mosaicism;
import org.karyo.inference.count.CaseSummary;

/**
 * The count summary of a report: modal number, cells off the mode, the count distribution, and
 * the mosaicism level the number of counted cells excludes at 95 % confidence (Hook 1977:
 * 1 - 0.05^(1/n); 20 cells -> 14 %, 30 -> 10 %, 50 -> 6 %). Excluded cells do not count.
 * The modal number is {@link CaseSummary}'s (ties toward 46, then the lower count) and Hook's
 * figure is {@link Mosaicism}'s, so the report and the count panel cannot disagree.
 */
public record CountStatistics(
        int cellsCounted,
        int modalNumber,
        List<ReportCell> nonModal,
        Map<Integer, Integer> distribution,
        double mosaicismExcluded95) {

    /** The usual minimum number of cells counted for a constitutional karyotype. */
    public static final int STANDARD_MINIMUM = 20;

    public CountStatistics {
        nonModal = List.copyOf(nonModal);
        distribution = Collections.unmodifiableMap(new TreeMap<>(distribution));
    }

    public static CountStatistics of(List<ReportCell> cells) {
        List<ReportCell> counted = cells.stream().filter(ReportCell::counted).toList();
        // the modal number and its tie rule are CaseSummary's, as in the count panel
        CaseSummary summary = CaseSummary.of(counted.stream()
                .map(c -> new CaseSummary.CellCount(c.label(), c.finalCount()))
                .toList());
        int mode = summary.modalNumber();
        List<ReportCell> off =
                counted.stream().filter(c -> c.finalCount() != mode).toList();
        return new CountStatistics(counted.size(), mode, off, summary.distribution(), hookExcluded(counted.size()));
    }

    /** The mosaicism fraction excluded with 95 % confidence by {@code n} normal cells ({@link Mosaicism}); 0 for none. */
    public static double hookExcluded(int n) {
        return n <= 0 ? 0.0 : Mosaicism.excluded95(n);
    }

    public boolean hasCells() {
        return cellsCounted > 0;
    }

    public boolean minimumMet() {
        return cellsCounted >= STANDARD_MINIMUM;
    }

    /** Hook's percentage rounded up to whole percent, as reports usually state it ("14 %"). */
    public int mosaicismExcludedPercent() {
        return Mosaicism.percentRoundedUp(mosaicismExcluded95);
    }
}
