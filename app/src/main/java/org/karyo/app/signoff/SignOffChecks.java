package org.karyo.app.signoff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.karyo.app.report.Iscn;
import org.karyo.app.report.IscnResult;
import org.karyo.app.review.CountTable;
import org.karyo.app.store.Cell;

/**
 * The checks a case must pass before sign-off (pure): every counted cell reviewed, as many
 * reviewed cells as the study needs, an ISCN result that parses, whose chromosome number and
 * cell counts agree with the count table of the reviewed cells and whose sex chromosomes agree
 * with the patient's recorded sex and with the case's accepted karyograms, the laboratory's
 * details set, and the signer's full name.
 * Only a lab lead may sign past a failed check, and only with a written reason (audited).
 */
public final class SignOffChecks {

    private SignOffChecks() {}

    /** An accepted karyogram of the case: the cell ("cell 3") and the ISCN read from it ("46,XY"). */
    public record Karyogram(String cell, String iscn) {}

    /** {@link #run(CountTable, String, String, boolean, String, String, List)} for a case without karyograms. */
    public static List<SignOffCheck> run(
            CountTable table,
            String karyotype,
            String patientSex,
            boolean laboratorySet,
            String signerLogin,
            String signerFullName) {
        return run(table, karyotype, patientSex, laboratorySet, signerLogin, signerFullName, List.of());
    }

    /**
     * Every check a sign-off must pass or acknowledge, in the order the dialog shows them.
     *
     * @param table          the case's count table
     * @param karyotype      the result typed (may be blank)
     * @param patientSex     "female", "male", "unknown" or null
     * @param laboratorySet  true when the laboratory's name and address are set
     * @param signerLogin    the signer's login
     * @param signerFullName the full name in the signer's profile
     * @param karyograms     the case's accepted karyograms (empty when none)
     */
    public static List<SignOffCheck> run(
            CountTable table,
            String karyotype,
            String patientSex,
            boolean laboratorySet,
            String signerLogin,
            String signerFullName,
            List<Karyogram> karyograms) {
        List<SignOffCheck> out = new ArrayList<>();
        out.add(unreviewed(table));
        out.add(studySize(table));
        IscnResult iscn = Iscn.parse(karyotype);
        out.add(
                iscn.ok()
                        ? SignOffCheck.pass(SignOffCheck.Kind.ISCN_SYNTAX, "'" + karyotype.strip() + "' parses")
                        : SignOffCheck.fail(
                                SignOffCheck.Kind.ISCN_SYNTAX,
                                karyotype == null || karyotype.isBlank()
                                        ? "No result typed: enter the ISCN karyotype"
                                        : "'" + karyotype.strip() + "': " + iscn.describeProblems()));
        out.add(count(iscn, table));
        out.add(sex(iscn, patientSex));
        out.add(karyograms(iscn, karyograms));
        out.add(
                laboratorySet
                        ? SignOffCheck.pass(SignOffCheck.Kind.LABORATORY, "Name and address set")
                        : SignOffCheck.fail(
                                SignOffCheck.Kind.LABORATORY,
                                "Laboratory name and address not set (Case > Laboratory settings…); the report would say so"));
        boolean named = signerFullName != null
                && !signerFullName.isBlank()
                && !signerFullName.strip().equals(signerLogin);
        out.add(
                named
                        ? SignOffCheck.pass(SignOffCheck.Kind.SIGNER_NAME, signerFullName.strip())
                        : SignOffCheck.fail(
                                SignOffCheck.Kind.SIGNER_NAME,
                                "Your profile has no full name (only the login '" + signerLogin
                                        + "'); type it below so the report names who signed"));
        return out;
    }

    /** The checks that failed. */
    public static List<SignOffCheck> failed(List<SignOffCheck> checks) {
        return checks.stream().filter(c -> !c.passed()).toList();
    }

    private static SignOffCheck unreviewed(CountTable t) {
        List<Cell> u = t.unreviewed();
        if (t.counted().isEmpty()) {
            return SignOffCheck.fail(SignOffCheck.Kind.UNREVIEWED_CELLS, "No cell counted");
        }
        if (u.isEmpty()) {
            return SignOffCheck.pass(
                    SignOffCheck.Kind.UNREVIEWED_CELLS, "All " + t.counted().size() + " counted cells reviewed");
        }
        return SignOffCheck.fail(
                SignOffCheck.Kind.UNREVIEWED_CELLS,
                u.size() + " of " + t.counted().size() + " counted cells not reviewed (" + labels(u)
                        + "): review them (R) or exclude them (E)");
    }

    private static SignOffCheck studySize(CountTable t) {
        int n = t.reviewed().size();
        int need = t.guidance().target();
        String why =
                switch (t.guidance().stage()) {
                    case STANDARD -> "a standard study";
                    case EXTENDED -> "a study extended for non-modal cells";
                    case CLONE -> "a possible clone (" + t.guidance().cloneCount() + " in "
                            + t.guidance().cloneCells() + " cells)";
                };
        String have = n + (n == 1 ? " reviewed cell; " : " reviewed cells; ");
        return n >= need
                ? SignOffCheck.pass(SignOffCheck.Kind.STUDY_SIZE, have + why + " needs " + need)
                : SignOffCheck.fail(
                        SignOffCheck.Kind.STUDY_SIZE, have + why + " needs " + need + " (" + (need - n) + " more)");
    }

