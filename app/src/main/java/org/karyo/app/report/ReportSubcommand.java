package org.karyo.app.report;

import org.karyo.inference.cli.KaryoSubcommand;

/** Adds {@code karyo report} to the command line (ServiceLoader). */
public final class ReportSubcommand implements KaryoSubcommand {
    @Override
    public String name() {
        return "report";
    }

    @Override
    public Object command() {
        return new ReportCommand();
    }
}
