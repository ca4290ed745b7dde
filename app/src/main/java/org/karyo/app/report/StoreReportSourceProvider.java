package org.karyo.app.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.karyo.app.Workspace;

/**
 * The case store as the {@link ReportSourceProvider} service: {@code --db FILE}, else the default
 * workspace's database. A default database that does not exist yet is not created (null: the
 * command says there is no case store).
 */
public final class StoreReportSourceProvider implements ReportSourceProvider {

    @Override
    public ReportSource open(Path db) throws IOException {
        if (db != null) {
            return StoreReportSource.open(db);
        }
        Path file = Workspace.defaultDatabase();
        return Files.isRegularFile(file) ? StoreReportSource.open(file) : null;
    }
}
