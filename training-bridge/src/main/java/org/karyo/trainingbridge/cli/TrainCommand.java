package org.karyo.trainingbridge.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.karyo.inference.model.KaryoData;
import org.karyo.trainingbridge.ExportRegistration;
import org.karyo.trainingbridge.ModelRegistry;
import org.karyo.trainingbridge.PostExportEvaluation;
import org.karyo.trainingbridge.PythonEnvironment;
import org.karyo.trainingbridge.RegisteredModel;
import org.karyo.trainingbridge.RegistryException;
import org.karyo.trainingbridge.TrainerCommand;
import org.karyo.trainingbridge.TrainerOptions;
import org.karyo.trainingbridge.TrainingOutcome;
import org.karyo.trainingbridge.TrainingRun;
import org.karyo.trainingbridge.TrainingSettings;
import org.karyo.trainingbridge.TrainingUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code karyo train}: runs the PyTorch trainer, evaluates the export in Java and registers it. The
 * launcher's own options are fields here; the trainer's are added from its description
 * ({@link #commandLine()}), so a new trainer option needs no change here.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Train a DeepCHM model with PyTorch, evaluate its ONNX export in Java and register it.",
            "The trainer runs as a child process on a folder of LabelMe annotations; the exported ONNX is "
                    + "evaluated by the Java detector (as 'karyo eval') on the run's validation split, and its "
                    + "operating point is calibrated there (as 'karyo calibrate') unless --no-calibrate.",
            "Ctrl+C cancels cleanly: the trainer saves a checkpoint; continue with --resume RUN_DIR."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:trained and registered",
            "1:training or registration failed",
            "2:bad arguments or data",
            "4:training unavailable (no Python with torch, or no trainer)",
            "130:cancelled"
        })
public final class TrainCommand implements Callable<Integer> {

