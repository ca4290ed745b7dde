package org.karyo.trainingbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.karyo.trainingbridge.cli.TrainCommand;
import picocli.CommandLine;

/**
 * The trainer's options (deepchm.options JSON) and the Java side agree: every flag TrainingSettings
 * can pass exists in the trainer with a matching type, every {@code karyo train} option is either a
 * trainer option or a launcher-only one, and the presets offered are the trainer's.
 */
class TestTrainerOptionsParity {

    /** {@code karyo train} options that belong to the launcher, not the trainer (or are renamed). */
    static final Set<String> LAUNCHER_ONLY = Set.of(
            "--python",
            "--trainer-dir",
            "--grace",
            "--no-calibrate",
            "--activate",
            "--model-version",
            "--verbose",
            "--help",
            "--version");

    /**
     * {@code karyo train} options with a trainer namesake but a launcher meaning: {@code --resume RUN_DIR}
     * becomes the trainer's {@code --out RUN_DIR --resume} (a flag there).
     */
    static final Set<String> RESHAPED = Set.of("--resume");

    static TrainerOptions trainer;

    @BeforeAll
    static void describe() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(TestPythonSide.PYTHON), "no /usr/bin/python3: skipped");
        boolean torch = TestPythonSide.run(List.of(TestPythonSide.PYTHON.toString(), "-c", "import torch"), 120)
                        .exit()
                == 0;
        Assumptions.assumeTrue(torch, "Debian's python3-torch is not installed: skipped");
        trainer = TrainerOptions.describe(TestPythonSide.PYTHON, TestPythonSide.PY_DIR);
    }

    @Test
    void everyFlagTheSettingsPassIsATrainerOptionOfTheRightType() {
        TrainingSettings.Builder b = TrainingSettings.builder(Path.of("data"), Path.of("run"))
                .preset("lite")
                .backbone("resnet18")
                .width(0.5)
                .anchorScales(List.of(2.0, 3.5, 6.0))
                .epochs(2)
                .stepsPerEpoch(3)
                .maxSteps(4L)
                .crop(256)
                .input("512x768")
                .device("cpu")
                .threads(1)
                .seed(5L)
                .valFraction(0.2)
                .lr(1e-4)
                .lrDecay(0.9)
                .sampler("dasmp")
                .resume(true)
                .name("n")
                .version("1.0.0");
        TrainingSettings.SWITCHES.forEach(b::disable);
        List<String> args = b.build().arguments();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                continue;
            }
            TrainerOptions.Option o = trainer.get(a)
                    .orElseThrow(() -> new AssertionError(
                            a + " is passed by TrainingSettings but deepchm.train has no such option"));
            boolean takesValue = !o.type().equals("flag");
            boolean hasValue = i + 1 < args.size() && !args.get(i + 1).startsWith("--");
            assertEquals(takesValue, hasValue, a + " (" + o.type() + ")");
            if (hasValue && (o.type().equals("int") || o.type().equals("float"))) {
                String v = args.get(i + 1);
                assertTrue(v.matches(o.type().equals("int") ? "-?\\d+" : "-?[0-9.eE+-]+"), a + " " + v);
            }
        }
    }

    @Test
    void everyKaryoTrainOptionIsATrainerOptionOrTheLaunchers() {
        Set<String> unknown = new TreeSet<>();
        for (CommandLine.Model.OptionSpec o :
                new CommandLine(new TrainCommand()).getCommandSpec().options()) {
            String name = o.longestName();
            if (!LAUNCHER_ONLY.contains(name) && trainer.get(name).isEmpty()) {
                unknown.add(name);
            }
        }
        assertTrue(unknown.isEmpty(), "karyo train options the trainer does not know: " + unknown);
    }

    @Test
    void choicesAreTheTrainers() {
        assertEquals(new TreeSet<>(trainer.presets()), new TreeSet<>(TrainingSettings.PRESETS));
        assertEquals(
                new TreeSet<>(trainer.get("--backbone").orElseThrow().choices()),
                new TreeSet<>(TrainingSettings.BACKBONES));
        assertEquals(
                new TreeSet<>(trainer.get("--device").orElseThrow().choices()),
                new TreeSet<>(TrainingSettings.DEVICES));
        assertEquals(
                new TreeSet<>(trainer.get("--sampler").orElseThrow().choices()),
                new TreeSet<>(TrainingSettings.SAMPLERS));
        List<String> switches = new ArrayList<>();
        TrainingSettings.SWITCHES.forEach(s -> switches.add("--no-" + s));
        switches.forEach(s -> assertEquals(
                "flag", trainer.get(s).orElseThrow(() -> new AssertionError(s)).type(), s));
    }

    /**
     * Field by field: each {@code karyo train} option forwarded to the trainer takes the trainer's
     * type (a whole number where it wants an int, a list where a list...), and a choice option's help
     * names every choice the trainer accepts, so a new preset or sampler cannot be forgotten here.
     */
    @Test
    void everyForwardedOptionTakesTheTrainersTypeAndNamesItsChoices() {
        List<String> faults = new ArrayList<>();
        int checked = 0;
        for (CommandLine.Model.OptionSpec o :
                new CommandLine(new TrainCommand()).getCommandSpec().options()) {
            String name = o.longestName();
            if (LAUNCHER_ONLY.contains(name) || RESHAPED.contains(name)) {
                continue;
            }
            TrainerOptions.Option t = trainer.get(name).orElse(null);
            if (t == null) {
                continue; // everyKaryoTrainOptionIsATrainerOptionOrTheLaunchers names it
            }
            checked++;
            String want = t.type().equals("choice") ? "string" : t.type();
            String have = kindOf(o.type());
            if (!want.equals(have)) {
                faults.add(name + " is " + have + " in karyo train but " + t.type() + " in the trainer");
            }
            String help = String.join(" ", o.description());
            for (String c : t.choices()) {
                if (!help.contains(c)) {
                    faults.add(name + "'s help does not name the trainer's choice '" + c + "'");
                }
            }
        }
        assertTrue(checked >= 15, "only " + checked + " forwarded options found");
        assertTrue(faults.isEmpty(), String.join("; ", faults));
    }

    /** The trainer's type word for a picocli option's Java type. */
    private static String kindOf(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "int";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "float";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "flag";
        }
        if (List.class.isAssignableFrom(type)) {
            return "list";
        }
        if (type == String.class || type == Path.class) {
            return "string";
        }
        return type.getSimpleName();
    }
}
