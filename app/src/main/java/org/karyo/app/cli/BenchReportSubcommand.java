package org.karyo.app.cli;

import org.karyo.inference.cli.KaryoSubcommand;

/** Adds {@code karyo bench-report} to the command line (ServiceLoader). */
public final class BenchReportSubcommand implements KaryoSubcommand {
    @Override
    public String name() {
        return "bench-report";
    }

    @Override
    public Object command() {
        return new BenchReportCommand();
    }
}
