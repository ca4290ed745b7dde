package org.karyo.trainingbridge;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to train and how: the arguments of {@code python3 -m deepchm.train} (docs/training.md),
 * checked against the trainer's own option description ({@link TrainerOptions#bundled()}): any
 * option the trainer declares can be set, by its name, with a value of its type. What is not set
 * is left to the trainer's default, so the defaults live in one place, the trainer; ranges
 * (positive epochs, a fraction below 1...) are the trainer's to check too (exit code 2).
 *
 * @param options trainer option name ("--epochs") to its value as the trainer takes it; a switch
 *                ("--no-sgach") maps to the empty string
 * @param resume  continue from {@code runDir/checkpoints/last.pt}
 */
public record TrainingSettings(Path dataDir, Path runDir, Map<String, String> options, boolean resume) {

    /** Trainer options the launcher sets itself: the folders, {@code --resume} and the export path. */
    public static final Set<String> LAUNCHER_SET = Set.of("--data", "--out", "--resume", "--export");

    public TrainingSettings {
        if (dataDir == null || runDir == null) {
            throw new IllegalArgumentException("the data folder and the run folder are required");
        }
        // the trainer runs in its own folder: relative paths would point elsewhere there
        dataDir = dataDir.toAbsolutePath().normalize();
        runDir = runDir.toAbsolutePath().normalize();
        TrainerOptions trainer = TrainerOptions.bundled();
        Map<String, String> checked = new LinkedHashMap<>();
        // in the trainer's order, so the command line does not depend on the order of the calls
        for (TrainerOptions.Option o : trainer.all().values()) {
            String v = options.get(o.name());
            if (v != null) {
                checked.put(o.name(), o.isFlag() ? "" : o.argument(v));
            }
        }
        for (String name : options.keySet()) {
            if (LAUNCHER_SET.contains(name)) {
                throw new IllegalArgumentException(name + " is set by the launcher, not as a training setting");
            }
            if (trainer.get(name).isEmpty()) {
                throw new IllegalArgumentException("the trainer has no option " + name);
            }
        }
        options = Collections.unmodifiableMap(checked);
    }

    public static Builder builder(Path dataDir, Path runDir) {
        return new Builder(dataDir, runDir);
    }

    /** Where the trainer is told to write the ONNX export. */
    public Path exportPath() {
        return runDir.resolve("model.onnx");
    }

    /** Arguments after {@code python3 -m deepchm.train}. */
    public List<String> arguments() {
        List<String> a = new ArrayList<>(List.of("--data", dataDir.toString(), "--out", runDir.toString()));
        options.forEach((name, value) -> {
            a.add(name);
            if (!value.isEmpty()) {
                a.add(value);
            }
        });
        if (resume) {
            a.add("--resume");
        }
        a.add("--export");
        a.add(exportPath().toString());
        return a;
    }

    /** Fluent construction: only what is set is passed to the trainer. */
    public static final class Builder {
        private final Path dataDir, runDir;
        private final Map<String, String> options = new LinkedHashMap<>();
        private boolean resume;

        private Builder(Path dataDir, Path runDir) {
            this.dataDir = dataDir;
            this.runDir = runDir;
        }

        /**
         * Sets a trainer option by its name; null (or {@code false} for a switch) leaves it to the
         * trainer's default. A number, a list of numbers or text; {@code true} for a switch.
         */
        public Builder option(String name, Object value) {
            TrainerOptions.Option o = TrainerOptions.bundled()
                    .get(name)
                    .orElseThrow(() -> new IllegalArgumentException("the trainer has no option " + name));
            if (value == null || Boolean.FALSE.equals(value)) {
                options.remove(name);
            } else if (o.isFlag()) {
                if (!Boolean.TRUE.equals(value)) {
                    throw new IllegalArgumentException(name + " is a switch: true or false, got " + value);
                }
                options.put(name, "");
            } else {
                options.put(name, o.argument(value));
            }
            return this;
        }

        public Builder preset(String v) {
            return option("--preset", v);
        }

        public Builder epochs(Integer v) {
            return option("--epochs", v);
        }

        public Builder stepsPerEpoch(Integer v) {
            return option("--steps-per-epoch", v);
        }

        public Builder maxSteps(Long v) {
            return option("--max-steps", v);
        }

        public Builder input(String v) {
            return option("--input", v);
        }

        public Builder name(String v) {
            return option("--name", v);
        }

        public Builder resume(boolean v) {
            resume = v;
            return this;
        }

        public TrainingSettings build() {
            return new TrainingSettings(dataDir, runDir, options, resume);
        }
    }
}
