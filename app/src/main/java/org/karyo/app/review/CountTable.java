package org.karyo.app.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.karyo.app.store.Cell;
import org.karyo.app.store.CellStatus;
import org.karyo.inference.count.CaseSummary;

/**
 * The count table of a case, computed from its cells (pure): counted cells, excluded cells with
 * their reasons, cells not yet counted, the modal number, the cells off the mode and the study
 * size guidance.
 *
 * <p>A cell is counted when it is not excluded and has been detected, reviewed or given boxes by
 * hand; a NOT_RUN cell without boxes is pending.
 */
public record CountTable(List<Cell> counted, List<Cell> excluded, List<Cell> pending, CaseSummary summary,
                         List<Cell> nonModal, Guidance guidance) {

    /** Hook (1977) table sizes. */
    public static final List<Integer> HOOK_SIZES = List.of(20, 30, 40, 50);

    public CountTable {
        counted = List.copyOf(counted);
        excluded = List.copyOf(excluded);
        pending = List.copyOf(pending);
        nonModal = List.copyOf(nonModal);
    }

    public static CountTable of(List<Cell> cells) {
        List<Cell> counted = new ArrayList<>();
        List<Cell> excluded = new ArrayList<>();
        List<Cell> pending = new ArrayList<>();
        for (Cell c : cells) {
            if (c.excluded()) {
                excluded.add(c);
            } else if (c.status() == CellStatus.NOT_RUN && c.count() == 0) {
                pending.add(c);
            } else {
                counted.add(c);
            }
        }
        CaseSummary summary = CaseSummary.of(counted.stream()
                .map(c -> new CaseSummary.CellCount(c.label(), c.count())).toList());
        List<Cell> off = counted.stream().filter(c -> c.count() != summary.modalNumber()).toList();
        return new CountTable(counted, excluded, pending, summary, off, guidance(summary, counted.size()));
    }

    /** The modal number, or -1 when no cell is counted. */
    public int modalNumber() {
        return counted.isEmpty() ? -1 : summary.modalNumber();
    }

    /** Count -> number of counted cells with that count, ascending. */
    public Map<Integer, Integer> distribution() {
        return new TreeMap<>(summary.distribution());
    }

    public int cellsStillToCount() {
        return guidance.stillToCount();
    }

    /** Counted cells whose boxes nobody has reviewed yet (still the detector's count, perhaps corrected). */
    public List<Cell> unreviewed() {
        return counted.stream().filter(c -> c.status() != CellStatus.REVIEWED).toList();
    }

    /** "cell label: reason" for each excluded cell. */
    public List<String> exclusionReasons() {
        return excluded.stream().map(c -> c.label() + ": " + c.exclusionReason()).toList();
    }

    /**
     * The smallest proportion of abnormal cells that {@code n} normal cells exclude with 95 %
     * confidence (Hook 1977): {@code 1 - 0.05^(1/n)}; 20 cells -> 14 %, 30 -> 10 %, 50 -> 6 %.
     */
    public static double mosaicismExcluded95(int n) {
        return Mosaicism.excluded95(n);
    }

    private static Guidance guidance(CaseSummary s, int n) {
        Map<Integer, Double> hook = new TreeMap<>();
        HOOK_SIZES.forEach(k -> hook.put(k, mosaicismExcluded95(k)));
        if (n == 0) {
            return new Guidance(Guidance.Stage.STANDARD, 20, 0, 20, null, 0, Double.NaN, hook,
                    "No cells counted yet; 20 cells to count");
        }
        int mode = s.modalNumber();
        // ISCN clone: the same gain in >= 2 cells or the same loss in >= 3 cells
        Integer clone = null;
        int cloneCells = 0;
        int offMode = 0;
        for (Map.Entry<Integer, Integer> e : new TreeMap<>(s.distribution()).entrySet()) {
            int k = e.getKey(), cellsWith = e.getValue();
            if (k == mode) {
                continue;
            }
            offMode += cellsWith;
            boolean isClone = k > mode ? cellsWith >= 2 : cellsWith >= 3;
            if (isClone && cellsWith > cloneCells) {
                clone = k;
                cloneCells = cellsWith;
            }
        }
        Guidance.Stage stage = clone != null ? Guidance.Stage.CLONE
                : offMode > 0 ? Guidance.Stage.EXTENDED : Guidance.Stage.STANDARD;
        int target = stage.cells();
        int still = Math.max(0, target - n);
        double excluded = mosaicismExcluded95(n);
        StringBuilder m = new StringBuilder();
        m.append(n > target ? n + " cells counted" : n + " of " + target + " cells counted");
        m.append("; modal ").append(mode);
        if (offMode == 0) {
            m.append("; mosaicism >= ").append(percent(excluded)).append(" % excluded at 95 % confidence");
        } else {
            m.append("; ").append(offMode).append(offMode == 1 ? " cell" : " cells").append(" off the mode (")
                    .append(offModeList(s.distribution(), mode)).append(")");
            if (clone != null) {
                m.append("; possible clone: ").append(clone).append(" in ").append(cloneCells).append(" cells");
            }
        }
        if (still > 0) {
            m.append("; ").append(still).append(" more to count");
            if (stage != Guidance.Stage.STANDARD) {
                m.append(" (study extended to ").append(target).append(")");
            }
        }
        return new Guidance(stage, target, n, still, clone, cloneCells, excluded, hook, m.toString());
    }

    private static String offModeList(Map<Integer, Integer> dist, int mode) {
        List<String> parts = new ArrayList<>();
        new TreeMap<>(dist).forEach((k, v) -> {
            if (k != mode) {
                parts.add(k + (v > 1 ? " x" + v : ""));
            }
        });
        return String.join(", ", parts);
    }

    private static String percent(double p) {
        return Integer.toString(Mosaicism.percentRoundedUp(p));
    }
}
