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
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the PyTorch side's own unit tests, and checks that the committed inference test fixture is
 * exactly what the exporter produces (so the Java parity test tests today's architecture).
 * Skipped where Debian's python3-torch is not installed (CI installs it).
 */
class TestPythonSide {

    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path PY_DIR = Path.of("python").toAbsolutePath();
    static final Path FIXTURES =
            Path.of("../inference/src/test/resources/models").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @BeforeAll
    static void needTorch() throws Exception {
        boolean ok = Files.isExecutable(PYTHON) && run(List.of(PYTHON.toString(), "-c", "import torch"), 60).exit == 0;
        Assumptions.assumeTrue(ok, "Debian's python3-torch is not installed (apt-get install python3-torch): skipped");
    }

    /**
     * The Python suite, run once, reported as one JUnit test per Python test (name, outcome, time,
     * traceback or skip reason) so a report or CI log shows which of them failed or skipped.
     */
    @TestFactory
    java.util.stream.Stream<DynamicTest> pythonUnitTests() throws Exception {
        Path results = tmp.resolve("python-tests.jsonl");
        Result r = run(List.of(PYTHON.toString(), "tests/run_tests.py", "--json", results.toString()), 900);
        assertTrue(Files.isRegularFile(results), "the Python test runner wrote no results: " + r.output);
        ObjectMapper om = new ObjectMapper();
        List<JsonNode> tests = new ArrayList<>();
        for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                tests.add(om.readTree(line));
            }
        }
        assertTrue(tests.size() >= 50, "only " + tests.size() + " Python tests found: " + r.output);
        List<DynamicTest> out = new ArrayList<>();
        for (JsonNode t : tests) {
            out.add(DynamicTest.dynamicTest(t.get("id").asText(), () -> {
                String outcome = t.get("outcome").asText();
                Assumptions.assumeFalse(
                        "skipped".equals(outcome),
                        () -> "skipped: " + t.get("detail").asText());
                assertEquals("passed", outcome, () -> t.get("detail").asText());
            }));
        }
        // a crash outside any test (import error in a test module) fails the suite as a whole
        out.add(DynamicTest.dynamicTest("python suite exit status", () -> assertEquals(0, r.exit, r.output)));
        return out.stream();
    }

    @Test
    void committedFixtureIsWhatTheExporterProduces() throws Exception {
        Path onnx = tmp.resolve("tiny.onnx"), ref = tmp.resolve("tiny.reference.json");
        Result r = run(
                List.of(
                        PYTHON.toString(),
                        "-m",
                        "deepchm.model.export",
                        "--random",
                        "--preset",
                        "tiny",
                        "--input",
                        "128x192",
                        "--seed",
                        "0",
                        "--name",
                        "deepchm-tiny-random",
                        "--out",
                        onnx.toString(),
                        "--reference",
                        ref.toString()),
                600);
        assertEquals(0, r.exit, r.output);
        ObjectMapper om = new ObjectMapper();
        JsonNode fresh = om.readTree(ref.toFile());
        JsonNode committed = om.readTree(
                FIXTURES.resolve("deepchm-tiny-random.reference.json").toFile());
        for (String out : List.of("saliency", "scores", "deltas")) {
            // relative to the value: a sum of ~790 differs by 1e-5 between reference BLAS and OpenBLAS
            assertClose(
                    committed.at("/" + out + "/sum").asDouble(),
                    fresh.at("/" + out + "/sum").asDouble(),
                    1e-6,
                    1e-5,
                    out
                            + ": the committed fixture no longer matches the exporter; regenerate it (training-bridge/python/README.md)");
            JsonNode a = committed.at("/" + out + "/samples"), b = fresh.at("/" + out + "/samples");
            // a sample near 0 is a difference of larger terms: its error follows the output's scale,
            // not its own value (OpenBLAS: -0.0054011 against -0.0054033, outputs of order 1)
            double scale = 0;
            for (JsonNode v : a) {
                scale = Math.max(scale, Math.abs(v.get(1).asDouble()));
            }
            for (int i = 0; i < a.size(); i++) {
                assertEquals(
                        a.get(i).get(1).asDouble(),
                        b.get(i).get(1).asDouble(),
                        1e-6 + 1e-4 * scale,
                        out + " sample " + i + " (tolerance 1e-4 of the output's largest sample, " + scale + ")");
            }
        }
    }

    /** A trained export (not only the random fixture) runs in ONNX Runtime Java exactly as in PyTorch. */
    @Test
    void trainedExportMatchesPyTorchInOnnxRuntimeJava() throws Exception {
        Path data = tmp.resolve("data"), run = tmp.resolve("run"), ref = tmp.resolve("ref.json");
        Result synth = run(
                List.of(
                        PYTHON.toString(),
                        "-m",
                        "deepchm.synth.ribbons",
                        "--out",
                        data.toString(),
                        "--images",
                        "3",
                        "--size",
                        "160x224",
                        "--seed",
                        "5"),
                120);
        assertEquals(0, synth.exit, synth.output);
        Result train = run(
                List.of(
                        PYTHON.toString(),
                        "-m",
                        "deepchm.train",
                        "--data",
                        data.toString(),
                        "--out",
                        run.toString(),
                        "--preset",
                        "tiny",
                        "--input",
                        "128x192",
                        "--crop",
                        "128",
                        "--batch",
                        "1",
                        "--max-steps",
                        "3",
                        "--val-fraction",
                        "0",
                        "--reference",
                        ref.toString()),
                600);
        assertEquals(0, train.exit, train.output);
        JsonNode reference = new ObjectMapper().readTree(ref.toFile());
        try (org.karyo.inference.onnx.DeepChmModel m =
                org.karyo.inference.onnx.DeepChmModel.open(run.resolve("model.onnx"), false)) {
            assertTrue(m.info().trained(), "an export of a training run is marked trained");
            float[] input = new float[128 * 192];
            for (int y = 0; y < 128; y++) {
                for (int x = 0; x < 192; x++) {
                    input[y * 192 + x] =
                            (float) (127.5 + 127.5 * Math.sin(0.05 * x + 0.07 * y) * Math.cos(0.03 * x - 0.02 * y));
                }
            }
            org.karyo.inference.onnx.RawMaps maps = m.predict(input);
            compare(reference.get("saliency"), maps.saliency());
            compare(reference.get("scores"), maps.scores());
            compare(reference.get("deltas"), maps.deltas());
            // the self-test the exporter stored (under this machine's BLAS) passes in ONNX Runtime Java
            org.karyo.inference.onnx.SelfTest.Result self = org.karyo.inference.onnx.SelfTest.run(m);
            assertTrue(self.present(), "a training run's export carries a self-test");
            assertTrue(self.deviation() < org.karyo.inference.onnx.SelfTest.TOLERANCE / 100, self.summary());
        }
    }

    /**
     * The trainer scales images as the workstation will (chromosome-width normalisation): its
     * numpy port of ChromosomeWidth must measure what the Java one measures.
     */
    @Test
    void trainerMeasuresChromosomeWidthsAsTheWorkstationDoes() throws Exception {
        Path demo = Path.of("../assets/demo/DEMO-0001").toAbsolutePath().normalize();
        List<Path> cells = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            cells.add(demo.resolve(String.format("cell-%02d.png", i)));
        }
        StringBuilder py =
                new StringBuilder("import json, numpy as np\nfrom PIL import Image\nfrom deepchm.data import width\n"
                        + "print(json.dumps([width.estimate(np.asarray(Image.open(f).convert('L'))) for f in [");
        for (Path c : cells) {
            py.append('\'').append(c).append("',");
        }
        py.append("]]))\n");
        Result r = run(List.of(PYTHON.toString(), "-c", py.toString()), 120);
        assertEquals(0, r.exit, r.output);
        String[] lines = r.output.strip().split("\n", -1);
        JsonNode widths = new ObjectMapper().readTree(lines[lines.length - 1]);
        for (int i = 0; i < cells.size(); i++) {
            org.opencv.core.Mat grey = org.karyo.core.image.MetaphaseImageReader.readGrey(cells.get(i), 255);
            double java = org.karyo.core.image.ChromosomeWidth.estimate(grey);
            grey.release();
            assertTrue(java > 4 && java < 40, "a plausible width: " + java);
            assertEquals(
                    java,
                    widths.get(i).asDouble(),
                    0.03 * java,
                    cells.get(i).getFileName().toString());
        }
    }

    private static void compare(JsonNode out, float[] values) {
        for (JsonNode s : out.get("samples")) {
            int idx = s.get(0).asInt();
            assertClose(s.get(1).asDouble(), values[idx], 1e-4, 1e-4, "flat index " + idx);
        }
    }

    record Result(int exit, String output) {}

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

    /**
     * |expected - actual| <= abs + rel * max(|expected|, |actual|): float32 results differ with the
     * summation order of the BLAS in use (reference, OpenBLAS), in proportion to their magnitude.
     */
    static void assertClose(double expected, double actual, double abs, double rel, String what) {
        double tol = abs + rel * Math.max(Math.abs(expected), Math.abs(actual));
        assertEquals(expected, actual, tol, what + " (tolerance " + tol + ")");
    }
}
