package org.karyo.app.cli;

import org.karyo.inference.cli.KaryoSubcommand;

/** Adds {@code karyo bench-review} to the command line (ServiceLoader). */
public final class BenchReviewSubcommand implements KaryoSubcommand {
    @Override
    public String name() {
        return "bench-review";
    }

    @Override
    public Object command() {
        return new BenchReviewCommand();
    }
}
