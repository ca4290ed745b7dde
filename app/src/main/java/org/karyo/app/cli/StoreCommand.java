package org.karyo.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.karyo.app.Workspace;
import org.karyo.app.store.StoreException;
import org.karyo.app.store.StoreMigration;
import org.karyo.inference.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code karyo store migrate}: moves a workstation's cases onto the laboratory's server store. */
@Command(
        name = "store",
        mixinStandardHelpOptions = true,
        description = "The case store: moving a workstation's cases onto the lab server (docs/lab-server.md).",
        subcommands = {StoreCommand.Migrate.class})
public final class StoreCommand implements Runnable {

    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    @Command(
            name = "migrate",
            mixinStandardHelpOptions = true,
            description = {
                "Copies every case, cell, box, outline, audit entry and image of a workstation's SQLite store "
                        + "onto an empty PostgreSQL store, in one transaction, then compares row counts and SHA-256s of "
                        + "every table on both sides (any difference: nothing is moved). The SQLite file is only read.",
                "The password comes from ~/.pgpass (or PGPASSFILE), never from the command line."
            })
    static final class Migrate implements Callable<Integer> {

        @Option(
                names = "--from",
                arity = "2",
                required = true,
                paramLabel = "sqlite FILE",
                description = "the workstation's store: sqlite <data folder>/cases.db")
        List<String> from;

        @Option(
                names = "--to",
                required = true,
                paramLabel = "URL",
                description = "postgresql://host[:port]/database[?user=LOGIN]")
        String to;

        @Option(names = "--images", paramLabel = "DIR", description = "its image folder (default: images/ beside FILE)")
        Path images;

        @Override
        public Integer call() {
            if (!"sqlite".equals(from.get(0))) {
                System.err.println("karyo store migrate: --from takes 'sqlite FILE'");
                return ExitCodes.USAGE;
            }
            Path file = Path.of(from.get(1));
            Path dir =
                    images != null ? images : file.toAbsolutePath().getParent().resolve(Workspace.IMAGES);
            try {
                List<StoreMigration.Table> moved =
                        StoreMigration.copy(file, dir, to, System.getProperty("user.name", "user"));
                System.out.printf("%-16s %10s  %s%n", "table", "rows", "SHA-256 (same on both sides)");
                for (StoreMigration.Table t : moved) {
                    System.out.printf("%-16s %10d  %s%n", t.name(), t.rows(), t.sha256());
                }
                System.out.println("moved " + file.toAbsolutePath() + " to the server; every table checked");
                return ExitCodes.OK;
            } catch (StoreException e) {
                System.err.println("karyo store migrate: " + e.getMessage());
                return ExitCodes.USAGE;
            }
        }
    }
}
