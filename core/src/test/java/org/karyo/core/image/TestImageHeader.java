package org.karyo.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

class TestImageHeader {

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        OpenCv.ensureLoaded();
    }

    private Path write(String name, int w, int h) {
        Mat m = new Mat(h, w, CvType.CV_8UC1, new Scalar(220));
        Imgproc.rectangle(m, new Rect(w / 4, h / 4, w / 8, h / 3), new Scalar(30), -1);
        Path f = tmp.resolve(name);
        assertTrue(Imgcodecs.imwrite(f.toString(), m));
        m.release();
        return f;
    }

    @Test
    void sizesOfEveryFormatComeFromTheHeader() throws Exception {
        for (String ext : new String[] {"png", "tif", "jpg", "bmp"}) {
            ImageHeader h = ImageHeader.read(write("a." + ext, 123, 77));
            assertEquals(123, h.width(), ext);
            assertEquals(77, h.height(), ext);
            assertNull(h.truncated(), ext);
        }
    }

    @Test
    void bigEndianTiffIsRead() throws Exception {
        // a hand-made big-endian ("MM") 40 x 30 grey TIFF, one strip
        int w = 40, h = 30, entries = 8;
        int ifd = 8, data = ifd + 2 + entries * 12 + 4;
        ByteBuffer b = ByteBuffer.allocate(data + w * h).order(ByteOrder.BIG_ENDIAN);
        b.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(ifd);
        b.putShort((short) entries);
        entry(b, 256, 3, w);
        entry(b, 257, 3, h);
        entry(b, 258, 3, 8);
        entry(b, 259, 3, 1);
        entry(b, 262, 3, 1);
        entry(b, 273, 4, data);
        entry(b, 278, 3, h);
        entry(b, 279, 4, w * h);
        b.putInt(0);
        byte[] px = new byte[w * h];
        Arrays.fill(px, (byte) 200);
        Arrays.fill(px, 5 * w, 10 * w, (byte) 20);
        b.put(px);
        Path f = Files.write(tmp.resolve("mm.tif"), b.array());
        ImageHeader header = ImageHeader.read(f);
        assertEquals(40, header.width());
        assertEquals(30, header.height());
        assertNull(header.truncated());
        Mat m = MetaphaseImageReader.readGrey(f, 255);
        assertEquals(40, m.cols());
        assertEquals(20, (int) m.get(7, 3)[0]);
        // cut inside the strip: reported, not decoded
        Path cut = Files.write(tmp.resolve("mm-cut.tif"), Arrays.copyOf(b.array(), data + 300));
        assertNotNull(ImageHeader.read(cut).truncated());
        ImageReadException e = assertThrows(ImageReadException.class, () -> MetaphaseImageReader.readGrey(cut, 255));
        assertTrue(e.getMessage().startsWith("mm-cut.tif: truncated"), e.getMessage());
    }

    private static void entry(ByteBuffer b, int tag, int type, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(1);
        if (type == 3) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }

    @Test
    void pngBombIsRefusedFromItsHeaderInUnderASecond() throws Exception {
        byte[] png = Files.readAllBytes(write("small.png", 64, 64));
        ByteBuffer.wrap(png).putInt(16, 23000).putInt(20, 46000); // IHDR width, height (CRC left stale)
        Path bomb = Files.write(tmp.resolve("bomb.png"), png);
        long t0 = System.nanoTime();
        ImageReadException e = assertThrows(ImageReadException.class, () -> MetaphaseImageReader.readGrey(bomb, 255));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(e.getMessage().startsWith("bomb.png: the PNG header declares 23000 x 46000 pixels"), e.getMessage());
        assertTrue(e.getMessage().contains("not decoded"));
        assertTrue(ms < 1000, ms + " ms");
    }

    @Test
    void jpegBombAndDegenerateSizesAreRefused() throws Exception {
        byte[] jpg = Files.readAllBytes(write("small.jpg", 64, 64));
        int sof = sofOffset(jpg);
        ByteBuffer.wrap(jpg).putShort(sof + 5, (short) 65000).putShort(sof + 7, (short) 65000);
        Path bomb = Files.write(tmp.resolve("bomb.jpg"), jpg);
        assertTrue(assertThrows(ImageReadException.class, () -> MetaphaseImageReader.readGrey(bomb, 255))
                .getMessage()
                .contains("65000 x 65000"));
        Path thin = write("thin.png", 8000, 1);
        ImageReadException e = assertThrows(ImageReadException.class, () -> MetaphaseImageReader.readGrey(thin, 255));
        assertTrue(e.getMessage().startsWith("thin.png: the image is 8000 x 1 pixels, too narrow"), e.getMessage());
    }

    private static int sofOffset(byte[] jpg) {
        for (int i = 2; i < jpg.length - 1; i++) {
            if ((jpg[i] & 0xFF) == 0xFF && ((jpg[i + 1] & 0xFF) == 0xC0 || (jpg[i + 1] & 0xFF) == 0xC2)) {
                return i;
            }
        }
        throw new AssertionError("no SOF");
    }

    @Test
    void truncatedFilesOfEveryFormatAreReportedNotCounted() throws Exception {
        for (String ext : new String[] {"png", "tif", "jpg", "bmp"}) {
            byte[] whole = Files.readAllBytes(write("whole." + ext, 300, 200));
            for (double keep : new double[] {0.3, 0.6, 0.9}) {
                Path cut = Files.write(
                        tmp.resolve("cut-" + keep + "." + ext), Arrays.copyOf(whole, (int) (whole.length * keep)));
                ImageReadException e = assertThrows(
                        ImageReadException.class, () -> MetaphaseImageReader.readGrey(cut, 255), ext + " " + keep);
                assertTrue(e.getMessage().startsWith(cut.getFileName().toString() + ": "), e.getMessage());
            }
        }
    }

    @Test
    void blankImagesAreFlaggedAsNoMetaphase() throws Exception {
        Mat m = new Mat(200, 300, CvType.CV_8UC1, new Scalar(128));
        Path f = tmp.resolve("blank.png");
        Imgcodecs.imwrite(f.toString(), m);
        ImageReadException e = assertThrows(ImageReadException.class, () -> MetaphaseImageReader.readMetaphase(f, 255));
        assertTrue(e.getMessage().startsWith("blank.png: blank or constant image"), e.getMessage());
        assertTrue(e.getMessage().contains("no chromosomes found: is this a metaphase?"));
        assertEquals(300, MetaphaseImageReader.readGrey(f, 255).cols(), "viewing it is still allowed");
        assertEquals(
                300,
                MetaphaseImageReader.readMetaphase(write("cell.png", 300, 200), 255)
                        .cols());
    }

    @Test
    void otherFormatsAndGarbageAreNamed() throws Exception {
        Path txt = Files.writeString(tmp.resolve("notes.png"), "this is not an image at all");
        ImageReadException e = assertThrows(ImageReadException.class, () -> MetaphaseImageReader.readGrey(txt, 255));
        assertTrue(e.getMessage().startsWith("notes.png: not a PNG, TIFF, JPEG or BMP image"), e.getMessage());
        Path tiny = Files.write(tmp.resolve("tiny.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
        assertTrue(assertThrows(ImageReadException.class, () -> MetaphaseImageReader.readGrey(tiny, 255))
                .getMessage()
                .startsWith("tiny.jpg: "));
    }
}