    static final int OK = 0, FAILED = 1, USAGE = 2, UNAVAILABLE = 4, CANCELLED = 130;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "dataset folder (docs/training.md)")
    Path data;

    @Option(
            names = "--out",
            paramLabel = "RUN_DIR",
            description = "run folder (default: the Karyo data folder's runs/DATE-TIME)")
    Path out;

    @Option(
            names = "--resume",
            paramLabel = "RUN_DIR",
            description = "continue the run in RUN_DIR from its last checkpoint")
    Path resume;

    @Option(names = "--model-version", paramLabel = "V", description = "model version written into the ONNX")
    String version;

    @Option(
            names = "--no-calibrate",
            description = "register the export at the trainer's score threshold instead of "
                    + "calibrating the operating point on the validation split (as 'karyo calibrate')")
    boolean noCalibrate;

    @Option(names = "--activate", description = "make the new model the active one once it is registered")
    boolean activate;

    @Option(
            names = "--python",
            paramLabel = "PY",
            description = "Python with torch (default: $KARYO_PYTHON, " + "/usr/bin/python3, python3 on PATH)")
    Path python;

    @Option(
            names = {"-v", "--verbose"},
            description = "every step, and the trainer's own log lines")
    boolean verbose;

    @Option(names = "--trainer-dir", hidden = true, description = "folder holding the deepchm package")
    Path trainerDir;

    @Option(
            names = "--grace",
            hidden = true,
            paramLabel = "S",
            description = "seconds a cancelled trainer gets to stop")
    long graceSeconds = TrainingRun.DEFAULT_GRACE.toSeconds();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter o = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        if (!Files.isDirectory(data)) {
            err.println("no such dataset folder: " + data);
            return USAGE;
        }
        if (resume != null
                && out != null
                && !resume.toAbsolutePath()
                        .normalize()
                        .equals(out.toAbsolutePath().normalize())) {
            err.println("--resume continues in its own run folder: leave out --out");
            return USAGE;
        }
        Path runDir = resume != null
                ? resume
                : out != null
                        ? out
                        : KaryoData.dir()
                                .resolve("runs")
                                .resolve(LocalDateTime.now(ZoneId.systemDefault())
                                        .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        TrainingSettings settings;
        try {
            settings = settings(runDir);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return USAGE;
        }
        TrainerCommand command;
        PythonEnvironment py;
        try {
            py = python == null
                    ? PythonEnvironment.find()
                    : PythonEnvironment.find(
                            List.of(new PythonEnvironment.Candidate("--python", python)),
                            PythonEnvironment.PROBE_TIMEOUT);
            command = TrainerCommand.deepchm(
                    py, settings, trainerDir != null ? trainerDir : TrainerCommand.defaultTrainerDir());
        } catch (TrainingUnavailableException e) {
            err.println(e.getMessage());
            return UNAVAILABLE;
        }
        o.printf(
                "python: %s (torch %s, CUDA %s)%nrun folder: %s%n",
                py.python(), py.torchVersion(), py.cuda() ? "available" : "not available", settings.runDir());
        if ("cuda".equals(settings.options().get("--device")) && !py.cuda()) {
            err.println("warning: --device cuda, but this torch sees no CUDA device");
        }
        o.flush();
        TrainingOutcome outcome;
        try {
            outcome = runTraining(command, o, err);
        } catch (java.io.IOException e) {
            err.println(e.getMessage());
            return FAILED;
        }
        switch (outcome.status()) {
            case CANCELLED -> {
                return CANCELLED;
            }
            case FAILED -> {
                return outcome.exitCode() == 2 ? USAGE : FAILED;
            }
            default -> {}
        }
        if (outcome.exportedModel() == null) {
            err.println("the trainer reported success but exported no model (expected " + settings.exportPath() + ")");
            return FAILED;
        }
        return registerAndCompare(outcome, settings.runDir(), o, err);
    }

    private TrainingOutcome runTraining(TrainerCommand command, PrintWriter o, PrintWriter err)
            throws java.io.IOException, InterruptedException {
        Duration grace = Duration.ofSeconds(graceSeconds);
        TrainingRun run = TrainingRun.start(command, grace, new ProgressPrinter(o, err, verbose));
        o.println("trainer log: " + run.log());
        o.flush();
        AtomicBoolean reported = new AtomicBoolean();
        // Ctrl+C: the JVM is going down; SIGTERM the trainer and stay until it has saved its checkpoint
        Thread hook = new Thread(
                () -> {
                    if (run.isRunning()) {
                        err.println("cancelling: waiting for the trainer to save its checkpoint...");
                        err.flush();
                        run.cancel();
                        try {
                            run.await(grace.plusSeconds(10)).ifPresent(oc -> report(oc, reported, o, err));
                        } catch (InterruptedException ignored) {
                            Thread.currentThread().interrupt();
                        }
                    }
                },
                "karyo-train-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        TrainingOutcome outcome = run.await();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: it reports the outcome
        }
        report(outcome, reported, o, err);
        return outcome;
    }

    private static void report(TrainingOutcome oc, AtomicBoolean reported, PrintWriter o, PrintWriter err) {
        if (reported.compareAndSet(false, true)) {
            (oc.ok() ? o : err).println(oc.message());
            o.flush();
            err.flush();
        }
    }

    private int registerAndCompare(TrainingOutcome outcome, Path runDir, PrintWriter o, PrintWriter err) {
        ModelRegistry registry = ModelRegistry.atDefaultLocation();
        Optional<RegisteredModel> active = registry.active();
        o.println("evaluating the exported ONNX with the Java detector on the validation split...");
        o.flush();
        ExportRegistration.Registered reg;
        try {
            reg = ExportRegistration.register(registry, outcome, runDir, true, !noCalibrate, line -> {
                if (verbose) {
                    err.println("  " + line);
                    err.flush();
                }
            });
        } catch (RegistryException e) {
            err.println("the model was not registered: " + e.getMessage());
            return FAILED;
        }
        RegisteredModel m = reg.model();
        o.println("registered " + m.id() + " in " + registry.root());
        if (reg.note() != null) {
            err.println("note: " + reg.note());
        }
        List<Comparison.Column> columns = new ArrayList<>();
        columns.add(
                reg.evaluation() != null
                        ? Comparison.Column.of("new " + m.id(), reg.evaluation().report())
                        : Comparison.Column.stored("new " + m.id(), m));
        if (active.isPresent() && !active.get().id().equals(m.id())) {
            columns.add(activeColumn(active.get(), reg.evaluation(), err));
        }
        if (reg.evaluation() != null) {
            o.printf(
                    "validation split: %d of %d images evaluated%n",
                    reg.evaluation().evaluated(), reg.evaluation().listed());
            reg.evaluation().notes().forEach(n -> err.println("note: " + n));
            PostExportEvaluation.Calibrated c = reg.evaluation().calibrated();
            if (c != null) {
                o.printf(
                        java.util.Locale.ROOT,
                        "operating point calibrated on the validation split (fewest miscounted "
                                + "chromosomes): score %.4f, containment %s (the export's: score %.4f, %.1f %% of cells "
                                + "counted exactly); registered file %s%n",
                        c.score(),
                        c.contain() == 0 ? "off" : Double.toString(c.contain()),
                        c.exported().operating().threshold(),
                        100 * c.exported().operating().countExactShare(),
                        c.model().getFileName());
            }
        }
        Comparison.print(o, columns);
        if (activate) {
            try {
                registry.activate(m.id());
                o.println("active model: " + m.id());
            } catch (RegistryException e) {
                err.println("not activated: " + e.getMessage());
                return FAILED;
            }
        } else {
            o.println("to use it: karyo models activate " + m.id());
        }
        o.flush();
        return OK;
    }

    /** The active model on the same validation split when possible: a fair comparison. */
    private Comparison.Column activeColumn(
            RegisteredModel active, PostExportEvaluation.Result newEval, PrintWriter err) {
        if (newEval != null) {
            try {
                PostExportEvaluation.Result r =
                        PostExportEvaluation.evaluate(active.file(), newEval.split(), true, l -> {});
                return Comparison.Column.of("active " + active.id(), r.report());
            } catch (Exception e) {
                err.println("note: the active model could not be evaluated on this split (" + e.getMessage()
                        + "); its stored metrics are shown");
            }
        }
        return Comparison.Column.stored("active " + active.id() + " (stored)", active);
    }

    /** The settings this command line asks for, with the run folder chosen. */
    public TrainingSettings settings(Path runDir) {
        TrainingSettings.Builder b =
                TrainingSettings.builder(data, runDir).resume(resume != null).option("--version", version);
        for (TrainerOptions.Option o : forwarded()) {
            b.option(o.name(), spec.findOption(o.name()).getValue());
        }
        return b.build();
    }

    /**
     * The trainer's options that {@code karyo train} takes as they are: all but the ones the launcher
     * sets ({@link TrainingSettings#LAUNCHER_SET}: {@code --resume} takes the run folder here) and
     * {@code --version}, which is {@code --model-version} here beside picocli's own --version.
     */
    public static List<TrainerOptions.Option> forwarded() {
        return TrainerOptions.bundled().all().values().stream()
                .filter(o -> !TrainingSettings.LAUNCHER_SET.contains(o.name())
                        && !o.name().equals("--version"))
                .toList();
    }

    /** {@code karyo train}: the launcher's options above, and the trainer's as it describes them. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new TrainCommand());
        for (TrainerOptions.Option o : forwarded()) {
            cl.getCommandSpec().addOption(optionSpec(o));
        }
        return cl;
    }

    private static OptionSpec optionSpec(TrainerOptions.Option o) {
        StringBuilder help = new StringBuilder(o.help().isEmpty() ? "(the trainer's " + o.name() + ")" : o.help());
        if (!o.choices().isEmpty()) {
            help.append(": ").append(String.join(", ", o.choices()));
        }
        if (!o.isFlag() && !o.defaultValue().isNull()) {
            help.append(" (trainer's default: ")
                    .append(o.defaultValue().asText())
                    .append(')');
        }
        OptionSpec.Builder b = OptionSpec.builder(o.name()).description(help.toString());
        switch (o.type()) {
            case "flag" -> b.type(boolean.class).arity("0");
            case "int" -> b.type(Long.class).paramLabel(label(o, "N"));
            case "float" -> b.type(Double.class).paramLabel(label(o, "X"));
            case "choice" -> b.type(String.class).paramLabel(label(o, "NAME")).completionCandidates(o.choices());
            default -> b.type(String.class).paramLabel(label(o, "VALUE"));
        }
        return b.build();
    }

    private static String label(TrainerOptions.Option o, String fallback) {
        return o.metavar() != null ? o.metavar() : fallback;
    }
}