    private static SignOffCheck count(IscnResult iscn, CountTable t) {
        SignOffCheck.Kind k = SignOffCheck.Kind.ISCN_COUNT;
        if (!iscn.ok()) {
            return SignOffCheck.fail(k, "Cannot compare: the result does not parse");
        }
        if (t.modalNumber() < 0) {
            return SignOffCheck.fail(k, "Cannot compare: no cell reviewed");
        }
        Map<Integer, Integer> dist = t.distribution();
        List<String> problems = new ArrayList<>();
        if (!iscn.mosaic()) {
            IscnResult.Clone c = iscn.clones().get(0);
            if (c.count() != t.modalNumber()) {
                problems.add(
                        "the result states " + c.count() + " chromosomes but the modal number of the reviewed cells is "
                                + t.modalNumber() + " (" + describe(dist) + ")");
            }
            if (c.cells() != null
                    && c.cells().intValue() != dist.getOrDefault(c.count(), 0).intValue()) {
                problems.add("[" + c.cells() + "] cells stated but " + cells(dist.getOrDefault(c.count(), 0)) + " "
                        + c.count());
            }
        } else {
            for (IscnResult.Clone c : iscn.clones()) {
                int have = dist.getOrDefault(c.count(), 0);
                if (c.cells() != null && c.cells() != have) {
                    problems.add("cell line " + c.count() + " states [" + c.cells() + "] cells but " + cells(have) + " "
                            + c.count());
                }
            }
        }
        return problems.isEmpty()
                ? SignOffCheck.pass(k, "Agrees with the reviewed cells (" + describe(dist) + ")")
                : SignOffCheck.fail(k, String.join("; ", problems));
    }

    private static SignOffCheck sex(IscnResult iscn, String patientSex) {
        SignOffCheck.Kind k = SignOffCheck.Kind.ISCN_SEX;
        if (!iscn.ok()) {
            return SignOffCheck.fail(k, "Cannot compare: the result does not parse");
        }
        String sexChr = iscn.clones().stream()
                .map(IscnResult.Clone::sexChromosomes)
                .filter(s -> s != null)
                .findFirst()
                .orElse("");
        if (patientSex == null || patientSex.isBlank() || patientSex.equalsIgnoreCase("unknown")) {
            return SignOffCheck.pass(k, "Patient's sex not recorded; " + sexChr + " not compared");
        }
        boolean hasY = sexChr.contains("Y");
        boolean male = patientSex.equalsIgnoreCase("male") || patientSex.equalsIgnoreCase("M");
        if (male == hasY) {
            return SignOffCheck.pass(k, sexChr + " and patient recorded " + patientSex);
        }
        return SignOffCheck.fail(
                k,
                "The result's sex chromosomes " + sexChr + " disagree with the patient recorded as " + patientSex
                        + ": check the result or the patient's record");
    }

    /**
     * Every accepted karyogram must match a cell line of the result in chromosome number and sex
     * chromosomes: a karyogram read 47,XY,+21 under a result of 46,XY, or XX cells under XY, is a
     * mix-up of patient, cell or result. A cell line without a karyogram is not an error (a
     * mosaic's minor line is often not karyotyped).
     */
    private static SignOffCheck karyograms(IscnResult iscn, List<Karyogram> karyograms) {
        SignOffCheck.Kind k = SignOffCheck.Kind.ISCN_KARYOGRAMS;
        if (karyograms.isEmpty()) {
            return SignOffCheck.pass(k, "No karyogram accepted in this case; nothing to compare");
        }
        if (!iscn.ok()) {
            return SignOffCheck.fail(k, "Cannot compare: the result does not parse");
        }
        List<String> problems = new ArrayList<>();
        for (Karyogram g : karyograms) {
            IscnResult read = Iscn.parse(g.iscn());
            if (!read.ok() || read.clones().isEmpty()) {
                problems.add(g.cell() + "'s karyogram reads '" + g.iscn() + "', which is not ISCN");
                continue;
            }
            IscnResult.Clone kc = read.clones().get(0);
            List<IscnResult.Clone> sameCount =
                    iscn.clones().stream().filter(c -> c.count() == kc.count()).toList();
            if (sameCount.isEmpty()) {
                problems.add(g.cell() + "'s karyogram has " + kc.count() + " chromosomes (" + g.iscn()
                        + "), which no cell line of the result states");
            } else if (kc.sexChromosomes() != null
                    && sameCount.stream()
                            .noneMatch(c -> c.sexChromosomes() == null
                                    || c.sexChromosomes().equals(kc.sexChromosomes()))) {
                problems.add(g.cell() + "'s karyogram reads " + kc.sexChromosomes() + ", the result "
                        + sameCount.get(0).sexChromosomes());
            }
        }
        int n = karyograms.size();
        return problems.isEmpty()
                ? SignOffCheck.pass(
                        k, n + (n == 1 ? " karyogram agrees" : " karyograms agree") + " in number and sex chromosomes")
                : SignOffCheck.fail(k, String.join("; ", problems) + ": check the result or the karyograms");
    }

    private static String cells(int n) {
        return n + (n == 1 ? " reviewed cell has" : " reviewed cells have");
    }

    private static String describe(Map<Integer, Integer> dist) {
        return dist.entrySet().stream()
                .map(e -> e.getKey() + " in " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String labels(List<Cell> cells) {
        String s = cells.stream().limit(8).map(c -> "cell " + c.ordinal()).collect(Collectors.joining(", "));
        return cells.size() > 8 ? s + ", …" : s;
    }
}
