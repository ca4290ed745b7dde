package org.karyo.inference.classify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Counts, sex complement, findings and the ISCN formula of a cell from its placements, whether
 * they come from {@link KaryotypeAssigner} or from the reviewer's edits of the karyogram.
 */
public final class KaryotypeSummary {

    private KaryotypeSummary() {}

    /**
     * The cell's karyotype from its placements: counts per class, gains and losses.
     *
     * @param calls the classifier's calls (for evidence); may be empty when only placements are known
     */
    public static CellKaryotype of(List<Placement> placements, List<ChromosomeCall> calls) {
        int[] counts = new int[ChromosomeClass.COUNT];
        for (Placement p : placements) {
            if (!p.unsure()) {
                counts[p.cls()]++;
            }
        }
        List<Finding> findings = new ArrayList<>();
        List<String> gains = new ArrayList<>();
        for (int k = 0; k < 22; k++) {
            if (counts[k] == 2) {
                continue;
            }
            List<Integer> members = members(placements, k);
            String name = ChromosomeClass.name(k);
            if (counts[k] > 2) {
                for (int e = 2; e < counts[k]; e++) {
                    gains.add("+" + name);
                }
                findings.add(new Finding(
                        Finding.Kind.GAIN,
                        k,
                        members,
                        counts[k] + " chromosomes " + name + ": " + evidence(placements, members, calls, k)));
            } else {
                for (int e = counts[k]; e < 2; e++) {
                    gains.add("-" + name);
                }
                findings.add(new Finding(
                        Finding.Kind.LOSS,
                        k,
                        members,
                        counts[k] + " chromosome" + (counts[k] == 1 ? "" : "s")
                                + " " + name + (members.isEmpty() ? "" : ": " + evidence(placements, members, calls, k))
                                + candidates(placements, calls, k)));
            }
        }
        String sex = "X".repeat(counts[ChromosomeClass.X]) + "Y".repeat(counts[ChromosomeClass.Y]);
        if (!sex.equals("XX") && !sex.equals("XY")) {
            List<Integer> members = new ArrayList<>(members(placements, ChromosomeClass.X));
            members.addAll(members(placements, ChromosomeClass.Y));
            findings.add(new Finding(
                    Finding.Kind.SEX_COMPLEMENT,
                    -1,
                    members,
                    "sex chromosomes " + (sex.isEmpty() ? "none found" : sex)
                            + candidates(placements, calls, ChromosomeClass.X)));
        }
        for (Placement p : placements) {
            if (p.unsure()) {
                findings.add(new Finding(
                        Finding.Kind.UNSURE,
                        -1,
                        List.of(p.call()),
                        "chromosome " + (p.call() + 1) + " fits no class well" + top(calls, p.call())));
            } else if (p.reassigned() && !calls.isEmpty()) {
                ChromosomeCall c = calls.get(p.call());
                findings.add(new Finding(
                        Finding.Kind.REASSIGNED,
                        p.cls(),
                        List.of(p.call()),
                        String.format(
                                Locale.ROOT,
                                "chromosome %d placed as %s (p %.2f); the classifier's first choice was %s (p %.2f)",
                                p.call() + 1,
                                ChromosomeClass.name(p.cls()),
                                p.probability(),
                                ChromosomeClass.name(c.best()),
                                c.probability(c.best()))));
            }
        }
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        StringBuilder iscn = new StringBuilder().append(total).append(',').append(sex.isEmpty() ? "-" : sex);
        gains.sort(Comparator.comparingInt(g -> ChromosomeClass.index(g.substring(1))));
        for (String g : gains) {
            iscn.append(',').append(g);
        }
        return new CellKaryotype(placements, counts, sex, findings, iscn.toString());
    }

    private static List<Integer> members(List<Placement> placements, int cls) {
        List<Integer> out = new ArrayList<>();
        for (Placement p : placements) {
            if (p.cls() == cls) {
                out.add(p.call());
            }
        }
        return out;
    }

    private static String evidence(
            List<Placement> placements, List<Integer> members, List<ChromosomeCall> calls, int k) {
        StringBuilder sb = new StringBuilder("p(" + ChromosomeClass.name(k) + ") =");
        for (int m : members) {
            float p = calls.isEmpty()
                    ? placements.get(m).probability()
                    : calls.get(m).probability(k);
            sb.append(String.format(Locale.ROOT, " %.2f", p));
        }
        return sb.toString();
    }

    /** Chromosomes placed elsewhere whose probability of class k is notable: where a lost member may be. */
    private static String candidates(List<Placement> placements, List<ChromosomeCall> calls, int k) {
        if (calls.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (Placement p : placements) {
            if (p.cls() != k && calls.get(p.call()).probability(k) >= 0.1f) {
                sb.append(String.format(
                        Locale.ROOT,
                        "%s chromosome %d (placed as %s) has p(%s) %.2f",
                        sb.length() == 0 ? "; " : ", ",
                        p.call() + 1,
                        ChromosomeClass.name(p.cls()),
                        ChromosomeClass.name(k),
                        calls.get(p.call()).probability(k)));
            }
        }
        return sb.toString();
    }

    private static String top(List<ChromosomeCall> calls, int i) {
        if (calls.isEmpty()) {
            return "";
        }
        ChromosomeCall c = calls.get(i);
        int b = -1;
        for (int k = 0; k < ChromosomeClass.COUNT; k++) {
            if (b < 0 || c.probability(k) > c.probability(b)) {
                b = k;
            }
        }
        return String.format(
                Locale.ROOT,
                " (best class %s, p %.2f; not a chromosome p %.2f)",
                ChromosomeClass.name(b),
                c.probability(b),
                c.probability(ChromosomeClass.NONE));
    }
}
