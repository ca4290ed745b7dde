package org.karyo.app.archive;

import picocli.CommandLine.Command;

/** {@code karyo archive}: the laboratory archive's metaphase + karyogram pairs. */
@Command(
        name = "archive",
        mixinStandardHelpOptions = true,
        description = "Turn an archive of metaphase + karyogram pairs into outlined, classified cells.",
        subcommands = {ArchiveImportCommand.class})
public final class ArchiveCommand implements Runnable {
    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }
}
