package org.karyo.inference.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.inference.ModelFixtures;
import org.karyo.inference.model.ContractException;

/**
 * The reference-output self-test on the tiny fixture, whose committed reference JSON is what the
 * exporter stores as the self-test (deepchm/reference.py computes both).
 */
class TestSelfTest {

    @TempDir
    Path tmp;

    Path fixture;
    String reference;

    @BeforeEach
    void fixture() throws Exception {
        fixture = ModelFixtures.copy(ModelFixtures.TINY, tmp);
        try (InputStream in = getClass().getResourceAsStream(ModelFixtures.TINY_REFERENCE)) {
            reference = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theInputIsTheFixturesFormula() {
        assertArrayEquals(ModelFixtures.referenceInput(128, 192), SelfTest.input(128, 192));
    }

    @Test
    void anIntactModelPassesFarInsideTheTolerance() throws Exception {
        Path m = withMetadata(fixture, "stamped.onnx", Map.of(SelfTest.KEY, reference));
        try (DeepChmModel model = DeepChmModel.open(m, false)) {
            SelfTest.Result r = SelfTest.run(model);
            assertTrue(r.present());
            // ONNX Runtime against PyTorch: float rounding only
            assertTrue(r.deviation() < SelfTest.TOLERANCE / 100, r.summary());
        }
    }

    @Test
    void lightlyCorruptedWeightsAreRefusedNamingTheFile() throws Exception {
        Path m = withMetadata(fixture, "stamped.onnx", Map.of(SelfTest.KEY, reference));
        byte[] b = Files.readAllBytes(m);
        // 256 floats (1 KB) of plausible noise over weights in the middle of the graph
        Random r = new Random(20);
        ByteBuffer bb = ByteBuffer.wrap(b, b.length / 2 & ~3, 1024).order(ByteOrder.LITTLE_ENDIAN);
        while (bb.hasRemaining()) {
            bb.putFloat((float) (r.nextGaussian() * 0.1));
        }
        Path corrupt = Files.write(tmp.resolve("lightly-corrupt.onnx"), b);
        try (DeepChmModel model = DeepChmModel.open(corrupt, false)) {
            ContractException e = assertThrows(ContractException.class, () -> SelfTest.run(model));
            assertTrue(e.getMessage().startsWith("lightly-corrupt.onnx fails its self-test"), e.getMessage());
        }
    }

    @Test
    void aWeightChangeTheOutputsCannotSeeIsRefusedByTheBodyDigest() throws Exception {
        String digest = OnnxMetadataFile.bodySha256(fixture);
        Path m = withMetadata(
                fixture,
                "digested.onnx",
                Map.of(SelfTest.KEY, reference, SelfTest.BODY_KEY, digest, SelfTest.EXPORTER_KEY, "deepchm.export 3"));
        assertEquals(digest, OnnxMetadataFile.bodySha256(m), "metadata is not part of the body");
        try (DeepChmModel model = DeepChmModel.open(m, false)) {
            assertTrue(SelfTest.run(model).present());
        }
        byte[] b = Files.readAllBytes(m);
        // the lowest mantissa bit of one weight: no output moves measurably, the file is still not
        // the one exported
        b[b.length / 2 & ~3] ^= 1;
        Path flipped = Files.write(tmp.resolve("one-bit.onnx"), b);
        try (DeepChmModel model = DeepChmModel.open(flipped, false)) {
            ContractException e = assertThrows(ContractException.class, () -> SelfTest.run(model));
            assertTrue(
                    e.getMessage().startsWith("one-bit.onnx: its graph or weights changed after export"),
                    e.getMessage());
        }
        Path claims = withMetadata(
                fixture, "no-digest.onnx", Map.of(SelfTest.KEY, reference, SelfTest.EXPORTER_KEY, "deepchm.export 3"));
        try (DeepChmModel model = DeepChmModel.open(claims, false)) {
            ContractException e = assertThrows(ContractException.class, () -> SelfTest.run(model));
            assertTrue(e.getMessage().contains("always records the digest"), e.getMessage());
        }
    }

    @Test
    void aRecordedOutputThatDiffersIsRefused() throws Exception {
        ObjectNode ref = (ObjectNode) new ObjectMapper().readTree(reference);
        ArrayNode sample = (ArrayNode) ref.at("/scores/samples/17");
        sample.set(1, sample.get(1).asDouble() + 0.05);
        Path m = withMetadata(fixture, "edited.onnx", Map.of(SelfTest.KEY, ref.toString()));
        try (DeepChmModel model = DeepChmModel.open(m, false)) {
            ContractException e = assertThrows(ContractException.class, () -> SelfTest.run(model));
            assertTrue(e.getMessage().contains("scores value " + sample.get(0).asInt()), e.getMessage());
        }
    }

    @Test
    void aModelWithoutASelfTestIsReportedAsSuchUnlessItsExporterAlwaysWritesOne() throws Exception {
        try (DeepChmModel model = DeepChmModel.open(fixture, false)) {
            SelfTest.Result r = SelfTest.run(model);
            assertFalse(r.present());
            assertTrue(r.summary().contains("no self-test"), r.summary());
        }
        Path claims = withMetadata(fixture, "claims.onnx", Map.of(SelfTest.EXPORTER_KEY, "deepchm.export 2"));
        try (DeepChmModel model = DeepChmModel.open(claims, false)) {
            ContractException e = assertThrows(ContractException.class, () -> SelfTest.run(model));
            assertTrue(
                    e.getMessage().startsWith("claims.onnx says it was exported by 'deepchm.export 2'"),
                    e.getMessage());
        }
        Path older = withMetadata(fixture, "older.onnx", Map.of(SelfTest.EXPORTER_KEY, "deepchm.export 1"));
        try (DeepChmModel model = DeepChmModel.open(older, false)) {
            assertFalse(SelfTest.run(model).present());
        }
    }

    @Test
    void anUnreadableOrForeignSelfTestIsRefused() throws Exception {
        Path junk = withMetadata(fixture, "junk.onnx", Map.of(SelfTest.KEY, "{not json"));
        try (DeepChmModel model = DeepChmModel.open(junk, false)) {
            assertTrue(assertThrows(ContractException.class, () -> SelfTest.run(model))
                    .getMessage()
                    .contains("junk.onnx: its self-test entry"));
        }
        ObjectNode ref = (ObjectNode) new ObjectMapper().readTree(reference);
        ((ObjectNode) ref.get("input")).put("sum", 1.0);
        Path other = withMetadata(fixture, "other.onnx", Map.of(SelfTest.KEY, ref.toString()));
        try (DeepChmModel model = DeepChmModel.open(other, false)) {
            assertTrue(assertThrows(ContractException.class, () -> SelfTest.run(model))
                    .getMessage()
                    .contains("another input formula"));
        }
    }

    private Path withMetadata(Path src, String name, Map<String, String> extra) throws Exception {
        Map<String, String> md = new LinkedHashMap<>(OnnxMetadataFile.read(src));
        md.putAll(extra);
        Path dst = tmp.resolve(name);
        OnnxMetadataFile.write(src, dst, md);
        return dst;
    }
}
