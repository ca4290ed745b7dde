package org.karyo.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.core.SharedData;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfInt;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

class TestMetaphaseImageReader {

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        OpenCv.ensureLoaded();
    }

    @Test
    void greyPngAndBmpAndJpegReadAsTheyAre() throws Exception {
        Mat m = new Mat(50, 80, CvType.CV_8UC1, new Scalar(230));
        Imgproc.rectangle(m, new Rect(10, 10, 20, 8), new Scalar(40), -1);
        for (String ext : List.of("png", "bmp", "tif")) {
            Path f = write(m, "grey." + ext);
            Mat g = MetaphaseImageReader.readGrey(f, 255);
            assertEquals(80, g.cols());
            assertEquals(40, (int) g.get(12, 12)[0], ext);
            assertEquals(230, (int) g.get(40, 70)[0], ext);
        }
        Mat j = MetaphaseImageReader.readGrey(write(m, "grey.jpg"), 255);
        assertEquals(40, j.get(14, 20)[0], 6); // lossy
    }

    @Test
    void sixteenBitImagesAreStretchedFromTheirOwnRange() throws Exception {
        Mat m = new Mat(20, 30, CvType.CV_16UC1, new Scalar(4000)); // a 12-bit camera's white
        Imgproc.rectangle(m, new Rect(5, 5, 10, 5), new Scalar(1000), -1);
        Mat g = MetaphaseImageReader.readGrey(write(m, "deep.tif"), 255);
        assertEquals(CvType.CV_8UC1, g.type());
        assertEquals(0, (int) g.get(6, 6)[0]);
        assertEquals(255, (int) g.get(15, 25)[0]);
        Mat colour = new Mat(20, 30, CvType.CV_16UC3, new Scalar(3000, 3000, 3000));
        Imgproc.rectangle(colour, new Rect(5, 5, 10, 5), new Scalar(500, 500, 500), -1);
        Mat gc = MetaphaseImageReader.readGrey(write(colour, "deep-rgb.png"), 255);
        assertEquals(0, (int) gc.get(6, 6)[0]);
        assertEquals(255, (int) gc.get(15, 25)[0]);
    }

    @Test
    void firstPageOfAMultiPageTiff() throws Exception {
        Mat p1 = new Mat(20, 20, CvType.CV_8UC1, new Scalar(100));
        Mat p2 = new Mat(20, 20, CvType.CV_8UC1, new Scalar(200));
        Path f = tmp.resolve("pages.tif");
        assertTrue(Imgcodecs.imwritemulti(f.toString(), List.of(p1, p2)));
        assertEquals(100, (int) MetaphaseImageReader.readGrey(f, 255).get(3, 3)[0]);
    }

    @Test
    void colouredMarksBecomeBackgroundButStainColourStays() throws Exception {
        Mat m = new Mat(60, 100, CvType.CV_8UC3, new Scalar(235, 235, 235));
        Imgproc.rectangle(m, new Rect(20, 20, 30, 10), new Scalar(60, 60, 60), -1); // grey chromosome
        Imgproc.rectangle(m, new Rect(15, 15, 40, 20), new Scalar(0, 0, 255), 1); // red outline around it
        Imgproc.putText(m, "7", new Point(70, 40), Imgproc.FONT_HERSHEY_SIMPLEX, 0.8, new Scalar(0, 200, 0), 2);
        Imgproc.rectangle(m, new Rect(60, 45, 30, 8), new Scalar(150, 90, 150), -1); // Giemsa-like purple, chroma 60
        Mat g = MetaphaseImageReader.readGrey(write(m, "marked.png"), 255);
        assertEquals(255, (int) g.get(15, 30)[0], "red outline -> background");
        assertEquals(255, (int) g.get(35, 55)[0], "red outline -> background");
        assertTrue(g.get(25, 30)[0] < 80, "grey chromosome is kept");
        assertTrue(g.get(48, 70)[0] < 140, "stain colour is not an overlay");
        int green = 0;
        for (int y = 20; y < 45; y++) {
            for (int x = 65; x < 90; x++) {
                if (g.get(y, x)[0] < 200) {
                    green++;
                }
            }
        }
        assertEquals(0, green, "green label pixels -> background");
    }

    @Test
    void transparentPixelsBecomeBackground() throws Exception {
        Mat m = new Mat(10, 10, CvType.CV_8UC4, new Scalar(20, 20, 20, 0));
        Imgproc.rectangle(m, new Rect(0, 0, 5, 10), new Scalar(20, 20, 20, 255), -1);
        Mat g = MetaphaseImageReader.readGrey(write(m, "alpha.png"), 255);
        assertEquals(20, (int) g.get(5, 2)[0]);
        assertEquals(255, (int) g.get(5, 8)[0]);
    }

    @Test
    void badFilesGiveClearMessages() throws Exception {
        assertMessage(tmp.resolve("nope.png"), "file not found");
        Path empty = Files.createFile(tmp.resolve("empty.png"));
        assertMessage(empty, "empty file");
        Path junk = tmp.resolve("junk.png");
        Files.write(junk, "definitely not a PNG".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertMessage(junk, "not a PNG, TIFF, JPEG or BMP image");
        Mat m = new Mat(200, 200, CvType.CV_8UC1, new Scalar(128));
        Core.randu(m, 0, 255);
        byte[] png = Files.readAllBytes(write(m, "full.png"));
        Path truncated = tmp.resolve("truncated.png");
        Files.write(truncated, Arrays.copyOf(png, png.length / 3));
        assertMessage(truncated, "truncated or corrupt PNG file");
        assertMessage(tmp, "not a readable file");
    }

    @Test
    void hugeImageIsReadAndPreprocessedWithinBoundedMemory() throws Exception {
        Mat m = new Mat(10000, 10000, CvType.CV_8UC1, new Scalar(240));
        Imgproc.rectangle(m, new Rect(5000, 5000, 400, 100), new Scalar(30), -1);
        Path f = tmp.resolve("huge.png");
        assertTrue(Imgcodecs.imwrite(f.toString(), m, new MatOfInt(Imgcodecs.IMWRITE_PNG_COMPRESSION, 1)));
        m.release();
        Runtime rt = Runtime.getRuntime();
        Mat g = MetaphaseImageReader.readGrey(f, 255);
        Letterbox lb = Letterbox.fit(g.cols(), g.rows(), 768, 512);
        float[] input = Preprocessor.toInput(g, lb, 255);
        g.release();
        assertEquals(768 * 512, input.length);
        assertEquals(512, lb.resizedWidth());
        // pixels live in native memory; the Java heap only holds the network input
        assertTrue(rt.totalMemory() - rt.freeMemory() < 1_500_000_000L);
        assertTrue(input[((int) (5050 * lb.scale())) * 768 + (int) (5200 * lb.scale())] < 100, "chromosome survives");
        assertEquals(255, input[100 * 768 + 700], 0, "padding is background");
    }

    @Test
    void realImagesFromOtherSystems() throws Exception {
        Path cabinh = SharedData.dir("real/cabinh-case-8129A/a/8129A.001.A.TIF");
        Mat g = MetaphaseImageReader.readGrey(cabinh, 255);
        assertEquals(693, g.cols());
        assertEquals(553, g.rows());
        Path rgbTiff = SharedData.dir("real/raw-unannotated/DaCSeg_bsq_SZ1700297_G43-0_59B.tif");
        assertEquals(1600, MetaphaseImageReader.readGrey(rgbTiff, 255).cols());
        Path giemsa = SharedData.dir("real/kosuke-giemsa-yolo/data/images/1.png");
        Mat k = MetaphaseImageReader.readGrey(giemsa, 255);
        Mat dark = new Mat();
        Imgproc.threshold(k, dark, 150, 255, Imgproc.THRESH_BINARY_INV);
        assertTrue(
                org.opencv.core.Core.countNonZero(dark) > 10000, "stained chromosomes are kept, not erased as marks");
    }

    private void assertMessage(Path f, String expected) {
        ImageReadException e = assertThrows(ImageReadException.class, () -> MetaphaseImageReader.readGrey(f, 255));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private Path write(Mat m, String name) {
        Path f = tmp.resolve(name);
        assertTrue(Imgcodecs.imwrite(f.toString(), m), "write " + name);
        return f;
    }
}
