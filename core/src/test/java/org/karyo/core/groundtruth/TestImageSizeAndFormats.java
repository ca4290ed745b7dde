package org.karyo.core.groundtruth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.core.SharedData;
import org.karyo.core.image.OpenCv;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

class TestImageSizeAndFormats {

    @TempDir
    Path tmp;

    @Test
    void headerSizesOfCommonFormats() throws Exception {
        for (String format : new String[] {"png", "jpeg", "bmp", "tiff"}) {
            Path f = tmp.resolve("x." + format);
            ImageIO.write(new BufferedImage(37, 23, BufferedImage.TYPE_BYTE_GRAY), format, f.toFile());
            assertEquals(new ImageSize(37, 23), ImageSize.read(f), format);
        }
        assertThrows(IOException.class, () -> ImageSize.read(tmp.resolve("missing.png")));
        Files.writeString(tmp.resolve("junk.png"), "not an image");
        assertThrows(IOException.class, () -> ImageSize.read(tmp.resolve("junk.png")));
    }

    /** A format ImageIO lacks goes through OpenCV. */
    @Test
    void openCvFallback() throws Exception {
        OpenCv.ensureLoaded();
        Path f = tmp.resolve("x.webp");
        Mat m = Mat.zeros(19, 31, CvType.CV_8UC3);
        assertTrue(Imgcodecs.imwrite(f.toString(), m));
        m.release();
        assertEquals(new ImageSize(31, 19), ImageSize.read(f));
    }

    @Test
    void realTiffHeader() throws Exception {
        Path dir = SharedData.dir("real/cabinh-case-8129A/a");
        try (var files = Files.list(dir)) {
            Path tif = files.filter(p -> p.toString().endsWith(".TIF"))
                    .sorted()
                    .findFirst()
                    .orElseThrow();
            ImageSize s = ImageSize.read(tif);
            assertTrue(s.width() > 600 && s.width() < 800 && s.height() > 450 && s.height() < 650, s.toString());
        }
    }

    @Test
    void dispatchByFormatName() throws Exception {
        Files.writeString(tmp.resolve("a.json"), "{\"imageWidth\": 10, \"imageHeight\": 10, \"shapes\": []}");
        assertEquals("labelme", GroundTruthSets.read(tmp, "LabelMe").format());
        assertEquals(
                "coco",
                GroundTruthSets.read(SharedData.dir("real/mfish-dapi-coco"), "coco")
                        .format());
        assertTrue(GroundTruthSets.read(SharedData.dir("real/kosuke-giemsa-yolo/data"), "yolo")
                .horizontal());
        AnnotationFileException e = assertThrows(AnnotationFileException.class, () -> GroundTruthSets.read(tmp, "voc"));
        assertTrue(e.getMessage().contains("unknown annotation format 'voc'"), e.getMessage());
    }
}
