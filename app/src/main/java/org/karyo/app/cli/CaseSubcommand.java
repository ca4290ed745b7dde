package org.karyo.app.cli;

import org.karyo.app.cli.cases.CaseCommand;
import org.karyo.inference.cli.KaryoSubcommand;

/** Adds {@code karyo case} to the command line (ServiceLoader). */
public final class CaseSubcommand implements KaryoSubcommand {
    @Override
    public String name() {
        return "case";
    }

    @Override
    public Object command() {
        return new CaseCommand();
    }
}
