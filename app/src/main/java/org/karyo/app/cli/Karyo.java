package org.karyo.app.cli;

import java.io.IOException;
import org.karyo.core.logging.KaryoVersion;
import org.karyo.core.logging.LogFiles;
import org.karyo.inference.cli.KaryoSubcommand;
import org.karyo.inference.cli.Startup;
import org.karyo.inference.cli.Subcommands;
import org.karyo.inference.model.KaryoData;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code karyo} command line: the main class, in the top module so that every module's
 * subcommands are on its class path. Each module contributes its own (count, eval, calibrate,
 * bench; train, models; gui, bench-review, report) through {@link KaryoSubcommand} services.
 */
@Command(
        name = "karyo",
        mixinStandardHelpOptions = true,
        versionProvider = Karyo.Version.class,
        description = "Chromosome counting for metaphase images (DeepCHM detector).")
public final class Karyo implements Runnable {

    private static final System.Logger LOG = System.getLogger(Karyo.class.getName());

    public static void main(String[] args) {
        Startup.prepare(System.err);
        CommandLine cl = commandLine();
        startLog(args.length > 0 && cl.getSubcommands().containsKey(args[0]) ? args[0] : "");
        int code = cl.execute(args);
        LOG.log(System.Logger.Level.INFO, "exit {0}", code);
        System.exit(code);
    }

    /**
     * The log goes to {@code <data>/logs} for every command, the window included. Only the
     * subcommand's name is logged, never its arguments: they may name a patient's files.
     */
    private static void startLog(String subcommand) {
        try {
            LogFiles.install(KaryoData.logs());
        } catch (IOException | RuntimeException e) {
            System.err.println("warning: no log file (" + KaryoData.logs() + "): " + e.getMessage());
        }
        LOG.log(
                System.Logger.Level.INFO,
                "karyo {0} {1}; Java {2}, {3} {4}",
                KaryoVersion.get(),
                subcommand,
                System.getProperty("java.version"),
                System.getProperty("os.name"),
                System.getProperty("os.arch"));
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

    /** {@code karyo --version}: the version set once in the parent pom. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Karyo Workstation " + KaryoVersion.get()};
        }
    }
}
