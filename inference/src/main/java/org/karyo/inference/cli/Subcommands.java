package org.karyo.inference.cli;

import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Collects the {@code karyo} subcommands that modules contribute through {@link KaryoSubcommand}
 * services. The main class lives in the top module (app's {@code Karyo}) so that every module's
 * commands are on its class path; modules below it find their own commands here.
 */
public final class Subcommands {

    private Subcommands() {}

    /** Adds every subcommand found by ServiceLoader to {@code root}, in class-path order. */
    public static CommandLine addAll(CommandLine root) {
        for (KaryoSubcommand s : ServiceLoader.load(KaryoSubcommand.class)) {
            root.addSubcommand(s.name(), s.command());
        }
        return root;
    }

    /**
     * A bare {@code karyo} command line with the subcommands on this class path, for running
     * commands in process (tests of a module below app); the real one is app's {@code Karyo}.
     */
    public static CommandLine commandLine() {
        return addAll(new CommandLine(CommandSpec.create().name("karyo").mixinStandardHelpOptions(true)));
    }
}
