package org.karyo.app.review;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.karyo.app.store.Box;
import org.karyo.app.store.Suggestions.Suggestion;
import org.karyo.core.geometry.ContainedBoxes;
import org.karyo.core.geometry.RotatedBox;

/**
 * Where the errors of a cell probably are (pure): the places a reviewer should look first.
 * <ul>
 *   <li>a kept box that scored just above the operating threshold (it may be a false box);</li>
 *   <li>a suggestion: a candidate just below the threshold (it may be a missed chromosome);</li>
 *   <li>two boxes on one chromosome: one covers most of the other (a chromatid, an arm, or a
 *       chromosome split in two at its centromere share one skeleton);</li>
 *   <li>a box much larger (two touching chromosomes in one box, a nucleus) or much smaller
 *       (debris, a fragment) than the cell's median box.</li>
 * </ul>
 * The cell's score is the number of places flagged. A cell whose count lies off the case's
 * {@link ReferenceCount} is flagged as a whole ({@link #countOff()}): on real cells of two
 * laboratories every miscounted cell was off it, while the places fire on most cells, right or
 * wrong (docs/performance.md, "uncertainty cue"). The cell list orders by {@link #ORDER}.
 */
public record Uncertainty(List<Flag> flags, int countOff, ReferenceCount reference) {

    /** Most uncertain first: cells off the reference (farthest first), then by places to check. */
    public static final Comparator<Uncertainty> ORDER = Comparator.comparing(Uncertainty::flagged)
            .reversed()
            .thenComparing(Comparator.comparingInt((Uncertainty u) -> Math.abs(u.countOff()))
                    .reversed())
            .thenComparing(Comparator.comparingInt(Uncertainty::score).reversed());

    /** Kept boxes scoring less than this above the operating threshold are near it. */
    public static final double NEAR_MARGIN = 0.03;
    /** One box covering at least this share of another: two boxes on one chromosome. */
    public static final double SHARED = 0.5;
    /** Area above this multiple of the median, or below its inverse-ish floor, is an outlier. */
    public static final double LARGE = 2.5, SMALL = 0.3;

    /** Why a place is flagged. */
    public enum Reason {
        SUGGESTED("candidate just below the threshold: a missed chromosome?"),
        SHARED_CHROMOSOME("two boxes on one chromosome?"),
        LARGE("much larger than the cell's boxes: two chromosomes in one box?"),
        SMALL("much smaller than the cell's boxes: debris or a fragment?"),
        NEAR_THRESHOLD("scored just above the threshold: a false box?");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /**
     * One place to look: a box (boxId) or a suggestion (suggestionId), where it is, why.
     */
    public record Flag(Long boxId, Long suggestionId, RotatedBox where, Reason reason) {}

    public Uncertainty {
        flags = List.copyOf(flags);
    }

    /** Places only, no count cue (no reference known). */
    public Uncertainty(List<Flag> flags) {
        this(flags, 0, null);
    }

    /** These places, with the cue of a cell counted {@code count} against {@code ref}. */
    public Uncertainty withCount(int count, ReferenceCount ref) {
        return new Uncertainty(flags, ref.offBy(count), ref);
    }

    /** The cell's count lies off the case's reference count: check this cell first. */
    public boolean flagged() {
        return countOff != 0;
    }

    /** Places flagged (a box flagged for two reasons counts once). */
    public int score() {
        return (int) flags.stream()
                .map(f -> f.boxId() != null ? "b" + f.boxId() : "s" + f.suggestionId())
                .distinct()
                .count();
    }

