package org.karyo.trainingbridge.cli;

import org.karyo.inference.cli.KaryoSubcommand;

/** Adds {@code karyo models} to the command line (ServiceLoader). */
public final class ModelsSubcommand implements KaryoSubcommand {
    @Override
    public String name() {
        return "models";
    }

    @Override
    public Object command() {
        return new ModelsCommand();
    }
}
