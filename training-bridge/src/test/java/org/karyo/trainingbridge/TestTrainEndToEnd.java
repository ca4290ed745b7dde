package org.karyo.trainingbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.inference.cli.Subcommands;
import org.karyo.inference.model.ModelLocator;
import picocli.CommandLine;

/**
 * `karyo train` with the real PyTorch trainer on generated images: trains a tiny configuration
 * for a few steps, evaluates the export through the Java inference path, registers and activates
 * it, and `karyo count` then finds it as the active model. Skipped without Debian's python3-torch.
 */
class TestTrainEndToEnd {

    @TempDir
    Path tmp;

    @BeforeEach
    void isolate() throws Exception {
        Assumptions.assumeTrue(
                TestPythonSide.run(List.of("/usr/bin/python3", "-c", "import torch"), 60)
                                .exit()
                        == 0,
                "Debian's python3-torch is not installed: skipped");
        System.setProperty("karyo.data", tmp.resolve("karyo-data").toString());
    }

    @AfterEach
    void restore() {
        System.clearProperty("karyo.data");
    }

    @Test
    void trainsEvaluatesRegistersAndActivates() throws Exception {
        Path data = tmp.resolve("data");
        var synth = TestPythonSide.run(
                List.of(
                        "/usr/bin/python3",
                        "-m",
                        "deepchm.synth.ribbons",
                        "--out",
                        data.toString(),
                        "--images",
                        "4",
                        "--size",
                        "160x224",
                        "--seed",
                        "9"),
                120);
        assertEquals(0, synth.exit(), synth.output());
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = Subcommands.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(
                "train",
                "--data",
                data.toString(),
                "--out",
                tmp.resolve("run").toString(),
                "--preset",
                "tiny",
                "--input",
                "128x192",
                "--crop",
                "128",
                "--max-steps",
                "3",
                "--steps-per-epoch",
                "3",
                "--val-fraction",
                "0.25",
                "--name",
                "e2e",
                "--trainer-dir",
                TestPythonSide.PY_DIR.toString(),
                "--activate");
        String all = out + "\n" + err;
        assertEquals(0, exit, all);
        ModelRegistry registry = new ModelRegistry(tmp.resolve("karyo-data").resolve("models"));
        assertEquals(1, registry.list().size(), all);
        RegisteredModel m = registry.active().orElseThrow();
        assertTrue(m.id().startsWith("e2e-"), m.id());
        assertTrue(m.metrics().has("evaluation"), "the Java evaluation of the export is stored: " + m.metrics());
        assertTrue(all.contains("not calibrated: 1 validation image(s), at least 10 needed"), all);
        Assumptions.assumeTrue(System.getenv("KARYO_MODEL") == null, "KARYO_MODEL set: it would win over the registry");
        assertEquals(
                m.file().toRealPath(),
                ModelLocator.resolve(null).toRealPath(),
                "count uses the active registered model");
    }
}
