package org.karyo.trainingbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The trainer's own description of its options ({@code python -m deepchm.options}: name, type,
 * default, help, choices): the one definition {@link TrainingSettings}, {@code karyo train} and
 * the Training pane are built from. The workstation reads the copy committed beside this class
 * ({@value #RESOURCE}), so it needs no Python to show a form or parse a command line;
 * TestTrainerOptionsParity fails when that copy and the trainer's output differ.
 */
public final class TrainerOptions {

    /** The committed description, a class-path resource beside this class. */
    public static final String RESOURCE = "trainer-options.json";

    /** One option of {@code deepchm.train}: {@code type} is int, float, string, list, choice or flag. */
    public record Option(
            String name,
            String type,
            JsonNode defaultValue,
            boolean required,
            List<String> choices,
            String metavar,
            String help) {
        public Option {
            choices = choices == null ? List.of() : List.copyOf(choices);
        }

        public boolean isFlag() {
            return type.equals("flag");
        }

        /**
         * The value as the trainer's command line takes it ("0.0001", never "1.0E-4"; "2,3.5,6" for a
         * list), refused with the option's name when it is not of the option's type or choices.
         */
        public String argument(Object value) {
            String text = value instanceof List<?> l
                    ? String.join(",", l.stream().map(Option::plain).toList())
                    : plain(value);
            boolean ok =
                    switch (type) {
                        case "int" -> text.matches("-?\\d+");
                        case "float" -> isNumber(text);
                        case "list" -> !text.isEmpty()
                                && List.of(text.split(",", -1)).stream().allMatch(Option::isNumber);
                        case "choice" -> choices.contains(text);
                        case "flag" -> false;
                        default -> true;
                    };
            if (!ok) {
                throw new IllegalArgumentException(
                        switch (type) {
                            case "choice" -> "unknown " + name + " '" + text + "' (expected one of " + choices + ")";
                            case "flag" -> name + " is a switch and takes no value";
                            default -> name + " takes "
                                    + (type.equals("list")
                                            ? "numbers separated by commas"
                                            : "a" + (type.equals("int") ? " whole number" : " number"))
                                    + ", got '" + text + "'";
                        });
            }
            return text;
        }

        private static String plain(Object v) {
            return v instanceof Double || v instanceof Float
                    ? BigDecimal.valueOf(((Number) v).doubleValue())
                            .stripTrailingZeros()
                            .toPlainString()
                    : String.valueOf(v);
        }

        private static boolean isNumber(String s) {
            try {
                Double.parseDouble(s);
                return !s.isBlank();
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }

    private static final class Bundled {
        static final TrainerOptions INSTANCE = load();

        private static TrainerOptions load() {
            try (InputStream in = TrainerOptions.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the trainer's option description " + RESOURCE
                            + " is missing from the class path (a broken build)");
                }
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the trainer's option description " + RESOURCE, e);
            }
        }
    }

    private final Map<String, Option> options;

    private TrainerOptions(Map<String, Option> options) {
        this.options = options;
    }

    /** The description committed with this build (read once). */
    public static TrainerOptions bundled() {
        return Bundled.INSTANCE;
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
                    o.path("metavar").isTextual() ? o.path("metavar").asText() : null,
                    o.path("help").asText());
            out.put(opt.name(), opt);
        }
        if (out.isEmpty()) {
            throw new IOException("no options in the trainer's description");
        }
        return new TrainerOptions(Collections.unmodifiableMap(out));
    }

    public Optional<Option> get(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /** Every option, in the trainer's order. */
    public Map<String, Option> all() {
        return options;
    }

    /** The presets the trainer accepts ({@code --preset} choices). */
    public List<String> presets() {
        return get("--preset").map(Option::choices).orElse(List.of());
    }
}
