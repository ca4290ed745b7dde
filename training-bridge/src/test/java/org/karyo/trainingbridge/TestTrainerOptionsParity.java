package org.karyo.trainingbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.karyo.trainingbridge.cli.TrainCommand;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The Java side is built from the trainer's option description: the committed copy
 * ({@link TrainerOptions#RESOURCE}) must be what {@code python -m deepchm.options} prints now, every
 * trainer option is a {@code karyo train} option of its type, and whatever the settings pass for
 * every option, the real trainer's parser accepts.
 */
class TestTrainerOptionsParity {

    static final String REGENERATE = "regenerate it: cd training-bridge/python && /usr/bin/python3 -m deepchm.options"
            + " > ../src/main/resources/org/karyo/trainingbridge/trainer-options.json";

    static void assumeTorch() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(TestPythonSide.PYTHON), "no /usr/bin/python3: skipped");
        boolean torch = TestPythonSide.run(List.of(TestPythonSide.PYTHON.toString(), "-c", "import torch"), 120)
                        .exit()
                == 0;
        Assumptions.assumeTrue(torch, "Debian's python3-torch is not installed: skipped");
    }

    @Test
    void theCommittedDescriptionIsWhatTheTrainerPrintsNow() throws Exception {
        assumeTorch();
        TrainerOptions now = TrainerOptions.describe(TestPythonSide.PYTHON, TestPythonSide.PY_DIR);
        TrainerOptions committed = TrainerOptions.bundled();
        assertEquals(
                List.copyOf(now.all().keySet()),
                List.copyOf(committed.all().keySet()),
                "the trainer's options changed: " + REGENERATE);
        for (TrainerOptions.Option o : now.all().values()) {
            assertEquals(o, committed.all().get(o.name()), "the trainer's " + o.name() + " changed: " + REGENERATE);
        }
    }

    @Test
    void everyTrainerOptionIsAKaryoTrainOptionOfItsType() {
        CommandLine cl = TrainCommand.commandLine();
        List<String> faults = new ArrayList<>();
        for (TrainerOptions.Option o : TrainerOptions.bundled().all().values()) {
            String name =
                    TrainingSettings.LAUNCHER_SET.contains(o.name()) || o.name().equals("--version") ? null : o.name();
            if (name == null) {
                continue;
            }
            OptionSpec spec = cl.getCommandSpec().findOption(name);
            if (spec == null) {
                faults.add(name + " is missing from karyo train");
                continue;
            }
            Class<?> want =
                    switch (o.type()) {
                        case "flag" -> boolean.class;
                        case "int" -> Long.class;
                        case "float" -> Double.class;
                        default -> String.class;
                    };
            if (spec.type() != want) {
                faults.add(name + " is " + spec.type().getSimpleName() + ", the trainer's is " + o.type());
            }
            String help = String.join(" ", spec.description());
            o.choices().stream()
                    .filter(c -> !help.contains(c))
                    .forEach(c -> faults.add(name + "'s help does not name the choice " + c));
        }
        // the launcher's own, and the trainer's --version under another name beside picocli's --version
        for (String own : List.of("--data", "--out", "--resume", "--model-version")) {
            if (cl.getCommandSpec().findOption(own) == null) {
                faults.add(own + " is missing from karyo train");
            }
        }
        assertTrue(TrainerOptions.bundled().all().size() >= 30, "too few trainer options read");
        assertTrue(faults.isEmpty(), String.join("; ", faults));
    }

    @Test
    void anOptionJavaNeverNamesReachesTheTrainer() {
        CommandLine cl = TrainCommand.commandLine();
        cl.parseArgs(
                "--data", "d", "--batch", "4", "--no-sgach", "--chromosome-width", "7.5", "--model-version", "1.2.3");
        List<String> args =
                ((TrainCommand) cl.getCommand()).settings(Path.of("r")).arguments();
        String joined = String.join(" ", args);
        assertTrue(joined.contains("--batch 4 "), joined);
        assertTrue(joined.contains("--no-sgach "), joined);
        assertTrue(joined.contains("--chromosome-width 7.5 "), joined);
        assertTrue(joined.contains("--version 1.2.3"), joined);
        assertTrue(!joined.contains("--no-hdlos") && !joined.contains("--epochs"), "only what is set: " + joined);
    }

    /** A value for every option the settings can carry, as the trainer's parser must take it. */
    @Test
    void theRealTrainerParsesASettingOfEveryOption() throws Exception {
        assumeTorch();
        TrainingSettings.Builder b = TrainingSettings.builder(Path.of("data"), Path.of("run"));
        for (TrainerOptions.Option o : TrainerOptions.bundled().all().values()) {
            if (TrainingSettings.LAUNCHER_SET.contains(o.name())) {
                continue;
            }
            Object v =
                    switch (o.type()) {
                        case "flag" -> true;
                        case "choice" -> o.choices().get(o.choices().size() - 1);
                        case "list" -> List.of(2.0, 3.5, 6.0);
                        default -> o.defaultValue().isNull()
                                ? sample(o.type())
                                : o.defaultValue().asText();
                    };
            b.option(o.name(), v);
        }
        List<String> cmd = new ArrayList<>(List.of(
                TestPythonSide.PYTHON.toString(),
                "-c",
                "import sys; from deepchm.train import parse_args; a = parse_args(sys.argv[1:]); print(len(vars(a)))"));
        cmd.addAll(b.resume(true).build().arguments());
        TestPythonSide.Result r = TestPythonSide.run(cmd, 120);
        assertEquals(0, r.exit(), String.join(" ", cmd) + "\n" + r.output());
    }

    private static Object sample(String type) {
        return switch (type) {
            case "int" -> 3;
            case "float" -> 0.5;
            default -> "x";
        };
    }
}
