package org.karyo.app.report;

import java.io.IOException;
import java.nio.file.Path;

/** A {@link java.util.ServiceLoader} service that opens a {@link ReportSource} on a case store file. */
public interface ReportSourceProvider {

    /** Opens the store at {@code db}, or the default store when {@code db} is null. */
    ReportSource open(Path db) throws IOException;
}
