package org.karyo.inference.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.core.geometry.RotatedBox;
import org.karyo.inference.ModelFixtures;
import org.karyo.inference.model.ContractException;

class TestClassifierModel {

    static final Path SHIPPED = Path.of("..").resolve(ClassifierModel.DEFAULT_RELATIVE);

    @Test
    void aDetectorIsRefusedAsClassifierWithAMessageNamingTheFile(@TempDir Path dir) throws Exception {
        Path det = ModelFixtures.copy(ModelFixtures.TINY, dir);
        ContractException e = assertThrows(ContractException.class, () -> ClassifierModel.open(det));
        assertTrue(e.getMessage().contains(det.getFileName().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("karyo-classify-1"), e.getMessage());
    }

    @Test
    void garbageAndMissingFilesAreRefused(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.onnx");
        Files.write(junk, new byte[] {1, 2, 3, 4, 5});
        assertThrows(ContractException.class, () -> ClassifierModel.open(junk));
        assertThrows(ContractException.class, () -> ClassifierModel.open(dir.resolve("none.onnx")));
    }

    @Test
    void shippedClassifierGivesProbabilitiesAndPolarityPerBox() throws Exception {
        assumeTrue(Files.isRegularFile(SHIPPED), "no shipped classifier at " + SHIPPED);
        try (ClassifierModel m = ClassifierModel.open(SHIPPED)) {
            int w = 120, h = 100;
            float[] px = new float[w * h];
            java.util.Arrays.fill(px, 230f);
            for (int y = 20; y < 80; y++) {
                for (int x = 55; x < 63; x++) {
                    px[y * w + x] = (y / 6) % 2 == 0 ? 60f : 140f;
                }
            }
            GreyImage img = new GreyImage(w, h, px);
            List<RotatedBox> boxes = List.of(RotatedBox.of(59, 50, 60, 8, 90), RotatedBox.of(30, 30, 20, 20, 0));
            List<ChromosomeCall> calls = new ChromosomeClassifier(m).classify(img, boxes);
            assertEquals(2, calls.size());
            for (ChromosomeCall c : calls) {
                double sum = 0;
                for (float p : c.probs()) {
                    sum += p;
                }
                assertEquals(1.0, sum, 1e-3);
                assertTrue(c.pUp() >= 0 && c.pUp() <= 1);
            }
            // an empty patch of background is not a chromosome
            assertEquals(
                    ChromosomeClass.NONE,
                    calls.get(1).best(),
                    java.util.Arrays.toString(calls.get(1).probs()));
        }
    }
}
