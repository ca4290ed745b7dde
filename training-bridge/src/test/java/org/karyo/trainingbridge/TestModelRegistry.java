package org.karyo.trainingbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry on a temporary data folder, with the random-weight contract fixture as model. */
class TestModelRegistry {

    @TempDir
    Path tmp;

    ModelRegistry registry;
    Path first, second;

    @BeforeEach
    void setUp() throws Exception {
        registry = new ModelRegistry(tmp.resolve("data/models"));
        first = Fixtures.tinyModel(tmp.resolve("in"));
        second = Fixtures.tinyModelVersion(tmp.resolve("in"), "0.2.0");
    }

    @Test
    void registersACopyWithMetadataHashAndMetrics() throws Exception {
        JsonNode metrics = new ObjectMapper().readTree("{\"evaluation\": {\"ap\": 0.5, \"bestF1\": {\"f1\": 0.6}}}");
        RegisteredModel m = registry.register(first, metrics, "/runs/a");
        assertTrue(m.id().matches("deepchm-tiny-random-[^-]+-[0-9a-f]{12}"), m.id());
        assertEquals(registry.root().resolve(m.id()).resolve("model.onnx"), m.file());
        assertEquals(-1, Files.mismatch(first, m.file()), "an exact copy");
        assertEquals(AtomicFiles.sha256(first), m.sha256());
        assertTrue(m.id().endsWith(m.sha256().substring(0, 12)));
        assertEquals(Files.size(first), m.bytes());
        assertEquals("deepchm-tiny-random", m.name());
        assertFalse(m.trained(), "the fixture is a random-weight model");
        assertEquals("deepchm-onnx-1", m.metadata().get("karyo.contract"));
        assertEquals(0.5, m.ap().getAsDouble());
        assertEquals(0.6, m.f1().getAsDouble());
        assertEquals("/runs/a", m.source());
        assertFalse(
                Files.getPosixFilePermissions(m.file()).contains(PosixFilePermission.OWNER_WRITE),
                "never modified after registration (read-only)");
        JsonNode json =
                new ObjectMapper().readTree(m.dir().resolve("model.json").toFile());
        assertEquals(m.sha256(), json.get("sha256").asText());
        assertEquals(0.5, json.at("/metrics/evaluation/ap").asDouble());
        assertEquals(List.of(m), registry.list());
        assertEquals(m, registry.register(first, null, "again"), "the same file is registered once");
        assertTrue(registry.active().isEmpty(), "registering does not activate");
    }

    @Test
    void activateActivateRollback() throws Exception {
        RegisteredModel a = registry.register(first, null, "a");
        RegisteredModel b = registry.register(second, null, "b");
        assertNotEquals(a.id(), b.id());
        registry.activate(a.id());
        assertEquals(a.id(), registry.active().orElseThrow().id());
        registry.activate(b.id());
        assertEquals(b.id(), registry.active().orElseThrow().id());
        assertEquals(a.id(), registry.rollback().id());
        assertEquals(a.id(), registry.active().orElseThrow().id());
        assertEquals(a.id() + "\n", Files.readString(registry.root().resolve("active")));
        RegistryException e = assertThrows(RegistryException.class, registry::rollback);
        assertTrue(e.getMessage().contains("no earlier active model"), e.getMessage());
        assertEquals(a.id(), registry.activeId().orElseThrow());
        assertEquals(
                List.of("activate", "activate", "rollback"),
                registry.history().stream()
                        .map(ModelRegistry.Activation::action)
                        .toList());
    }

    @Test
    void rollbackSkipsRemovedModels() throws Exception {
        Path third = Fixtures.tinyModelVersion(tmp.resolve("in"), "0.3.0");
        RegisteredModel a = registry.register(first, null, "a");
        RegisteredModel b = registry.register(second, null, "b");
        RegisteredModel c = registry.register(third, null, "c");
        registry.activate(a.id());
        registry.activate(b.id());
        registry.activate(c.id());
        registry.remove(b.id());
        assertEquals(a.id(), registry.rollback().id());
    }

    @Test
    void aTamperedModelIsNeverActivated() throws Exception {
        RegisteredModel a = registry.register(first, null, "a");
        RegisteredModel b = registry.register(second, null, "b");
        registry.activate(a.id());
        flipAByte(b.file());
        RegistryException e = assertThrows(RegistryException.class, () -> registry.activate(b.id()));
        assertTrue(e.getMessage().contains("changed since registration"), e.getMessage());
        assertEquals(a.id(), registry.activeId().orElseThrow(), "the previous model stays active");
        assertEquals(1, registry.history().size());
    }

    @Test
    void rollbackToATamperedModelIsRefused() throws Exception {
        RegisteredModel a = registry.register(first, null, "a");
        RegisteredModel b = registry.register(second, null, "b");
        registry.activate(a.id());
        registry.activate(b.id());
        flipAByte(a.file());
        RegistryException e = assertThrows(RegistryException.class, registry::rollback);
        assertTrue(e.getMessage().contains(b.id() + " stays active"), e.getMessage());
        assertEquals(b.id(), registry.activeId().orElseThrow());
    }

    @Test
    void filesThatAreNotContractModelsAreRefusedAtRegistration() throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.onnx"), "this is not a model");
        RegistryException e = assertThrows(RegistryException.class, () -> registry.register(text, null, "x"));
        assertTrue(e.getMessage().contains("refused notes.onnx"), e.getMessage());
        // valid protobuf, but not a DeepCHM model: the contract check refuses it
        Path bare = tmp.resolve("bare.onnx");
        Files.write(bare, new byte[] {0x08, 0x07}); // ir_version = 7 and nothing else
        e = assertThrows(RegistryException.class, () -> registry.register(bare, null, "x"));
        assertTrue(e.getMessage().contains("not a usable DeepCHM model"), e.getMessage());
        assertEquals(List.of(), registry.list());
        try (Stream<Path> s = Files.list(registry.root())) {
            assertEquals(
                    List.of(".lock"), s.map(p -> p.getFileName().toString()).toList(), "nothing left behind");
        }
    }

    @Test
    void theActiveModelCannotBeRemovedOthersCan() throws Exception {
        RegisteredModel a = registry.register(first, null, "a");
        RegisteredModel b = registry.register(second, null, "b");
        registry.activate(a.id());
        assertThrows(RegistryException.class, () -> registry.remove(a.id()));
        registry.remove(b.id());
        assertEquals(List.of(a), registry.list());
        assertFalse(Files.exists(b.dir()));
        assertThrows(RegistryException.class, () -> registry.remove("../../etc"));
        assertThrows(RegistryException.class, () -> registry.activate("no-such-id"));
    }

    @Test
    void readersAlwaysSeeACompleteActiveId() throws Exception {
        RegisteredModel a = registry.register(first, null, "a");
        RegisteredModel b = registry.register(second, null, "b");
        registry.activate(a.id());
        Path active = registry.root().resolve("active");
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            while (!stop.get()) {
                try {
                    seen.add(Files.readString(active));
                } catch (Exception e) {
                    seen.add("unreadable: " + e);
                }
            }
        });
        reader.start();
        for (int i = 0; i < 10; i++) {
            registry.activate((i % 2 == 0 ? b : a).id());
        }
        stop.set(true);
        reader.join();
        assertEquals(Set.of(a.id() + "\n", b.id() + "\n"), seen);
        assertFalse(Files.exists(registry.root().resolve("active.tmp")));
    }

    static void flipAByte(Path file) throws Exception {
        file.toFile().setWritable(true);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(file, bytes, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
