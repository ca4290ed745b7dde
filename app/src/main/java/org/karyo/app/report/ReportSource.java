package org.karyo.app.report;

import java.io.IOException;
import java.util.List;

/**
 * Where reports come from: the case store implements this (the seam between store and report).
 * Closing releases what the source opened itself (a database it owns); the default does nothing.
 */
public interface ReportSource extends AutoCloseable {

    /** The case as it stands now; an unknown id is an {@link IOException} whose message says so. */
    ReportCase load(long caseId) throws IOException;

    /** The id of the case with this accession number; an unknown one is an {@link IOException}. */
    default long caseIdOf(String accession) throws IOException {
        throw new IOException("this case source cannot look cases up by accession");
    }

    /** The case's audit trail, oldest first. */
    List<ReportAuditEntry> audit(long caseId) throws IOException;

    /** The same trail with each user by full name where the source knows it (for the report's sentences). */
    default List<ReportAuditEntry> auditByName(long caseId) throws IOException {
        return audit(caseId);
    }

    /** The karyograms of the case's karyotyped cells (none unless the source keeps karyograms). */
    default List<ReportKaryogram> karyograms(long caseId) throws IOException {
        return List.of();
    }

    @Override
    default void close() throws IOException {}
}
