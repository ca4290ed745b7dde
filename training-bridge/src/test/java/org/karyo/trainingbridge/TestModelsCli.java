package org.karyo.trainingbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.inference.cli.Subcommands;
import org.karyo.inference.model.KaryoData;
import picocli.CommandLine;

/** {@code karyo models} in process, found by ServiceLoader (Subcommands), on a temporary data folder. */
class TestModelsCli {

    @TempDir
    Path tmp;

    String saved;
    ModelRegistry registry;

    record Run(int exit, String out, String err) {}

    static Run karyo(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = Subcommands.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeEach
    void dataDir() {
        saved = System.getProperty(KaryoData.PROPERTY);
        System.setProperty(KaryoData.PROPERTY, tmp.resolve("data").toString());
        registry = ModelRegistry.atDefaultLocation();
    }

    @AfterEach
    void restore() {
        TestModelLocatorRegistry.restore(KaryoData.PROPERTY, saved);
    }

    @Test
    void theSubcommandsAreOnTheKaryoCommandLine() {
        Run r = karyo("--help");
        assertTrue(r.out.contains("train") && r.out.contains("models"), r.out);
    }

    @Test
    void listsActivatesRollsBackAndRemoves() throws Exception {
        Run empty = karyo("models");
        assertEquals(0, empty.exit);
        assertTrue(empty.out.contains("no models registered") && empty.out.contains("no active model"), empty.out);

        RegisteredModel a = registry.register(Fixtures.tinyModel(tmp.resolve("in")), null, "a");
        Run reg = karyo(
                "models",
                "register",
                Fixtures.tinyModelVersion(tmp.resolve("in"), "0.2.0").toString());
        assertEquals(0, reg.exit, reg.err);
        RegisteredModel b = registry.list().stream()
                .filter(m -> !m.id().equals(a.id()))
                .findFirst()
                .orElseThrow();
        assertTrue(reg.out.contains("registered " + b.id()), reg.out);

        Run act = karyo("models", "activate", a.id());
        assertEquals(0, act.exit, act.err);
        assertEquals(a.id(), registry.activeId().orElseThrow());
        // an unambiguous prefix is enough
        String prefix = b.id().substring(0, b.id().indexOf("0.2.0") + 5);
        act = karyo("models", "activate", prefix);
        assertEquals(0, act.exit, act.err);
        assertEquals(b.id(), registry.activeId().orElseThrow());

        Run list = karyo("models");
        assertEquals(0, list.exit, list.err);
        List<String> lines = list.out.lines().toList();
        String aLine =
                lines.stream().filter(l -> l.contains(a.id())).findFirst().orElseThrow();
        String bLine =
                lines.stream().filter(l -> l.contains(b.id())).findFirst().orElseThrow();
        assertTrue(bLine.startsWith("*") && !aLine.startsWith("*"), list.out);
        assertTrue(aLine.contains("untrained") && aLine.contains("deepchm-tiny-random"), aLine);
        assertTrue(
                lines.get(1).contains("ID")
                        && lines.get(1).contains("REGISTERED")
                        && lines.get(1).contains("AP"),
                list.out);

        Run rb = karyo("models", "rollback");
        assertEquals(0, rb.exit, rb.err);
        assertTrue(rb.out.contains("active model: " + a.id()), rb.out);

        Run refused = karyo("models", "remove", a.id());
        assertEquals(1, refused.exit);
        assertTrue(refused.err.contains("is the active model"), refused.err);
        Run removed = karyo("models", "remove", b.id());
        assertEquals(0, removed.exit, removed.err);
        assertEquals(1, registry.list().size());

        Run unknown = karyo("models", "activate", "nope");
        assertEquals(2, unknown.exit);
        assertTrue(unknown.err.contains("no model 'nope'"), unknown.err);
        Run ambiguousOrNone = karyo("models", "show", a.id());
        assertTrue(ambiguousOrNone.out.contains("\"sha256\""), ambiguousOrNone.out);
    }

    @Test
    void listsTrainedModelsWithTheirMetrics() throws Exception {
        java.util.Map<String, String> md =
                new java.util.LinkedHashMap<>(org.karyo.inference.onnx.OnnxMetadataFile.read(Fixtures.TINY));
        md.put("model.trained", "true");
        Path trained = tmp.resolve("trained.onnx");
        org.karyo.inference.onnx.OnnxMetadataFile.write(Fixtures.TINY, trained, md);
        RegisteredModel m = registry.register(
                trained,
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree("{\"evaluation\": {\"ap\": 0.4567, \"bestF1\": {\"f1\": 0.5}}}"),
                "x");
        Run r = karyo("models");
        assertEquals(0, r.exit, r.err);
        String line = r.out.lines().filter(l -> l.contains(m.id())).findFirst().orElseThrow();
        assertTrue(line.contains("45.7 %") && line.contains("50.0 %") && !line.contains("untrained"), line);
    }

    @Test
    void registeringANonModelIsRefused() throws Exception {
        Path junk = java.nio.file.Files.writeString(tmp.resolve("junk.onnx"), "junk");
        Run r = karyo("models", "register", junk.toString());
        assertEquals(1, r.exit);
        assertTrue(r.err.startsWith("refused:"), r.err);
    }
}
