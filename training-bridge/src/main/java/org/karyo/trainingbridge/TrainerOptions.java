package org.karyo.trainingbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The trainer's own description of its options ({@code python -m deepchm.options}: name, type,
 * default, help, choices), the one definition that {@link TrainingSettings}, {@code karyo train}
 * and the Training pane are checked against (TestTrainerOptionsParity).
 */
public final class TrainerOptions {

    /** One option of {@code deepchm.train}: {@code type} is int, float, string, list, choice or flag. */
    public record Option(
            String name, String type, JsonNode defaultValue, boolean required, List<String> choices, String help) {
        public Option {
            choices = choices == null ? List.of() : List.copyOf(choices);
        }
    }

    private final Map<String, Option> options;

    private TrainerOptions(Map<String, Option> options) {
        this.options = options;
    }

    /** Asks the trainer in {@code trainerDir} (its deepchm package) through {@code python}. */
    public static TrainerOptions describe(Path python, Path trainerDir) throws TrainingUnavailableException {
        try {
            Process p = new ProcessBuilder(python.toString(), "-m", "deepchm.options")
                    .directory(trainerDir.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new TrainingUnavailableException(
                        "the trainer in " + trainerDir + " did not describe its options");
            }
            return parse(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TrainingUnavailableException("cannot run " + python + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrainingUnavailableException("interrupted while asking the trainer for its options");
        }
    }

    /** Reads {@code {"options": [...]}} as the trainer prints it. */
    public static TrainerOptions parse(String json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        Map<String, Option> out = new LinkedHashMap<>();
        for (JsonNode o : root.path("options")) {
            List<String> choices = new ArrayList<>();
            o.path("choices").forEach(c -> choices.add(c.asText()));
            Option opt = new Option(
                    o.path("name").asText(),
                    o.path("type").asText(),
                    o.path("default"),
                    o.path("required").asBoolean(),
                    choices,
                    o.path("help").asText());
            out.put(opt.name(), opt);
        }
        if (out.isEmpty()) {
            throw new IOException("no options in the trainer's description");
        }
        return new TrainerOptions(Map.copyOf(out));
    }

    public Optional<Option> get(String name) {
        return Optional.ofNullable(options.get(name));
    }

    public Map<String, Option> all() {
        return options;
    }

    /** The presets the trainer accepts ({@code --preset} choices). */
    public List<String> presets() {
        return get("--preset").map(Option::choices).orElse(List.of());
    }
}
