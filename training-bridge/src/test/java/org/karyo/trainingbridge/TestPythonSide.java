package org.karyo.trainingbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the PyTorch side's own unit tests, and checks that the committed inference test fixture is
 * exactly what the exporter produces (so the Java parity test tests today's architecture).
 * Skipped where Debian's python3-torch is not installed (CI installs it).
 */
class TestPythonSide {

    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path PY_DIR = Path.of("python").toAbsolutePath();
    static final Path FIXTURES = Path.of("../inference/src/test/resources/models").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @BeforeAll
    static void needTorch() throws Exception {
        boolean ok = Files.isExecutable(PYTHON) && run(List.of(PYTHON.toString(), "-c", "import torch"), 60).exit == 0;
        Assumptions.assumeTrue(ok, "Debian's python3-torch is not installed (apt-get install python3-torch): skipped");
    }

    @Test
    void pythonUnitTestsPass() throws Exception {
        Result r = run(List.of(PYTHON.toString(), "-m", "unittest", "discover", "-s", "tests", "-v"), 600);
        assertEquals(0, r.exit, r.output);
        assertTrue(r.output.contains("OK"), r.output);
    }

    @Test
    void committedFixtureIsWhatTheExporterProduces() throws Exception {
        Path onnx = tmp.resolve("tiny.onnx"), ref = tmp.resolve("tiny.reference.json");
        Result r = run(List.of(PYTHON.toString(), "-m", "deepchm.export", "--random", "--preset", "tiny",
                "--input", "128x192", "--seed", "0", "--name", "deepchm-tiny-random", "--out", onnx.toString(),
                "--reference", ref.toString()), 600);
        assertEquals(0, r.exit, r.output);
        ObjectMapper om = new ObjectMapper();
        JsonNode fresh = om.readTree(ref.toFile());
        JsonNode committed = om.readTree(FIXTURES.resolve("deepchm-tiny-random.reference.json").toFile());
        for (String out : List.of("saliency", "scores", "deltas")) {
            assertEquals(committed.at("/" + out + "/sum").asDouble(), fresh.at("/" + out + "/sum").asDouble(), 1e-6,
                    out + ": the committed fixture no longer matches the exporter; regenerate it (training-bridge/python/README.md)");
            JsonNode a = committed.at("/" + out + "/samples"), b = fresh.at("/" + out + "/samples");
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.get(i).get(1).asDouble(), b.get(i).get(1).asDouble(), 1e-6, out + " sample " + i);
            }
        }
    }

    record Result(int exit, String output) {
    }

    static Result run(List<String> cmd, int timeoutSeconds) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(cmd);
        ProcessBuilder pb = new ProcessBuilder(full).directory(PY_DIR.toFile()).redirectErrorStream(true);
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
