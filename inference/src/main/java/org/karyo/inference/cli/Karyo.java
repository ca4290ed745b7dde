package org.karyo.inference.cli;

import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code karyo} command line. Subcommands of this module are listed here; other modules
 * (training bridge, app) contribute theirs through {@link KaryoSubcommand} services.
 */
@Command(name = "karyo", mixinStandardHelpOptions = true, version = "Karyo Workstation 0.1.0",
        description = "Chromosome counting for metaphase images (DeepCHM detector).",
        subcommands = {CountCommand.class, KaryotypeCommand.class, KaryotypeEvalCommand.class, EvalCommand.class, CalibrateCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Karyo implements Runnable {

    /** Exit codes shared by the subcommands. */
    public static final int OK = 0, SOME_FAILED = 1, USAGE = 2, NO_MODEL = 3;

    public static void main(String[] args) {
        Startup.prepare(System.err);
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Karyo());
        for (KaryoSubcommand s : ServiceLoader.load(KaryoSubcommand.class)) {
            cl.addSubcommand(s.name(), s.command());
        }
        return cl;
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
