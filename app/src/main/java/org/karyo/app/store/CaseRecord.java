package org.karyo.app.store;

import java.time.Instant;
import java.time.LocalDate;

/** One cytogenetic study of a patient (accession number unique in the laboratory). */
public record CaseRecord(long id, long patientId, String accession, String specimen, String referralReason,
                         String culture, String bandLevel, LocalDate collected, LocalDate received,
                         CaseStatus status, String karyotype, String interpretation, Instant created) {

    public boolean locked() {
        return status == CaseStatus.SIGNED_OFF;
    }
}
