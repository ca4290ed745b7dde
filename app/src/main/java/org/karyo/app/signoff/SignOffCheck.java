package org.karyo.app.signoff;

/**
 * One check made before a case may be signed off.
 *
 * @param kind   which rule
 * @param passed true when the case meets it
 * @param reason one sentence for the cytogeneticist: what is wrong and what to do (or what was checked)
 */
public record SignOffCheck(Kind kind, boolean passed, String reason) {

    /** The rules, in the order the dialog lists them. */
    public enum Kind {
        UNREVIEWED_CELLS("Every counted cell reviewed"),
        STUDY_SIZE("Enough cells for the study"),
        ISCN_SYNTAX("Result is well-formed ISCN"),
        ISCN_COUNT("Result agrees with the count table"),
        ISCN_SEX("Result agrees with the patient's sex"),
        ISCN_KARYOGRAMS("Result agrees with the karyograms"),
        LABORATORY("Laboratory details set"),
        SIGNER_NAME("Signer's full name in the profile");

        private final String title;

        Kind(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    static SignOffCheck pass(Kind kind, String reason) {
        return new SignOffCheck(kind, true, reason);
    }

    static SignOffCheck fail(Kind kind, String reason) {
        return new SignOffCheck(kind, false, reason);
    }
}
