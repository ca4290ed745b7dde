package org.karyo.app.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Everything a karyotype report shows, as the case store hands it over. Optional values may be
 * null (printed as a dash). A {@link Status#SIGNED} case needs at least one sign-off; anything else
 * is printed as DRAFT on every page.
 */
public record ReportCase(
        Laboratory laboratory,
        Patient patient,
        String accession,
        String specimen,
        LocalDate collected,
        LocalDate received,
        String referralReason,
        List<String> cultures,
        String bandLevel,
        int cellsAnalysed,
        String karyotype,
        String interpretation,
        Status status,
        List<SignOff> signOffs,
        List<String> reviewers,
        ModelProvenance model,
        int reportVersion,
        List<ReportCell> cells) {

    /** Whether the case has been signed out. */
    public enum Status {
        DRAFT,
        SIGNED
    }

    public record Laboratory(String name, String address) {}

    public record Patient(String id, String name, LocalDate birthDate, String sex) {
        public Patient {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("a report needs a patient identifier");
            }
        }
    }

    public record SignOff(String user, Instant time) {
        public SignOff {
            if (user == null || user.isBlank()) {
                throw new IllegalArgumentException("a sign-off needs a user");
            }
            Objects.requireNonNull(time, "sign-off time");
        }
    }

    /** The detector that produced the boxes; null fields when the cells were counted by hand. */
    public record ModelProvenance(String name, String version, String sha256) {}

    public ReportCase {
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(status, "status");
        laboratory = laboratory == null ? new Laboratory(null, null) : laboratory;
        model = model == null ? new ModelProvenance(null, null, null) : model;
        cultures = cultures == null ? List.of() : List.copyOf(cultures);
        signOffs = signOffs == null ? List.of() : List.copyOf(signOffs);
        reviewers = reviewers == null ? List.of() : List.copyOf(reviewers);
        cells = cells == null ? List.of() : List.copyOf(cells);
        if (status == Status.SIGNED && signOffs.isEmpty()) {
            throw new IllegalArgumentException("a signed case needs a sign-off (user and time)");
        }
        if (reportVersion < 1) {
            throw new IllegalArgumentException("report version starts at 1, got " + reportVersion);
        }
        if (cellsAnalysed < 0) {
            throw new IllegalArgumentException("cells analysed must not be negative");
        }
    }

    public boolean signed() {
        return status == Status.SIGNED;
    }

    /** The count statistics of the cells that are not excluded. */
    public CountStatistics statistics() {
        return CountStatistics.of(cells);
    }
}
