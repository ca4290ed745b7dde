package org.karyo.inference.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.karyo.inference.model.ContractException;

/**
 * The reference-output self-test a model carries in its metadata ({@value #KEY}, written by
 * {@code deepchm/model/selftest.py}): the exporter ran the network on a formula image and stored, for
 * every output, its sum, its sum of |v| and 400 stratified samples. Running the file on the same
 * image must give the same outputs within {@link #TOLERANCE} of each output's magnitude. Weights
 * overwritten by noise fail it even when the counts barely move (issue 20: 2 of 6 such models
 * passed the counting smoke test); float differences between PyTorch and ONNX Runtime, reference
 * BLAS and OpenBLAS, CPU and GPU stay far below it (docs/reliability.md has both figures).
 *
 * <p>A model without a self-test (exported before it existed) is reported as such; one whose
 * {@value #EXPORTER_KEY} names an exporter that always writes one, and lacks it, is refused.
 */
public final class SelfTest {

    public static final String KEY = "selftest.reference";
    public static final String EXPORTER_KEY = "karyo.exporter";
    /** {@code deepchm.export N}: from this N on, every export carries a self-test. */
    public static final int FIRST_EXPORTER_WITH_SELFTEST = 2;
    /** The SHA-256 of the model's body (graph and weights, not metadata) as its exporter wrote it. */
    public static final String BODY_KEY = "karyo.body.sha256";
    /** {@code deepchm.export N}: from this N on, every export records {@value #BODY_KEY}. */
    public static final int FIRST_EXPORTER_WITH_BODY_DIGEST = 3;
    /**
     * Largest accepted deviation: of a sum or a sum of |v|, relative to the output's sum of |v|;
     * of a sample, relative to the output's largest |value|. Measured (docs/reliability.md):
     * the intact default model deviates by 6.5e-7 on the CPU and by 1.2e-3 with TF32 convolutions as
     * GPUs run them; of 99 corrupted copies that still load, the least deviated by 2.1e-2.
     */
    public static final double TOLERANCE = 5e-3;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NO_SELF_TEST =
            "no self-test in the model (exported before it existed): checked by counting only";

    private SelfTest() {}

    /**
     * What a run found: {@code present} false for a model without a self-test; otherwise the worst
     * deviation and where it was.
     */
    public record Result(boolean present, double deviation, String where) {
        public String summary() {
            if (!present) {
                return NO_SELF_TEST;
            }
            return String.format(Locale.ROOT, "self-test passed (largest deviation %.1e at %s)", deviation, where);
        }
    }

    /** Runs the model's self-test; throws, naming the file, when it fails or is missing but claimed. */
    public static Result run(DeepChmModel model) throws ContractException {
        Map<String, String> md = model.info().metadata();
        String name = String.valueOf(model.file().getFileName());
        checkBody(model, md, name);
        String stored = md.get(KEY);
        if (stored == null) {
            Optional<Integer> exporter = exporterVersion(md.get(EXPORTER_KEY));
            if (exporter.isPresent() && exporter.get() >= FIRST_EXPORTER_WITH_SELFTEST) {
                throw new ContractException(name + " says it was exported by '" + md.get(EXPORTER_KEY)
                        + "', which always stores a reference-output self-test, but it has none: the file was "
                        + "edited or damaged after export; not used");
            }
            return new Result(false, Double.NaN, "");
        }
        JsonNode ref;
        try {
            ref = JSON.readTree(stored);
        } catch (java.io.IOException e) {
            throw new ContractException(name + ": its self-test entry (" + KEY + ") is not readable JSON: "
                    + e.getMessage() + "; the file is damaged; not used");
        }
        int h = model.info().inputHeight(), w = model.info().inputWidth();
        float[] input = input(h, w);
        checkInput(name, ref.path("input"), input, h, w);
        RawMaps maps;
        try {
            maps = model.predict(input);
        } catch (ai.onnxruntime.OrtException | RuntimeException e) {
            throw new ContractException(name + ": the self-test run failed: " + e.getMessage(), e);
        }
        Worst worst = new Worst();
        compare(name, "saliency", ref.path("saliency"), maps.saliency(), worst);
        compare(name, "scores", ref.path("scores"), maps.scores(), worst);
        compare(name, "deltas", ref.path("deltas"), maps.deltas(), worst);
        if (!(worst.deviation <= TOLERANCE)) {
            throw new ContractException(String.format(
                    Locale.ROOT,
                    "%s fails its self-test: on the reference image its output differs from what its exporter "
                            + "recorded (%s; %.1e of the output's magnitude, allowed %.0e): its weights are "
                            + "corrupted or were changed after export; not used",
                    name,
                    worst.detail,
                    worst.deviation,
                    TOLERANCE));
        }
        return new Result(true, worst.deviation, worst.where);
    }

