package org.karyo.app.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.karyo.app.Workspace;
import org.karyo.app.store.Backups;
import org.karyo.app.store.StoreException;
import org.karyo.inference.cli.ExitCodes;
import org.karyo.inference.model.KaryoData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code karyo backup}: a checked copy of the case database, made while Karyo may be running. */
@Command(
        name = "backup",
        mixinStandardHelpOptions = true,
        description = {
            "Backs up the case database with SQLite's online backup (Karyo may keep running) and checks "
                    + "the copy (quick_check).",
            "Without --to it goes to <data folder>/backups/, where the newest " + Backups.KEEP + " are kept; Karyo "
                    + "also backs up there by itself at open and close when the newest is older than 4 hours.",
            "--list shows the kept backups."
        })
public final class BackupCommand implements Callable<Integer> {

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "data folder (default: KARYO_DATA or ~/.local/share/karyo)")
    Path data;

    @Option(names = "--to", paramLabel = "FILE", description = "write the backup to this file instead")
    Path to;

    @Option(names = "--list", description = "list the kept backups, newest first")
    boolean list;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        Path db = (data != null ? data : KaryoData.dir()).resolve(Workspace.DATABASE);
        try {
            if (list) {
                for (Path p : Backups.of(db).list()) {
                    out.printf("%s  %,d bytes  %s%n", p, Files.size(p), Files.getLastModifiedTime(p));
                }
                return ExitCodes.OK;
            }
            if (to != null && Files.exists(to)) {
                System.err.println(to + " already exists; choose a new file name");
                return ExitCodes.USAGE;
            }
            Path made = Backups.backUp(db, to);
            out.printf("backed up %s to %s (%,d bytes, quick_check ok)%n", db, made, Files.size(made));
            return ExitCodes.OK;
        } catch (StoreException | java.io.IOException e) {
            System.err.println("karyo backup: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }
}
