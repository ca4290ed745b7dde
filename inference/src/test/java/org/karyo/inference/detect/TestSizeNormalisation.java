package org.karyo.inference.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.karyo.inference.image.OpenCv;
import org.karyo.inference.image.TestChromosomeWidth;
import org.karyo.inference.model.AnchorSpec;
import org.karyo.inference.model.ModelInfo;
import org.karyo.inference.model.Thresholds;
import org.opencv.core.Mat;

class TestSizeNormalisation {

    @BeforeAll
    static void load() {
        OpenCv.ensureLoaded();
    }

    private static ModelInfo model(String chromosomeWidth) {
        Map<String, String> md = new HashMap<>();
        if (chromosomeWidth != null) {
            md.put("input.chromosome_width", chromosomeWidth);
        }
        return new ModelInfo("m", "1", true, 512, 768, 255, AnchorSpec.paper(), new Thresholds(0.2, 0.5, 0.2), md);
    }

    @Test
    void wideChromosomesAreScaledToTheTrainedWidth() {
        Mat img = TestChromosomeWidth.bars(20, 768, 512, 4); // fit scale 1: 20 px at the network
        Letterbox lb = Detector.letterbox(img, model("8"));
        assertEquals(8.0 / 20, lb.scale(), 0.1);
        assertEquals(Math.round(768 * lb.scale()), lb.resizedWidth());
    }

    @Test
    void chromosomesNearTheTrainedWidthKeepTheFit() {
        Mat img = TestChromosomeWidth.bars(9, 768, 512, 5);
        assertEquals(1.0, Detector.letterbox(img, model("8")).scale(), 1e-12);
    }

    @Test
    void modelsWithoutADeclaredWidthKeepTheFit() {
        Mat img = TestChromosomeWidth.bars(20, 768, 512, 6);
        assertEquals(1.0, Detector.letterbox(img, model(null)).scale(), 1e-12);
    }

    @Test
    void scaledLetterboxNeverEnlargesBeyondTheFit() {
        Letterbox fit = Letterbox.fit(1000, 800, 768, 512);
        assertEquals(fit, Letterbox.scaled(1000, 800, 768, 512, 5.0));
        assertEquals(0.3, Letterbox.scaled(1000, 800, 768, 512, 0.3).scale(), 1e-12);
    }
}
