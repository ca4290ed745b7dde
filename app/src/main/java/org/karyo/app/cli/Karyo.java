package org.karyo.app.cli;

import org.karyo.inference.cli.KaryoSubcommand;
import org.karyo.inference.cli.Startup;
import org.karyo.inference.cli.Subcommands;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code karyo} command line: the main class, in the top module so that every module's
 * subcommands are on its class path. Each module contributes its own (count, eval, calibrate,
 * bench; train, models; gui, bench-review, report) through {@link KaryoSubcommand} services.
 */
@Command(name = "karyo", mixinStandardHelpOptions = true, version = "Karyo Workstation 0.1.0",
        description = "Chromosome counting for metaphase images (DeepCHM detector).")
public final class Karyo implements Runnable {

    public static void main(String[] args) {
        Startup.prepare(System.err);
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cl = Subcommands.addAll(new CommandLine(new Karyo()));
        cl.addSubcommand("help", new CommandLine.HelpCommand());
        return cl;
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
