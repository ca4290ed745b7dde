package org.karyo.app.cli;

import org.karyo.inference.cli.KaryoSubcommand;

/** Adds {@code karyo restore} to the command line (ServiceLoader). */
public final class RestoreSubcommand implements KaryoSubcommand {
    @Override
    public String name() {
        return "restore";
    }

    @Override
    public Object command() {
        return new RestoreCommand();
    }
}
