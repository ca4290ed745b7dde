package org.karyo.inference.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.inference.ModelFixtures;
import org.karyo.inference.detect.SgachDecoder;
import org.karyo.inference.model.ContractException;
import org.karyo.inference.model.ModelInfo;

class TestDeepChmModel {

    @TempDir
    Path tmp;

    @Test
    void loadsTheFixtureAndReadsEverySettingFromItsMetadata() throws Exception {
        try (DeepChmModel m = DeepChmModel.open(ModelFixtures.copy(ModelFixtures.TINY, tmp), true)) {
            ModelInfo info = m.info();
            assertEquals("deepchm-tiny-random", info.name());
            assertFalse(info.trained());
            assertEquals(128, info.inputHeight());
            assertEquals(192, info.inputWidth());
            assertEquals(48, info.anchors().perCell());
            assertEquals(0.2, info.thresholds().nms(), 0);
            assertFalse(
                    info.thresholds().containing(),
                    "a model that does not declare the containment rule runs without it");
            assertEquals(255, info.background(), 0);
            assertTrue(m.provider().startsWith("CPU"), "the CPU jar must run on CPU: " + m.provider());
        }
    }

    /** Java ONNX Runtime output must equal what PyTorch computed for the same input. */
    @Test
    void outputsMatchPyTorchWithin1e4() throws Exception {
        JsonNode ref = new ObjectMapper().readTree(getClass().getResourceAsStream(ModelFixtures.TINY_REFERENCE));
        try (DeepChmModel m = DeepChmModel.open(ModelFixtures.copy(ModelFixtures.TINY, tmp), false)) {
            float[] input = ModelFixtures.referenceInput(128, 192);
            double sum = 0;
            for (float v : input) {
                sum += v;
            }
            assertEquals(ref.at("/input/sum").asDouble(), sum, 1e-3, "the two sides must feed the same input");
            RawMaps maps = m.predict(input);
            compare(ref.get("saliency"), maps.saliency());
            compare(ref.get("scores"), maps.scores());
            compare(ref.get("deltas"), maps.deltas());
            // SGAch on the real outputs finds what PyTorch counted (+-2 for values at the threshold)
            SgachDecoder dec = new SgachDecoder(m.info().anchors());
            assertEquals(ref.at("/stats/skeleton_cells_ge_0.01").asInt(), dec.countLocations(maps, 0.01), 2);
        }
    }

    private static void compare(JsonNode out, float[] values) {
        int n = 1;
        for (JsonNode d : out.get("shape")) {
            n *= d.asInt();
        }
        assertEquals(n, values.length);
        for (JsonNode s : out.get("samples")) {
            int idx = s.get(0).asInt();
            assertEquals(s.get(1).asDouble(), values[idx], 1e-4, "value at flat index " + idx);
        }
        double total = 0;
        for (float v : values) {
            total += v;
        }
        assertEquals(
                out.get("sum").asDouble(),
                total,
                1e-4 * Math.max(1, out.get("abs_sum").asDouble()));
    }

    @Test
    void refusesAFileThatIsNotOnnx() throws Exception {
        Path junk = tmp.resolve("model.onnx");
        Files.write(junk, "this is not a model".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        ContractException e = assertThrows(ContractException.class, () -> DeepChmModel.open(junk, false));
        assertTrue(e.getMessage().contains("not a loadable ONNX model"), e.getMessage());
        assertThrows(ContractException.class, () -> DeepChmModel.open(tmp.resolve("missing.onnx"), false));
    }

    @Test
    void refusesAModelWithoutTheContract() throws Exception {
        assertRefused(md -> md.remove("karyo.contract"), "not a Karyo DeepCHM model");
        assertRefused(md -> md.put("karyo.contract", "deepchm-onnx-9"), "deepchm-onnx-9");
    }

    @Test
    void namesEachMissingOrBadSetting() throws Exception {
        assertRefused(md -> md.remove("thresholds.nms"), "missing 'thresholds.nms'");
        assertRefused(md -> md.put("anchors.scales", "2;5"), "anchors.scales");
        assertRefused(md -> md.put("input.height", "100"), "not a multiple of 32");
        assertRefused(md -> md.put("thresholds.contain", "0.8x"), "'thresholds.contain' is not a number");
        assertRefused(md -> md.put("thresholds.contain", "1.5"), "contain threshold must be in [0, 1]");
    }

    @Test
    void refusesMetadataThatContradictsTheGraph() throws Exception {
        // 6 angles -> 24 anchors per cell, but the graph outputs 48
        assertRefused(md -> md.put("anchors.angles", "0,30,60,90,120,150"), "'scores' has shape");
        assertRefused(md -> md.put("input.width", "256"), "'image' has shape");
    }

    private void assertRefused(java.util.function.Consumer<Map<String, String>> edit, String expected)
            throws Exception {
        Path src = ModelFixtures.copy(ModelFixtures.TINY, tmp);
        Map<String, String> md = new LinkedHashMap<>(OnnxMetadataFile.read(src));
        edit.accept(md);
        Path dst = tmp.resolve("edited.onnx");
        OnnxMetadataFile.write(src, dst, md);
        ContractException e = assertThrows(ContractException.class, () -> DeepChmModel.open(dst, false));
        assertTrue(e.getMessage().contains(expected), "message should name the problem: " + e.getMessage());
    }

    @Test
    void metadataRewriteKeepsTheGraph() throws Exception {
        Path src = ModelFixtures.copy(ModelFixtures.TINY, tmp);
        Map<String, String> md = new LinkedHashMap<>(OnnxMetadataFile.read(src));
        assertEquals("deepchm-onnx-1", md.get("karyo.contract"));
        md.put("model.version", "9.9.9");
        md.put("thresholds.contain", "0.8");
        Path dst = tmp.resolve("v999.onnx");
        OnnxMetadataFile.write(src, dst, md);
        try (DeepChmModel m = DeepChmModel.open(dst, false)) {
            assertEquals("9.9.9", m.info().version());
            assertEquals(0.8, m.info().thresholds().contain(), 0);
        }
    }
}
