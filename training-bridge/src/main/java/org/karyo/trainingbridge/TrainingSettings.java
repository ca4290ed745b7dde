package org.karyo.trainingbridge;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What to train and how: the arguments of {@code python3 -m deepchm.train} (docs/training.md).
 * Every field but the two folders may be null (or empty), meaning "the trainer's default", so the
 * defaults live in one place, the trainer.
 *
 * @param disabledSwitches paper components to switch off: pminf, sgach, hdlos, dasmp
 * @param anchorScales     anchor scales (the trainer's default: the paper's 2, 5); a run resumed or
 *                         initialised from a checkpoint keeps or transplants its anchors
 * @param resume           continue from {@code runDir/checkpoints/last.pt}
 */
public record TrainingSettings(
        Path dataDir,
        Path runDir,
        String preset,
        String backbone,
        Double width,
        List<Double> anchorScales,
        Integer epochs,
        Integer stepsPerEpoch,
        Long maxSteps,
        Integer crop,
        String input,
        String device,
        Integer threads,
        Long seed,
        Double valFraction,
        Double lr,
        Double lrDecay,
        String sampler,
        Set<String> disabledSwitches,
        boolean resume,
        String name,
        String version) {

    public static final Set<String> PRESETS = Set.of("tiny", "lite", "lite-wide", "paper");
    public static final Set<String> BACKBONES = Set.of("resnet18", "resnet34", "resnet50");
    public static final Set<String> DEVICES = Set.of("cpu", "cuda");
    public static final Set<String> SAMPLERS = Set.of("dasmp", "random", "ohem", "hnas");
    public static final Set<String> SWITCHES = Set.of("pminf", "sgach", "hdlos", "dasmp");
    private static final Pattern INPUT = Pattern.compile("\\d+x\\d+");

    public TrainingSettings {
        if (dataDir == null || runDir == null) {
            throw new IllegalArgumentException("the data folder and the run folder are required");
        }
        // the trainer runs in its own folder: relative paths would point elsewhere there
        dataDir = dataDir.toAbsolutePath().normalize();
        runDir = runDir.toAbsolutePath().normalize();
        oneOf("preset", preset, PRESETS);
        oneOf("backbone", backbone, BACKBONES);
        oneOf("device", device, DEVICES);
        oneOf("sampler", sampler, SAMPLERS);
        disabledSwitches = disabledSwitches == null ? Set.of() : Set.copyOf(disabledSwitches);
        for (String s : disabledSwitches) {
            oneOf("switch", s, SWITCHES);
        }
        positive("width", width);
        anchorScales = anchorScales == null ? List.of() : List.copyOf(anchorScales);
        for (Double a : anchorScales) {
            positive("anchor scale", a);
        }
        positive("epochs", epochs);
        positive("steps per epoch", stepsPerEpoch);
        positive("max steps", maxSteps);
        positive("crop", crop);
        positive("threads", threads);
        positive("lr", lr);
        positive("lr decay", lrDecay);
        if (valFraction != null && !(valFraction > 0 && valFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be between 0 and 1, got " + valFraction);
        }
        if (input != null && !INPUT.matcher(input).matches()) {
            throw new IllegalArgumentException("input size must be HEIGHTxWIDTH (e.g. 512x768), got " + input);
        }
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
        add(a, "--preset", preset);
        add(a, "--backbone", backbone);
        add(a, "--width", width);
        if (!anchorScales.isEmpty()) {
            a.add("--anchor-scales");
            a.add(String.join(
                    ",", anchorScales.stream().map(TrainingSettings::plain).toList()));
        }
        add(a, "--epochs", epochs);
        add(a, "--steps-per-epoch", stepsPerEpoch);
        add(a, "--max-steps", maxSteps);
        add(a, "--crop", crop);
        add(a, "--input", input);
        add(a, "--device", device);
        add(a, "--threads", threads);
        add(a, "--seed", seed);
        add(a, "--val-fraction", valFraction);
        add(a, "--lr", lr);
        add(a, "--lr-decay", lrDecay);
        add(a, "--sampler", sampler);
        for (String s : new TreeSet<>(disabledSwitches)) {
            a.add("--no-" + s);
        }
        if (resume) {
            a.add("--resume");
        }
        a.add("--export");
        a.add(exportPath().toString());
        add(a, "--name", name);
        add(a, "--version", version);
        return a;
    }

    private static void add(List<String> a, String flag, Object value) {
        if (value == null) {
            return;
        }
        a.add(flag);
        // plain decimals: "0.0001", never "1.0E-4"; "2" rather than "2.0"
        a.add(value instanceof Double d ? plain(d) : value.toString());
    }

    private static String plain(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static void oneOf(String what, String value, Set<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw new IllegalArgumentException(
                    "unknown " + what + " '" + value + "' (expected one of " + new TreeSet<>(allowed) + ")");
        }
    }

    private static void positive(String what, Number n) {
        if (n != null && !(n.doubleValue() > 0)) {
            throw new IllegalArgumentException(what + " must be positive, got " + n);
        }
    }

    /** Fluent construction: only what is set is passed to the trainer. */
    public static final class Builder {
        private final Path dataDir, runDir;
        private String preset, backbone, input, device, sampler, name, version;
        private Double width, valFraction, lr, lrDecay;
        private List<Double> anchorScales;
        private Integer epochs, stepsPerEpoch, crop, threads;
        private Long maxSteps, seed;
        private final Set<String> disabled = new TreeSet<>();
        private boolean resume;

        private Builder(Path dataDir, Path runDir) {
            this.dataDir = dataDir;
            this.runDir = runDir;
        }

        public Builder preset(String v) {
            preset = v;
            return this;
        }

        public Builder backbone(String v) {
            backbone = v;
            return this;
        }

        public Builder width(Double v) {
            width = v;
            return this;
        }

        public Builder anchorScales(List<Double> v) {
            anchorScales = v;
            return this;
        }

        public Builder epochs(Integer v) {
            epochs = v;
            return this;
        }

        public Builder stepsPerEpoch(Integer v) {
            stepsPerEpoch = v;
            return this;
        }

        public Builder maxSteps(Long v) {
            maxSteps = v;
            return this;
        }

        public Builder crop(Integer v) {
            crop = v;
            return this;
        }

        public Builder input(String v) {
            input = v;
            return this;
        }

        public Builder device(String v) {
            device = v;
            return this;
        }

        public Builder threads(Integer v) {
            threads = v;
            return this;
        }

        public Builder seed(Long v) {
            seed = v;
            return this;
        }

        public Builder valFraction(Double v) {
            valFraction = v;
            return this;
        }

        public Builder lr(Double v) {
            lr = v;
            return this;
        }

        public Builder lrDecay(Double v) {
            lrDecay = v;
            return this;
        }

        public Builder sampler(String v) {
            sampler = v;
            return this;
        }

        public Builder disable(String aSwitch) {
            disabled.add(aSwitch);
            return this;
        }

        public Builder resume(boolean v) {
            resume = v;
            return this;
        }

        public Builder name(String v) {
            name = v;
            return this;
        }

        public Builder version(String v) {
            version = v;
            return this;
        }

        public TrainingSettings build() {
            return new TrainingSettings(
                    dataDir,
                    runDir,
                    preset,
                    backbone,
                    width,
                    anchorScales,
                    epochs,
                    stepsPerEpoch,
                    maxSteps,
                    crop,
                    input,
                    device,
                    threads,
                    seed,
                    valFraction,
                    lr,
                    lrDecay,
                    sampler,
                    disabled,
                    resume,
                    name,
                    version);
        }
    }
}
