package org.karyo.app.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.karyo.app.Workspace;
import org.karyo.app.store.StoreException;
import org.karyo.app.store.StoreSettings;
import org.karyo.inference.model.KaryoData;

/**
 * The case store as the {@link ReportSourceProvider} service: {@code --db FILE} or a lab server's
 * {@code --db postgresql://...}, else the store the workstation's settings name, else the default
 * workspace's database. A default database that does not exist yet is not created (null: the
 * command says there is no case store).
 */
public final class StoreReportSourceProvider implements ReportSourceProvider {

    @Override
    public ReportSource open(String db) throws IOException {
        if (db != null) {
            return StoreSettings.isServerAddress(db)
                    ? StoreReportSource.openServer(db, KaryoData.dir())
                    : StoreReportSource.open(Path.of(db));
        }
        String saved;
        try {
            saved = StoreSettings.read(KaryoData.dir()).url();
        } catch (StoreException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (saved != null) {
            // the workstation's settings name the lab server: that is its case store
            return StoreReportSource.openServer(saved, KaryoData.dir());
        }
        Path file = Workspace.defaultDatabase();
        return Files.isRegularFile(file) ? StoreReportSource.open(file) : null;
    }
}
