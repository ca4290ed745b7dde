package org.karyo.inference;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The random-weight contract fixture exported by training-bridge/python (tiny preset, 128x192). */
public final class ModelFixtures {

    public static final String TINY = "/models/deepchm-tiny-random.onnx";
    public static final String TINY_REFERENCE = "/models/deepchm-tiny-random.reference.json";

    private ModelFixtures() {}

    /** Copies a test resource to {@code dir} and returns its path. */
    public static Path copy(String resource, Path dir) throws IOException {
        Path out = dir.resolve(Path.of(resource).getFileName().toString());
        try (InputStream in = ModelFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + resource);
            }
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        }
        return out;
    }

    /** The deterministic input the Python reference used: 127.5 + 127.5 sin(.05x + .07y) cos(.03x - .02y). */
    public static float[] referenceInput(int h, int w) {
        float[] v = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                v[y * w + x] = (float) (127.5 + 127.5 * Math.sin(0.05 * x + 0.07 * y) * Math.cos(0.03 * x - 0.02 * y));
            }
        }
        return v;
    }
}
