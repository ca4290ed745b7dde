package org.karyo.app.cli;

import org.karyo.inference.cli.KaryoSubcommand;

/** Adds {@code karyo bench-karyogram} to the command line (ServiceLoader). */
public final class BenchKaryogramSubcommand implements KaryoSubcommand {
    @Override
    public String name() {
        return "bench-karyogram";
    }

    @Override
    public Object command() {
        return new BenchKaryogramCommand();
    }
}
