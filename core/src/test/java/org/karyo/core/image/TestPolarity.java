package org.karyo.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.karyo.core.SharedData;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

class TestPolarity {

    @BeforeAll
    static void load() {
        OpenCv.ensureLoaded();
    }

    @Test
    void fluorescenceImagesAreInvertedForABrightfieldModel() {
        Mat dapi = new Mat(50, 50, CvType.CV_8UC1, new Scalar(15));
        Imgproc.rectangle(dapi, new Rect(10, 10, 20, 6), new Scalar(220), -1);
        assertTrue(Polarity.AUTO.apply(dapi, 255));
        assertEquals(240, (int) dapi.get(1, 1)[0], "background becomes light");
        assertEquals(35, (int) dapi.get(12, 15)[0], "chromosome becomes dark");
    }

    @Test
    void brightfieldImagesAreLeftAlone() {
        Mat gband = new Mat(50, 50, CvType.CV_8UC1, new Scalar(240));
        Imgproc.rectangle(gband, new Rect(10, 10, 20, 6), new Scalar(40), -1);
        assertFalse(Polarity.AUTO.apply(gband, 255));
        assertFalse(Polarity.AS_IS.apply(gband, 255));
        assertTrue(Polarity.INVERT.apply(gband, 255));
        assertEquals(15, (int) gband.get(1, 1)[0]);
    }

    @Test
    void realDapiSpreadIsRecognised() throws Exception {
        java.nio.file.Path dir =
                SharedData.dir("real/mfish-dapi-coco/MFISH_semantic_segmentation/MFISH_split/train/train2018");
        java.nio.file.Path first;
        try (var s = java.nio.file.Files.list(dir)) {
            first = s.filter(p -> p.toString().endsWith(".png"))
                    .sorted()
                    .findFirst()
                    .orElseThrow();
        }
        Mat grey = MetaphaseImageReader.readGrey(first, 255);
        assertTrue(Polarity.median(grey) < 128, "DAPI background is dark");
        assertTrue(Polarity.AUTO.apply(grey, 255));
        Mat cabinh = MetaphaseImageReader.readGrey(SharedData.dir("real/cabinh-case-8129A/a/8129A.001.A.TIF"), 255);
        assertFalse(Polarity.AUTO.apply(cabinh, 255), "G-banding is already dark on light");
    }
}
