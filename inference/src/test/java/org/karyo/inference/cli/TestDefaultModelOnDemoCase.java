package org.karyo.inference.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main job: the bundled default model counts the committed demo case. Guards the
 * shipped model and the whole count path against regressions (docs/model-card.md has the figures).
 */
class TestDefaultModelOnDemoCase {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path MODEL = ROOT.resolve("assets/models/deepchm-default.onnx");
    static final Path DEMO = ROOT.resolve("assets/demo");

    @TempDir
    Path tmp;

    @Test
    void countsTheDemoCaseCloseToItsTrueCounts() throws Exception {
        Path json = tmp.resolve("demo.json");
        TestCli.Run r = TestCli.karyo("count", "--model", MODEL.toString(), "--out", json.toString(), DEMO.toString());
        assertEquals(Karyo.OK, r.exit(), r.err());
        assertTrue(r.out().contains("Cells counted: 22"), r.out());
        assertTrue(r.out().contains("Modal number:"), r.out());

        Map<String, Integer> truth = new HashMap<>();
        JsonNode manifest = new ObjectMapper().readTree(DEMO.resolve("DEMO-0001/dataset.json").toFile());
        for (JsonNode e : manifest.get("images")) {
            truth.put(e.get("annotation").asText().replace(".json", ".png"), e.get("count").asInt());
        }
        JsonNode result = new ObjectMapper().readTree(json.toFile());
        assertTrue(result.at("/model/trained").asBoolean(), "the bundled model is a trained one");
        int within2 = 0;
        double absError = 0;
        for (JsonNode img : result.get("images")) {
            int expected = truth.get(Path.of(img.get("file").asText()).getFileName().toString());
            int error = Math.abs(img.get("count").asInt() - expected);
            absError += error;
            if (error <= 2) {
                within2++;
            }
        }
        // measured at release: mean |error| 0.86 per cell, modal number 47 (truth 46)
        assertTrue(absError / 22 < 2.0, "mean count error per cell " + absError / 22);
        assertTrue(within2 >= 18, within2 + " of 22 cells within 2 of the truth");
        assertTrue(result.at("/images/0/scale").asDouble() > 0, "the scale used is reported");
        int modal = result.at("/summary/modal_number").asInt();
        assertTrue(modal >= 45 && modal <= 48, "modal number " + modal);
        assertTrue(Files.size(MODEL) < 20_000_000, "the lite model stays small");
    }
}
