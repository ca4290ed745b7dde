package org.karyo.app.cli;

import org.karyo.inference.cli.KaryoSubcommand;

/** Adds {@code karyo store} to the command line (ServiceLoader). */
public final class StoreSubcommand implements KaryoSubcommand {
    @Override
    public String name() {
        return "store";
    }

    @Override
    public Object command() {
        return new StoreCommand();
    }
}
