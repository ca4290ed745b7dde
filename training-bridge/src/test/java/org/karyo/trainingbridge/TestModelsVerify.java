package org.karyo.trainingbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.inference.cli.ExitCodes;
import org.karyo.inference.model.KaryoData;

/** {@code karyo models verify} and what {@code karyo count} does with a registered file that changed. */
class TestModelsVerify {

    @TempDir
    Path tmp;

    String saved;

    @BeforeEach
    void dataDir() {
        saved = System.getProperty(KaryoData.PROPERTY);
        System.setProperty(KaryoData.PROPERTY, tmp.resolve("data").toString());
    }

    @AfterEach
    void restore() {
        TestModelLocatorRegistry.restore(KaryoData.PROPERTY, saved);
    }

    @Test
    void verifyNamesEveryBrokenModelAndCountRefusesTheTamperedActiveOne() throws Exception {
        ModelRegistry registry = ModelRegistry.atDefaultLocation(); // contract check only in this module's tests
        RegisteredModel good = registry.register(TestActivationCheck.DEFAULT, null, "bundled");
        RegisteredModel untrained = registry.register(Fixtures.tinyModel(tmp.resolve("in")), null, "fixture");
        registry.activate(good.id());

        TestModelsCli.Run ok = TestModelsCli.karyo("models", "verify", good.id());
        assertEquals(0, ok.exit(), ok.out() + ok.err());
        assertTrue(ok.out().contains("ok      " + good.id()), ok.out());

        // the active file replaced behind the registry's back
        Path file = good.file();
        file.toFile().setWritable(true);
        byte[] b = Files.readAllBytes(file);
        b[b.length / 3] ^= 1;
        Files.write(file, b);

        TestModelsCli.Run all = TestModelsCli.karyo("models", "verify");
        assertEquals(1, all.exit(), all.out());
        assertTrue(
                all.out()
                        .contains("FAILED  " + good.id() + ": " + good.id()
                                + ": the stored file has changed since registration"),
                all.out());
        assertTrue(
                all.out().contains("FAILED  " + untrained.id() + ": " + untrained.id() + " has random, untrained"),
                all.out());
        assertTrue(all.out().contains("2 model(s) checked, 2 failed"), all.out());

        TestModelsCli.Run count = TestModelsCli.karyo("count", "../assets/demo/DEMO-0001/cell-01.png");
        assertEquals(ExitCodes.NO_MODEL, count.exit(), count.out() + count.err());
        assertTrue(count.err().contains("has changed since registration"), count.err());
        assertEquals("", count.out(), "nothing counted");
    }
}
