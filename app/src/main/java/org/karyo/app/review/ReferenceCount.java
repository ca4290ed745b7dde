package org.karyo.app.review;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.karyo.app.store.Cell;
import org.karyo.app.store.CellStatus;

/**
 * The count a cell of this case is expected to have, against which a cell's count is an
 * uncertainty cue (pure). Most cells of a patient share the modal number, so a cell counted off it
 * is either a real finding (a lost or gained chromosome the reviewer must confirm) or a counting
 * error (a missed, split or merged chromosome): either way it is checked first. No threshold is
 * fitted to any set of cells.
 * <ol>
 *   <li>the modal number of the reviewed cells (all counts tied for the mode, when tied);</li>
 *   <li>before any review, the modal number of the detector's counts, when at least two cells
 *       share it (one cell is not a mode);</li>
 *   <li>otherwise 46, the human diploid number.</li>
 * </ol>
 */
public record ReferenceCount(List<Integer> counts, Basis basis) {

    /** Where the reference came from. */
    public enum Basis {
        REVIEWED_MODE("mode of the reviewed cells"),
        DETECTED_MODE("mode of the detector's counts"),
        DIPLOID("46, no mode yet");

        private final String text;

        Basis(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public static final int DIPLOID_NUMBER = 46;

    public ReferenceCount {
        counts = List.copyOf(counts);
        if (counts.isEmpty()) {
            throw new IllegalArgumentException("a reference needs at least one count");
        }
    }

    /** The reference of a case from its cells (excluded and never-counted cells do not vote). */
    public static ReferenceCount of(List<Cell> cells) {
        List<Cell> counted = cells.stream()
                .filter(c -> !c.excluded() && !(c.status() == CellStatus.NOT_RUN && c.count() == 0))
                .toList();
        return of(
                counted.stream()
                        .filter(c -> c.status() == CellStatus.REVIEWED)
                        .map(Cell::count)
                        .toList(),
                counted.stream()
                        .filter(c -> c.status() != CellStatus.REVIEWED)
                        .map(Cell::count)
                        .toList());
    }

    /** The reference from the counts of reviewed cells and of cells only the detector counted. */
    public static ReferenceCount of(List<Integer> reviewed, List<Integer> detectedOnly) {
        List<Integer> r = modes(reviewed);
        if (!r.isEmpty()) {
            return new ReferenceCount(r, Basis.REVIEWED_MODE);
        }
        List<Integer> d = modes(detectedOnly);
        if (!d.isEmpty() && frequency(detectedOnly, d.get(0)) >= 2) {
            return new ReferenceCount(d, Basis.DETECTED_MODE);
        }
        return new ReferenceCount(List.of(DIPLOID_NUMBER), Basis.DIPLOID);
    }

    /** The counts held by the most cells (several when tied), ascending; empty without counts. */
    private static List<Integer> modes(List<Integer> counts) {
        Map<Integer, Integer> n = new TreeMap<>();
        counts.forEach(c -> n.merge(c, 1, Integer::sum));
        int top = n.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return n.entrySet().stream()
                .filter(e -> e.getValue() == top)
                .map(Map.Entry::getKey)
                .toList();
    }

    private static long frequency(List<Integer> counts, int k) {
        return counts.stream().filter(c -> c == k).count();
    }

    /**
     * How many chromosomes {@code count} lies off the reference (signed, to the nearest reference
     * count; 0 on it).
     */
    public int offBy(int count) {
        int best = count - counts.get(0);
        for (int r : counts) {
            if (Math.abs(count - r) < Math.abs(best)) {
                best = count - r;
            }
        }
        return best;
    }

    /** "46 (mode of the reviewed cells)", "45 or 46 (…)". */
    public String describe() {
        return String.join(" or ", counts.stream().map(String::valueOf).toList()) + " (" + basis.text() + ")";
    }
}
