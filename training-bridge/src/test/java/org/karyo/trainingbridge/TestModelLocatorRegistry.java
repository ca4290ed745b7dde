package org.karyo.trainingbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.inference.model.KaryoData;
import org.karyo.inference.model.ModelLocator;

/** karyo count's model choice: --model, $KARYO_MODEL, then the registry's active model, then the bundled one. */
class TestModelLocatorRegistry {

    @TempDir
    Path tmp;

    String savedData, savedHome;

    @BeforeEach
    void dataDir() {
        assumeTrue(System.getenv("KARYO_MODEL") == null, "KARYO_MODEL is set in this environment and wins");
        savedData = System.getProperty(KaryoData.PROPERTY);
        savedHome = System.getProperty("karyo.home");
        System.setProperty(KaryoData.PROPERTY, tmp.resolve("data").toString());
        System.setProperty("karyo.home", tmp.resolve("home").toString()); // no bundled model there
    }

    @AfterEach
    void restore() {
        restore(KaryoData.PROPERTY, savedData);
        restore("karyo.home", savedHome);
    }

    static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    void theActiveRegistryModelIsUsedWhenNoneIsNamed() throws Exception {
        ModelRegistry registry = ModelRegistry.atDefaultLocation();
        assertEquals(tmp.resolve("data/models"), registry.root());
        RegisteredModel m = registry.register(Fixtures.tinyModel(tmp.resolve("in")), null, "test");
        ModelLocator.NoModelException none =
                assertThrows(ModelLocator.NoModelException.class, () -> ModelLocator.resolve(null));
        assertTrue(none.getMessage().contains("No trained chromosome-detection model is installed"), none.getMessage());
        registry.activate(m.id());
        assertEquals(m.file(), ModelLocator.resolve(null));
        Path named = Fixtures.tinyModel(tmp.resolve("other"));
        assertEquals(named, ModelLocator.resolve(named), "--model still wins");
    }

    @Test
    void aBundledModelComesAfterTheRegistry() throws Exception {
        Path bundled = tmp.resolve("home").resolve(ModelLocator.BUNDLED);
        Files.createDirectories(bundled.getParent());
        Files.copy(Fixtures.TINY, bundled);
        assertEquals(bundled, ModelLocator.resolve(null));
        ModelRegistry registry = ModelRegistry.atDefaultLocation();
        RegisteredModel m = registry.register(bundled, null, "test");
        registry.activate(m.id());
        assertEquals(m.file(), ModelLocator.resolve(null));
    }

    @Test
    void anActiveModelThatIsGoneIsAnErrorNotASilentFallback() throws Exception {
        Path models = tmp.resolve("data/models");
        Files.createDirectories(models);
        Files.writeString(models.resolve("active"), "gone-0.1.0-0123456789ab\n");
        ModelLocator.NoModelException e =
                assertThrows(ModelLocator.NoModelException.class, () -> ModelLocator.resolve(null));
        assertTrue(e.getMessage().contains("missing from the registry"), e.getMessage());
        Files.writeString(models.resolve("active"), "../../etc/passwd");
        e = assertThrows(ModelLocator.NoModelException.class, () -> ModelLocator.resolve(null));
        assertTrue(e.getMessage().contains("does not name a model id"), e.getMessage());
    }
}
