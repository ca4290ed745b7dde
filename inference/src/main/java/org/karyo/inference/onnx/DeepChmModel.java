package org.karyo.inference.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.karyo.inference.model.ContractException;
import org.karyo.inference.model.ModelInfo;
import org.karyo.inference.model.ModelIntegrity;
import org.karyo.inference.model.ModelMetadata;

/**
 * A DeepCHM detector in an ONNX Runtime session. CUDA when the runtime on the classpath offers
 * it (the GPU build) and CUDA 12 / cuDNN 9 are installed ({@link CudaLibraries}), otherwise CPU;
 * {@link #provider()} says which and why. The graph and metadata are
 * checked against docs/onnx-contract.md when opened. {@link #predict} may be called from several
 * threads at once (ONNX Runtime sessions are thread-safe for run).
 */
public final class DeepChmModel implements AutoCloseable {

    private final OrtEnvironment env;
    private final OrtSession session;
    private final ModelInfo info;
    private final String provider;
    private final Path file;
    private final String sha256;

    private DeepChmModel(
            Path file, String sha256, OrtEnvironment env, OrtSession session, ModelInfo info, String provider) {
        this.file = file;
        this.sha256 = sha256;
        this.env = env;
        this.session = session;
        this.info = info;
        this.provider = provider;
    }

    /**
     * Opens a model; {@code preferGpu} tries CUDA only when the loaded runtime lists it. The file is
     * read once and its bytes are both checked ({@link ModelIntegrity}: a registered model must be
     * the registered file) and loaded, so what runs is what was checked.
     */
    public static DeepChmModel open(Path file, boolean preferGpu) throws ContractException {
        if (!Files.isRegularFile(file)) {
            throw new ContractException("model file not found: " + file);
        }
        byte[] bytes = ModelIntegrity.read(file);
        String sha = ModelIntegrity.check(file, bytes);
        OrtEnvironment env = OrtRuntime.environment();
        EnumSet<OrtProvider> available = OrtEnvironment.getAvailableProviders();
        OrtSession session = null;
        String provider = "CPU";
        String gpuNote = "";
        List<String> cudaMissing =
                preferGpu && available.contains(OrtProvider.CUDA) ? CudaLibraries.missing() : List.of();
        if (!cudaMissing.isEmpty()) {
            gpuNote = " (CUDA 12 / cuDNN 9 not installed: missing " + String.join(", ", cudaMissing) + ")";
        } else if (preferGpu && available.contains(OrtProvider.CUDA)) {
            try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
                opts.addCUDA(0);
                session = env.createSession(bytes, opts);
                provider = "CUDA";
            } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
                gpuNote = " (CUDA unavailable: " + firstLine(e.getMessage()) + ")";
            }
        }
        if (session == null) {
            try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
                opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                opts.setIntraOpNumThreads(Runtime.getRuntime().availableProcessors());
                session = env.createSession(bytes, opts);
            } catch (OrtException | RuntimeException e) {
                throw new ContractException(
                        file.getFileName() + " is not a loadable ONNX model: " + firstLine(e.getMessage()), e);
            }
        }
        try {
            ModelInfo info = ModelMetadata.parse(session.getMetadata().getCustomMetadata());
            GraphCheck.check(session.getInputInfo(), session.getOutputInfo(), info);
            return new DeepChmModel(file, sha, env, session, info, provider + gpuNote);
        } catch (OrtException e) {
            closeQuietly(session);
            throw new ContractException(
                    file.getFileName() + ": cannot read the model's signature: " + e.getMessage(), e);
        } catch (ContractException e) {
            closeQuietly(session);
            throw new ContractException(file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    public ModelInfo info() {
        return info;
    }

    /** "CPU" or "CUDA", with the reason when CUDA was wanted but could not start. */
    public String provider() {
        return provider;
    }

    public Path file() {
        return file;
    }

    /** SHA-256 of the bytes this session was loaded from (not of whatever the file holds now). */
    public String sha256() {
        return sha256;
    }

    /** Runs the network on one letterboxed input of H*W grey levels. */
    public RawMaps predict(float[] input) throws OrtException {
        int h = info.inputHeight(), w = info.inputWidth();
        if (input.length != h * w) {
            throw new IllegalArgumentException("input has " + input.length + " values, the model takes " + h + "x" + w);
        }
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {1, 1, h, w});
                OrtSession.Result result = session.run(Map.of(GraphCheck.INPUT, tensor))) {
            float[] sal = floats(result, GraphCheck.SALIENCY);
            float[] scores = floats(result, GraphCheck.SCORES);
            float[] deltas = floats(result, GraphCheck.DELTAS);
            return new RawMaps(info.anchors().perCell(), info.mapHeight(), info.mapWidth(), sal, scores, deltas);
        }
    }

    private static float[] floats(OrtSession.Result result, String name) throws OrtException {
        OnnxValue v = result.get(name).orElseThrow(() -> new IllegalStateException("model gave no '" + name + "'"));
        FloatBuffer fb = ((OnnxTensor) v).getFloatBuffer();
        float[] out = new float[fb.remaining()];
        fb.get(out);
        return out;
    }

    @Override
    public void close() {
        closeQuietly(session);
    }

    private static void closeQuietly(OrtSession s) {
        try {
            if (s != null) {
                s.close();
            }
        } catch (OrtException ignored) {
            // closing a session that failed to start: nothing left to free
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Shapes the contract requires; {@code -1} in the model's shape means a free dimension. */
    static final class GraphCheck {
        static final String INPUT = "image";
        static final String SALIENCY = "saliency";
        static final String SCORES = "scores";
        static final String DELTAS = "deltas";

        static void check(Map<String, NodeInfo> inputs, Map<String, NodeInfo> outputs, ModelInfo info)
                throws ContractException {
            int h = info.inputHeight(),
                    w = info.inputWidth(),
                    a = info.anchors().perCell();
            int mh = info.mapHeight(), mw = info.mapWidth();
            if (inputs.size() != 1 || !inputs.containsKey(INPUT)) {
                throw new ContractException("expected one input named '" + INPUT + "', found " + inputs.keySet());
            }
            expect(inputs, INPUT, "input", new long[] {1, 1, h, w});
            expect(outputs, SALIENCY, "output", new long[] {1, 3, mh, mw});
            expect(outputs, SCORES, "output", new long[] {1, a, mh, mw});
            expect(outputs, DELTAS, "output", new long[] {1, a, 5, mh, mw});
        }

        private static void expect(Map<String, NodeInfo> nodes, String name, String kind, long[] want)
                throws ContractException {
            NodeInfo node = nodes.get(name);
            if (node == null) {
                throw new ContractException("missing " + kind + " '" + name + "' (has " + nodes.keySet() + ")");
            }
            if (!(node.getInfo() instanceof TensorInfo t)) {
                throw new ContractException(kind + " '" + name + "' is not a tensor");
            }
            if (t.type != ai.onnxruntime.OnnxJavaType.FLOAT) {
                throw new ContractException(kind + " '" + name + "' is " + t.type + ", expected float32");
            }
            long[] shape = t.getShape();
            boolean ok = shape.length == want.length;
            for (int i = 0; ok && i < shape.length; i++) {
                ok = shape[i] == want[i] || shape[i] < 0;
            }
            if (!ok) {
                throw new ContractException(kind + " '" + name + "' has shape " + Arrays.toString(shape)
                        + ", the metadata implies " + Arrays.toString(want));
            }
        }
    }
}
