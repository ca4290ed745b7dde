package org.karyo.app.cli;

import org.karyo.inference.cli.KaryoSubcommand;

/** Adds {@code karyo backup} to the command line (ServiceLoader). */
public final class BackupSubcommand implements KaryoSubcommand {
    @Override
    public String name() {
        return "backup";
    }

    @Override
    public Object command() {
        return new BackupCommand();
    }
}
