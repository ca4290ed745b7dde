package org.karyo.inference.cli;

/** A subcommand contributed by another module (e.g. train, models, gui, report) via ServiceLoader. */
public interface KaryoSubcommand {
    String name();

    /** A picocli-annotated command object. */
    Object command();
}
