package org.karyo.inference.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.karyo.core.geometry.RotatedBox;

class TestCutout {

    /** Same values as deepchm/classify/cutout.py on the same formula image (reference written by Python). */
    @Test
    void matchesThePythonCutout() throws Exception {
        JsonNode ref;
        try (InputStream in = TestCutout.class.getResourceAsStream("/classify-cutout-reference.json")) {
            ref = new ObjectMapper().readTree(in);
        }
        int w = ref.get("width").asInt(), h = ref.get("height").asInt();
        float[] px = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                px[y * w + x] = (float) (128 + 100 * Math.sin(x * 0.37f) * Math.cos(y * 0.23f) + 0.5 * x - 0.3 * y);
            }
        }
        GreyImage img = new GreyImage(w, h, px);
        for (JsonNode c : ref.get("cases")) {
            float[] patch = Cutout.of(
                    img,
                    RotatedBox.of(
                            c.get("cx").asDouble(),
                            c.get("cy").asDouble(),
                            c.get("w").asDouble(),
                            c.get("h").asDouble(),
                            c.get("angle").asDouble()),
                    false);
            for (int i = 0; i < c.get("index").size(); i++) {
                int k = c.get("index").get(i).asInt();
                assertEquals(c.get("values").get(i).asDouble(), patch[k], 2e-3, "pixel " + k);
            }
        }
    }

    @Test
    void darkBarAlongTheBoxIsUprightAndNormalised() {
        int w = 80, h = 60;
        float[] px = new float[w * h];
        java.util.Arrays.fill(px, 200f);
        // a dark horizontal bar 40 px long, 6 px thick, centred at (40, 30): box angle 0
        for (int y = 27; y < 33; y++) {
            for (int x = 20; x < 60; x++) {
                px[y * w + x] = 40f;
            }
        }
        float[] p = Cutout.of(new GreyImage(w, h, px), RotatedBox.of(40, 30, 40, 6, 0), false);
        // the bar now runs down the middle column of the patch
        assertEquals(1f, p[48 * Cutout.COLS + 24], 1e-4);
        assertEquals(0f, p[48 * Cutout.COLS + 2], 1e-4);
        assertEquals(0f, p[1 * Cutout.COLS + 24], 1e-4); // beyond the bar's end (margin)
        for (float v : p) {
            assertTrue(v >= 0 && v <= 1);
        }
    }

    @Test
    void flippedIsTheSamePatchTurnedHalfway() {
        int w = 64, h = 64;
        float[] px = new float[w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) ((i * 7919) % 251);
        }
        GreyImage img = new GreyImage(w, h, px);
        RotatedBox b = RotatedBox.of(31.3, 30.8, 30, 10, 37);
        float[] a = Cutout.of(img, b, false);
        float[] f = Cutout.of(img, b, true);
        for (int i = 0; i < Cutout.SIZE; i++) {
            assertEquals(a[i], f[Cutout.SIZE - 1 - i], 1e-3);
        }
    }
}