    public static Uncertainty of(List<Box> boxes, List<Suggestion> suggestions, double operatingThreshold) {
        Map<String, Flag> out = new LinkedHashMap<>();
        for (Suggestion s : suggestions) {
            out.put("s" + s.id(), new Flag(null, s.id(), s.geometry(), Reason.SUGGESTED));
        }
        double[] areas = boxes.stream()
                .mapToDouble(b -> b.geometry().w() * b.geometry().h())
                .sorted()
                .toArray();
        double median = areas.length == 0 ? 0 : areas[areas.length / 2];
        for (int i = 0; i < boxes.size(); i++) {
            Box a = boxes.get(i);
            for (int j = i + 1; j < boxes.size(); j++) {
                Box b = boxes.get(j);
                if (!near(a.geometry(), b.geometry())) {
                    continue;
                }
                // the smaller box is the one likely to be the extra one
                boolean aSmaller = area(a) <= area(b);
                Box small = aSmaller ? a : b;
                Box big = aSmaller ? b : a;
                if (ContainedBoxes.coveredFraction(small.geometry(), big.geometry()) >= SHARED) {
                    out.putIfAbsent(
                            "b" + small.id(), new Flag(small.id(), null, small.geometry(), Reason.SHARED_CHROMOSOME));
                }
            }
        }
        if (boxes.size() >= 10) {
            for (Box b : boxes) {
                double r = area(b) / median;
                if (r >= LARGE) {
                    out.putIfAbsent("b" + b.id(), new Flag(b.id(), null, b.geometry(), Reason.LARGE));
                } else if (r <= SMALL) {
                    out.putIfAbsent("b" + b.id(), new Flag(b.id(), null, b.geometry(), Reason.SMALL));
                }
            }
        }
        for (Box b : boxes) {
            if (!Double.isNaN(b.score()) && b.score() < operatingThreshold + NEAR_MARGIN) {
                out.putIfAbsent("b" + b.id(), new Flag(b.id(), null, b.geometry(), Reason.NEAR_THRESHOLD));
            }
        }
        List<Flag> flags = new ArrayList<>(out.values());
        // the order a reviewer walks them with N: by reason, then top to bottom
        flags.sort(Comparator.comparing(Flag::reason)
                .thenComparingDouble(f -> f.where().cy())
                .thenComparingDouble(f -> f.where().cx()));
        return new Uncertainty(flags);
    }

    private static double area(Box b) {
        return b.geometry().w() * b.geometry().h();
    }

    private static boolean near(RotatedBox a, RotatedBox b) {
        double r = (Math.max(a.w(), a.h()) + Math.max(b.w(), b.h())) / 2;
        return Math.abs(a.cx() - b.cx()) < r && Math.abs(a.cy() - b.cy()) < r;
    }

    /** "(mode 46)", "(mode 45 or 46)", "(expected 46)" when no mode is known yet; "" without a reference. */
    public String shortReference() {
        if (reference == null) {
            return "";
        }
        String counts = String.join(
                " or ", reference.counts().stream().map(String::valueOf).toList());
        return reference.basis() == ReferenceCount.Basis.DIPLOID
                ? "(expected " + counts + ")"
                : "(mode " + counts + ")";
    }

    /** "1 below 46 (mode of the reviewed cells)", or "" when on the reference. */
    public String describeCount() {
        if (!flagged()) {
            return "";
        }
        return Math.abs(countOff) + (countOff > 0 ? " above " : " below ") + reference.describe();
    }

    /** "1 below 46 (…); 3 places to check: 1 suggestion, 2 boxes on one chromosome". */
    public String describe() {
        String count = describeCount();
        String places = describePlaces();
        return count.isEmpty() ? places : count + "; " + places;
    }

    /** "3 places to check: 1 suggestion, 2 boxes on one chromosome". */
    public String describePlaces() {
        if (flags.isEmpty()) {
            return "nothing flagged";
        }
        Map<Reason, Integer> n = new LinkedHashMap<>();
        Arrays.stream(Reason.values()).forEach(r -> n.put(r, 0));
        flags.forEach(f -> n.merge(f.reason(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        n.forEach((r, k) -> {
            if (k > 0) {
                parts.add(k + " "
                        + switch (r) {
                            case SUGGESTED -> k == 1 ? "suggestion" : "suggestions";
                            case SHARED_CHROMOSOME -> "on a shared chromosome";
                            case LARGE -> "too large";
                            case SMALL -> "too small";
                            case NEAR_THRESHOLD -> "near the threshold";
                        });
            }
        });
        return score() + (score() == 1 ? " place" : " places") + " to check: " + String.join(", ", parts);
    }
}