    /**
     * The body digest first: a change to weights that the reference outputs cannot see (a low bit, a
     * weight the reference image barely uses) is still a file that is not what was exported.
     */
    private static void checkBody(DeepChmModel model, Map<String, String> md, String name) throws ContractException {
        String recorded = md.get(BODY_KEY);
        if (recorded == null) {
            Optional<Integer> exporter = exporterVersion(md.get(EXPORTER_KEY));
            if (exporter.isPresent() && exporter.get() >= FIRST_EXPORTER_WITH_BODY_DIGEST) {
                throw new ContractException(name + " says it was exported by '" + md.get(EXPORTER_KEY)
                        + "', which always records the digest of its graph and weights (" + BODY_KEY
                        + "), but it has none: the file was edited or damaged after export; not used");
            }
            return;
        }
        String actual;
        try {
            actual = OnnxMetadataFile.bodySha256(model.file());
        } catch (java.io.IOException e) {
            throw new ContractException(name + ": cannot read the model to check its digest: " + e.getMessage(), e);
        }
        if (!actual.equalsIgnoreCase(recorded.trim())) {
            throw new ContractException(name + ": its graph or weights changed after export (SHA-256 of the body "
                    + actual.substring(0, 16) + "..., its exporter recorded "
                    + recorded.substring(0, Math.min(16, recorded.length())) + "...): corrupted or edited; not used");
        }
    }

    /** The formula image of {@code deepchm/model/reference.py}: computed in double, stored as float. */
    public static float[] input(int h, int w) {
        float[] v = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                v[y * w + x] = (float) (127.5 + 127.5 * Math.sin(0.05 * x + 0.07 * y) * Math.cos(0.03 * x - 0.02 * y));
            }
        }
        return v;
    }

    static Optional<Integer> exporterVersion(String exporter) {
        if (exporter == null) {
            return Optional.empty();
        }
        String t = exporter.trim();
        try {
            // "deepchm.export N": the version is the last word
            return Optional.of(Integer.parseInt(t.substring(t.lastIndexOf(' ') + 1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void checkInput(String name, JsonNode in, float[] input, int h, int w) throws ContractException {
        JsonNode shape = in.path("shape");
        if (shape.size() != 4 || shape.get(2).asInt() != h || shape.get(3).asInt() != w) {
            throw new ContractException(name + ": its self-test was recorded for an input of " + shape
                    + ", the model takes 1x1x" + h + "x" + w + "; the file was edited; not used");
        }
        double sum = 0;
        for (float v : input) {
            sum += v;
        }
        double want = in.path("sum").asDouble(Double.NaN);
        if (!(Math.abs(sum - want) <= 1e-6 * Math.abs(want) + 1e-3)) {
            throw new ContractException(name + ": its self-test uses another input formula (input sum " + want
                    + ", this version builds " + sum + "); not used");
        }
    }

    private static void compare(String name, String output, JsonNode ref, float[] values, Worst worst)
            throws ContractException {
        long n = 1;
        for (JsonNode d : ref.path("shape")) {
            n *= d.asLong();
        }
        if (ref.isMissingNode() || n != values.length) {
            throw new ContractException(name + ": its self-test does not describe output '" + output + "' of "
                    + values.length + " values; the file was edited; not used");
        }
        double sum = 0, abs = 0;
        for (float v : values) {
            sum += v;
            abs += Math.abs(v);
        }
        if (!Double.isFinite(abs)) {
            throw new ContractException(name + " fails its self-test: on the reference image its output '" + output
                    + "' holds NaN or infinite values: its weights are corrupted; not used");
        }
        double refAbs = ref.path("abs_sum").asDouble(Double.NaN);
        double refSum = ref.path("sum").asDouble(Double.NaN);
        double scale = Math.max(
                Math.abs(ref.path("min").asDouble(Double.NaN)),
                Math.abs(ref.path("max").asDouble(Double.NaN)));
        // a tiny floor: an output that is (nearly) zero everywhere compares absolutely
        double sumScale = Math.max(refAbs, 1e-6 * n);
        scale = Math.max(scale, 1e-6);
        worst.offer(
                Math.abs(sum - refSum) / sumScale,
                output + " sum",
                String.format(Locale.ROOT, "%s: sum %.6g, expected %.6g", output, sum, refSum));
        worst.offer(
                Math.abs(abs - refAbs) / sumScale,
                output + " sum of |v|",
                String.format(Locale.ROOT, "%s: sum of |v| %.6g, expected %.6g", output, abs, refAbs));
        for (JsonNode s : ref.path("samples")) {
            long idx = s.path(0).asLong(-1);
            if (idx < 0 || idx >= values.length) {
                throw new ContractException(
                        name + ": its self-test names value " + idx + " of '" + output + "'; not used");
            }
            double want = s.path(1).asDouble(Double.NaN);
            float got = values[(int) idx];
            worst.offer(
                    Math.abs(got - want) / scale,
                    output + "[" + idx + "]",
                    String.format(Locale.ROOT, "%s value %d: %.6g, expected %.6g", output, idx, got, want));
        }
    }

    /** The largest deviation seen; NaN (a NaN output or reference) counts as the worst. */
    private static final class Worst {
        double deviation;
        String where = "", detail = "";

        void offer(double d, String at, String what) {
            if (Double.isNaN(d) || d > deviation) {
                deviation = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
                where = at;
                detail = what;
            }
        }
    }
}
