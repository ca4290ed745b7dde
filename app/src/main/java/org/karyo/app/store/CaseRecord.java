package org.karyo.app.store;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One cytogenetic study of a patient (accession number unique in the laboratory). {@code version}
 * is the row version this copy was read at: saving it back fails with {@link ConflictException}
 * when someone else changed the case since.
 */
public record CaseRecord(
        long id,
        long patientId,
        String accession,
        String specimen,
        String referralReason,
        String culture,
        String bandLevel,
        LocalDate collected,
        LocalDate received,
        CaseStatus status,
        String karyotype,
        String interpretation,
        Instant created,
        long version) {

    public boolean locked() {
        return status == CaseStatus.SIGNED_OFF;
    }
}
