package org.karyo.app.report;

import java.io.IOException;

/** A {@link java.util.ServiceLoader} service that opens a {@link ReportSource} on a case store file. */
public interface ReportSourceProvider {

    /**
     * Opens the store at {@code db} (an SQLite file, or a lab server {@code postgresql://...}), or
     * the default store when {@code db} is null.
     */
    ReportSource open(String db) throws IOException;
}
