package org.karyo.app.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.karyo.app.Workspace;
import org.karyo.app.store.Backups;
import org.karyo.app.store.StoreException;
import org.karyo.inference.cli.ExitCodes;
import org.karyo.inference.model.KaryoData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code karyo restore FILE}: puts a checked backup in place of the case database. */
@Command(
        name = "restore",
        mixinStandardHelpOptions = true,
        description = {
            "Replaces the case database with a backup (karyo backup --list shows them). Close every Karyo "
                    + "window using this data folder first.",
            "The backup must pass quick_check; the database it replaces is kept in <data folder>/backups/ as "
                    + "replaced-<time>.db, never deleted."
        })
public final class RestoreCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "BACKUP", description = "the backup file to restore")
    Path backup;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "data folder (default: KARYO_DATA or ~/.local/share/karyo)")
    Path data;

    @Override
    public Integer call() {
        Path db = (data != null ? data : KaryoData.dir()).resolve(Workspace.DATABASE);
        try {
            Optional<Path> replaced = Backups.restore(backup, db);
            System.out.println("restored " + backup.toAbsolutePath() + " to " + db.toAbsolutePath()
                    + replaced.map(p -> "; the database it replaced is kept as " + p)
                            .orElse(""));
            return ExitCodes.OK;
        } catch (StoreException e) {
            System.err.println("karyo restore: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }
}
