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
 * hand; a NOT_RUN cell without boxes is pending. The modal number and every piece of advice come
 * from REVIEWED cells only: a detector count nobody has checked is shown apart (it over-counts on
 * cells from other laboratories, and advice built on it extended normal studies to 50 cells).
 */
public record CountTable(
        List<Cell> counted,
        List<Cell> excluded,
        List<Cell> pending,
        CaseSummary summary,
        List<Cell> nonModal,
        Guidance guidance,
        CaseSummary detectedOnly,
        List<Integer> tiedModes) {

    /** Hook (1977) table sizes. */
    public static final List<Integer> HOOK_SIZES = List.of(20, 30, 40, 50);

    public CountTable {
        counted = List.copyOf(counted);
        excluded = List.copyOf(excluded);
        pending = List.copyOf(pending);
        nonModal = List.copyOf(nonModal);
        tiedModes = List.copyOf(tiedModes);
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
        List<Cell> reviewed =
                counted.stream().filter(c -> c.status() == CellStatus.REVIEWED).toList();
        List<Cell> unchecked =
                counted.stream().filter(c -> c.status() != CellStatus.REVIEWED).toList();
        CaseSummary summary = summarise(reviewed);
        CaseSummary detector = summarise(unchecked);
        List<Integer> ties = ties(summary);
        // off the mode of the reviewed cells; before any review, off the detector's mode
        int mode = reviewed.isEmpty() ? detector.modalNumber() : summary.modalNumber();
        List<Cell> off = counted.stream().filter(c -> c.count() != mode).toList();
        return new CountTable(
                counted,
                excluded,
                pending,
                summary,
                off,
                guidance(summary, reviewed.size(), unchecked.size(), ties),
                detector,
                ties);
    }

    private static CaseSummary summarise(List<Cell> cells) {
        return CaseSummary.of(cells.stream()
                .map(c -> new CaseSummary.CellCount(c.label(), c.count()))
                .toList());
    }

    /** The counts that share the highest frequency, when more than one does (a tie), else empty. */
    private static List<Integer> ties(CaseSummary s) {
        if (s.cellCount() == 0) {
            return List.of();
        }
        int top = s.distribution().get(s.modalNumber());
        List<Integer> tied = new TreeMap<>(s.distribution())
                .entrySet().stream()
                        .filter(e -> e.getValue() == top)
                        .map(Map.Entry::getKey)
                        .toList();
        return tied.size() > 1 ? tied : List.of();
    }

    /** The modal number of the reviewed cells, or -1 when no cell is reviewed. */
    public int modalNumber() {
        return summary.cellCount() == 0 ? -1 : summary.modalNumber();
    }

    /** Reviewed cells: the ones the result rests on. */
    public List<Cell> reviewed() {
        return counted.stream().filter(c -> c.status() == CellStatus.REVIEWED).toList();
    }

    /** Count -> number of reviewed cells with that count, ascending. */
    public Map<Integer, Integer> distribution() {
        return new TreeMap<>(summary.distribution());
    }

    /** Count -> number of detected-only (unreviewed) cells with that count, ascending. */
    public Map<Integer, Integer> detectedOnlyDistribution() {
        return new TreeMap<>(detectedOnly.distribution());
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
        return excluded.stream()
                .map(c -> c.label() + ": " + c.exclusionReason())
                .toList();
    }

    /**
     * The smallest proportion of abnormal cells that {@code n} normal cells exclude with 95 %
     * confidence (Hook 1977): {@code 1 - 0.05^(1/n)}; 20 cells -> 14 %, 30 -> 10 %, 50 -> 6 %.
     */
    public static double mosaicismExcluded95(int n) {
        return Mosaicism.excluded95(n);
    }

    /**
     * Study-size advice from the reviewed cells. ISCN 2020: a clone is the same gain in at least
     * two cells or the same loss in at least three; a single lost chromosome is usually lost in
     * the preparation, so one loss alone does not extend the study, a gain (or a loss seen twice)
     * extends it to 30, a clone to 50.
     */
    private static Guidance guidance(CaseSummary s, int n, int unchecked, List<Integer> ties) {
        Map<Integer, Double> hook = new TreeMap<>();
        HOOK_SIZES.forEach(k -> hook.put(k, mosaicismExcluded95(k)));
        String apart = unchecked == 0
                ? ""
                : "; " + unchecked + (unchecked == 1 ? " cell" : " cells")
                        + " detected only, not yet reviewed (not in this advice)";
        if (n == 0) {
            return new Guidance(
                    Guidance.Stage.STANDARD,
                    20,
                    0,
                    20,
                    null,
                    0,
                    Double.NaN,
                    hook,
                    "No cells reviewed yet; 20 cells to count" + apart);
        }
        int mode = s.modalNumber();
        Integer clone = null;
        int cloneCells = 0;
        int offMode = 0;
        boolean extend = false;
        List<String> singleLosses = new ArrayList<>();
        for (Map.Entry<Integer, Integer> e : new TreeMap<>(s.distribution()).entrySet()) {
            int k = e.getKey(), cellsWith = e.getValue();
            if (k == mode) {
                continue;
            }
            offMode += cellsWith;
            boolean gain = k > mode;
            boolean isClone = gain ? cellsWith >= 2 : cellsWith >= 3;
            if (isClone && cellsWith > cloneCells) {
                clone = k;
                cloneCells = cellsWith;
            }
            if (gain || cellsWith >= 2) {
                extend = true;
            } else {
                singleLosses.add(Integer.toString(k));
            }
        }
        Guidance.Stage stage =
                clone != null ? Guidance.Stage.CLONE : extend ? Guidance.Stage.EXTENDED : Guidance.Stage.STANDARD;
        int target = stage.cells();
        int still = Math.max(0, target - n);
        double excluded = mosaicismExcluded95(n);
        StringBuilder m = new StringBuilder();
        m.append(n > target ? n + " cells counted" : n + " of " + target + " cells counted");
        m.append("; modal ").append(mode);
        if (!ties.isEmpty()) {
            m.append(" (tie: ")
                    .append(joinTie(ties))
                    .append(" in ")
                    .append(s.distribution().get(mode))
                    .append(" cells each; count more cells to settle it)");
        }
        if (offMode == 0) {
            m.append("; mosaicism >= ").append(percent(excluded)).append(" % excluded at 95 % confidence");
        } else {
            m.append("; ")
                    .append(offMode)
                    .append(offMode == 1 ? " cell" : " cells")
                    .append(" off the mode (")
                    .append(offModeList(s.distribution(), mode))
                    .append(")");
            if (clone != null) {
                m.append("; possible clone: ")
                        .append(clone)
                        .append(" in ")
                        .append(cloneCells)
                        .append(" cells");
            }
            if (!singleLosses.isEmpty()) {
                m.append("; single-cell loss (")
                        .append(String.join(", ", singleLosses))
                        .append(") not a clone: ISCN needs the same loss in 3 cells");
            }
        }
        if (still > 0) {
            m.append("; ").append(still).append(" more to count");
            if (stage != Guidance.Stage.STANDARD) {
                m.append(" (study extended to ").append(target).append(")");
            }
        }
        m.append(apart);
        return new Guidance(stage, target, n, still, clone, cloneCells, excluded, hook, m.toString());
    }

    private static String joinTie(List<Integer> ties) {
        List<String> s = ties.stream().map(String::valueOf).toList();
        return s.size() == 2 ? s.get(0) + " and " + s.get(1) : String.join(", ", s);
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
