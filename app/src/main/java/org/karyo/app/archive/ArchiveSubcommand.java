package org.karyo.app.archive;

import org.karyo.inference.cli.KaryoSubcommand;

/** Contributes {@code karyo archive} to the command line. */
public final class ArchiveSubcommand implements KaryoSubcommand {
    @Override
    public String name() {
        return "archive";
    }

    @Override
    public Object command() {
        return new ArchiveCommand();
    }
}
