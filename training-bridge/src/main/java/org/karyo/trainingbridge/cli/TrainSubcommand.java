package org.karyo.trainingbridge.cli;

import org.karyo.inference.cli.KaryoSubcommand;

/** Adds {@code karyo train} to the command line (ServiceLoader). */
public final class TrainSubcommand implements KaryoSubcommand {
    @Override
    public String name() {
        return "train";
    }

    @Override
    public Object command() {
        return TrainCommand.commandLine();
    }
}
