package org.karyo.inference.classify;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.karyo.inference.model.ContractException;
import org.karyo.inference.onnx.OrtRuntime;

/**
 * The chromosome classifier in an ONNX Runtime session (contract karyo-classify-1,
 * docs/karyogram.md): images [N,1,96,48] and sizes [N,1] in, class probabilities [N,25] and
 * P(p-arm up) [N,1] out. Checked when opened; thread-safe for {@link #run}.
 */
public final class ClassifierModel implements AutoCloseable {

    public static final String CONTRACT = "karyo-classify-1";
    /** The model shipped with the application. */
    public static final String DEFAULT_RELATIVE = "assets/models/karyo-classifier.onnx";

    private final OrtEnvironment env;
    private final OrtSession session;
    private final Path file;
    private final Map<String, String> metadata;

    private ClassifierModel(Path file, OrtEnvironment env, OrtSession session, Map<String, String> metadata) {
        this.file = file;
        this.env = env;
        this.session = session;
        this.metadata = metadata;
    }

    /** Opens and checks a classifier; every failure names the file. */
    public static ClassifierModel open(Path file) throws ContractException {
        if (!Files.isRegularFile(file)) {
            throw new ContractException("classifier model not found: " + file);
        }
        OrtEnvironment env = OrtRuntime.environment();
        OrtSession session;
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            opts.setIntraOpNumThreads(Math.min(4, Runtime.getRuntime().availableProcessors()));
            // no busy-waiting between runs: on a 2-core machine shared with the UI (and other
            // work) spinning threads burn the cores the rest of the application needs
            opts.addConfigEntry("session.intra_op.allow_spinning", "0");
            session = env.createSession(file.toString(), opts);
        } catch (OrtException e) {
            throw new ContractException(
                    file.getFileName() + " is not a loadable ONNX model: " + firstLine(e.getMessage()), e);
        }
        try {
            Map<String, String> md = session.getMetadata().getCustomMetadata();
            String contract = md.get("karyo.contract");
            if (!CONTRACT.equals(contract)) {
                throw new ContractException(
                        contract == null
                                ? "not a Karyo chromosome classifier (no 'karyo.contract' entry; expected '" + CONTRACT
                                        + "')"
                                : "model follows contract '" + contract + "', the classifier reads '" + CONTRACT + "'");
            }
            check(session.getInputInfo(), "image", new long[] {-1, 1, Cutout.ROWS, Cutout.COLS}, "input");
            check(session.getInputInfo(), "size", new long[] {-1, 1}, "input");
            check(session.getOutputInfo(), "probs", new long[] {-1, ChromosomeClass.OUTPUTS}, "output");
            check(session.getOutputInfo(), "p_up", new long[] {-1, 1}, "output");
            return new ClassifierModel(file, env, session, md);
        } catch (OrtException | ContractException e) {
            try {
                session.close();
            } catch (OrtException ignored) {
                // failed model: nothing more to free
            }
            throw new ContractException(file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private static void check(Map<String, NodeInfo> nodes, String name, long[] want, String kind)
            throws ContractException {
        NodeInfo n = nodes.get(name);
        if (n == null || !(n.getInfo() instanceof TensorInfo t)) {
            throw new ContractException("missing " + kind + " tensor '" + name + "' (has " + nodes.keySet() + ")");
        }
        if (t.type != ai.onnxruntime.OnnxJavaType.FLOAT) {
            throw new ContractException(kind + " '" + name + "' is " + t.type + ", expected float32");
        }
        long[] s = t.getShape();
        boolean ok = s.length == want.length;
        for (int i = 1; ok && i < s.length; i++) {
            ok = s[i] == want[i];
        }
        if (!ok) {
            throw new ContractException(
                    kind + " '" + name + "' has shape " + Arrays.toString(s) + ", expected " + Arrays.toString(want));
        }
    }

    /** Model outputs for n chromosomes: probs n*25, pUp n. */
    // numeric buffers passed on without copying or boxing; nothing compares these records by
    // value (ArrayRecordComponent's concern)
    @SuppressWarnings("ArrayRecordComponent")
    public record Output(float[] probs, float[] pUp) {}

    /** Runs n patches ({@code images} n*96*48, {@code sizes} n). */
    public Output run(float[] images, float[] sizes) throws OrtException {
        int n = sizes.length;
        if (images.length != n * Cutout.SIZE) {
            throw new IllegalArgumentException(images.length + " image values for " + n + " chromosomes");
        }
        if (n == 0) {
            return new Output(new float[0], new float[0]);
        }
        try (OnnxTensor img = OnnxTensor.createTensor(
                        env, FloatBuffer.wrap(images), new long[] {n, 1, Cutout.ROWS, Cutout.COLS});
                OnnxTensor sz = OnnxTensor.createTensor(env, FloatBuffer.wrap(sizes), new long[] {n, 1});
                OrtSession.Result r = session.run(Map.of("image", img, "size", sz))) {
            return new Output(floats(r, "probs"), floats(r, "p_up"));
        }
    }

    private static float[] floats(OrtSession.Result r, String name) throws OrtException {
        FloatBuffer fb = ((OnnxTensor) r.get(name).orElseThrow()).getFloatBuffer();
        float[] out = new float[fb.remaining()];
        fb.get(out);
        return out;
    }

    public Path file() {
        return file;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    /** "name version" from the metadata. */
    public String describe() {
        return metadata.getOrDefault("model.name", "classifier") + " " + metadata.getOrDefault("model.version", "?");
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException ignored) {
            // nothing left to free
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
