package org.karyo.trainingbridge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.karyo.inference.model.ModelLocator;

/**
 * The child process of a run: command line, working folder, run folder (where trainer.log goes)
 * and extra environment. {@link #deepchm} builds the real trainer's; tests build fake trainers.
 */
public record TrainerCommand(List<String> argv, Path workDir, Path runDir, Map<String, String> environment) {

    /** The trainer's package, relative to the installation ({@code karyo.home}). */
    public static final String TRAINER_DIR = "training-bridge/python";

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    public TrainerCommand {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
    }

    /** {@code python -u -m deepchm.train ARGS} run in {@code trainerDir}. */
    public static TrainerCommand deepchm(PythonEnvironment python, TrainingSettings settings, Path trainerDir)
            throws TrainingUnavailableException {
        if (!Files.isRegularFile(trainerDir.resolve("deepchm/train.py"))) {
            throw new TrainingUnavailableException("the trainer (deepchm/train.py) is not in " + trainerDir
                    + ": this installation has no training support");
        }
        List<String> argv = new ArrayList<>();
        // A session of its own: Ctrl+C in the terminal then reaches only the JVM, whose shutdown hook
        // cancels with SIGTERM, so the trainer saves its checkpoint instead of dying of SIGINT.
        // setsid execs in place (the JVM's child is no group leader), so the pid stays the trainer's.
        if (Files.isExecutable(SETSID)) {
            argv.add(SETSID.toString());
        }
        argv.addAll(List.of(python.python().toString(), "-u", "-m", "deepchm.train"));
        argv.addAll(settings.arguments());
        return new TrainerCommand(argv, trainerDir, settings.runDir(), Map.of("PYTHONUNBUFFERED", "1"));
    }

    /** {@code <karyo.home>/training-bridge/python}. */
    public static Path defaultTrainerDir() throws TrainingUnavailableException {
        return ModelLocator.home()
                .map(h -> h.resolve(TRAINER_DIR))
                .orElseThrow(() -> new TrainingUnavailableException(
                        "cannot find the trainer: the karyo.home system property is not set "
                                + "(start Karyo with the ./karyo launcher)"));
    }
}
