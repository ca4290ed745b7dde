package org.karyo.core.image;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Decompression bombs for docs/reliability.md: real PNG bombs (a valid deflate stream of a
 * 23000 x 46000 and a 30000 x 30000 image, every row present, a few MB on disk) and JPEG, TIFF
 * and BMP files whose headers declare 60000 x 60000 pixels; each is read as counting reads it and
 * timed. Run under {@code /usr/bin/time -v} for the process's peak memory:
 * <pre>java -Xmx64m -cp ... org.karyo.core.image.BombProbe /tmp/bombs</pre>
 */
public final class BombProbe {

    private BombProbe() {}

    public static void main(String[] args) throws Exception {
        OpenCv.ensureLoaded();
        Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "bombs"));
        List<Path> bombs = new ArrayList<>();
        bombs.add(pngBomb(dir.resolve("png-23000x46000.png"), 23000, 46000));
        bombs.add(pngBomb(dir.resolve("png-30000x30000.png"), 30000, 30000));
        Mat small = new Mat(64, 64, CvType.CV_8UC1, new Scalar(200));
        for (String ext : new String[] {"jpg", "tif", "bmp"}) {
            Path seed = dir.resolve("seed." + ext);
            Imgcodecs.imwrite(seed.toString(), small);
            byte[] b = Files.readAllBytes(seed);
            bombs.add(Files.write(dir.resolve("declared-60000x60000." + ext), declare(b, ext, 60000, 60000)));
        }
        double worst = 0;
        for (Path p : bombs) {
            long t0 = System.nanoTime();
            String outcome;
            try {
                MetaphaseImageReader.readMetaphase(p, 255).release();
                outcome = "ACCEPTED (decoded)";
            } catch (ImageReadException e) {
                outcome = "refused: " + e.getMessage();
            }
            double s = (System.nanoTime() - t0) / 1e9;
            worst = Math.max(worst, s);
            System.out.printf("%-28s %9d bytes  %.3f s  %s%n", p.getFileName(), Files.size(p), s, outcome);
        }
        Runtime rt = Runtime.getRuntime();
        System.out.printf(
                "slowest refusal %.3f s; Java heap in use %d MB%n", worst, (rt.totalMemory() - rt.freeMemory()) >> 20);
    }

    /** A valid PNG of w x h 8-bit grey zeros: every row's filter byte and pixels, deflated. */
    static Path pngBomb(Path out, int w, int h) throws IOException {
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (OutputStream z = new DeflaterOutputStream(idat, new Deflater(9), 1 << 16)) {
            byte[] row = new byte[w + 1];
            for (int y = 0; y < h; y++) {
                z.write(row);
            }
        }
        try (DataOutputStream d = new DataOutputStream(Files.newOutputStream(out))) {
            d.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
            chunk(
                    d,
                    "IHDR",
                    ByteBuffer.allocate(13)
                            .putInt(w)
                            .putInt(h)
                            .put((byte) 8)
                            .put((byte) 0)
                            .put((byte) 0)
                            .put((byte) 0)
                            .put((byte) 0)
                            .array());
            chunk(d, "IDAT", idat.toByteArray());
            chunk(d, "IEND", new byte[0]);
        }
        return out;
    }

    private static void chunk(DataOutputStream d, String type, byte[] data) throws IOException {
        d.writeInt(data.length);
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }

    static byte[] declare(byte[] b, String ext, int w, int h) {
        byte[] c = b.clone();
        ByteBuffer bb = ByteBuffer.wrap(c);
        if (ext.equals("bmp")) {
            bb.order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(18, w).putInt(22, h);
        } else if (ext.equals("jpg")) {
            for (int i = 2; i + 8 < c.length; i++) {
                if ((c[i] & 0xFF) == 0xFF && (c[i + 1] & 0xFF) == 0xC0) {
                    bb.putShort(i + 5, (short) h).putShort(i + 7, (short) w);
                    break;
                }
            }
        } else { // little-endian TIFF from OpenCV: ImageWidth/ImageLength in the first directory
            bb.order(java.nio.ByteOrder.LITTLE_ENDIAN);
            int ifd = bb.getInt(4), n = bb.getShort(ifd) & 0xFFFF;
            for (int i = 0; i < n; i++) {
                int p = ifd + 2 + i * 12, tag = bb.getShort(p) & 0xFFFF, type = bb.getShort(p + 2);
                if (tag == 256 || tag == 257) {
                    if (type == 3) {
                        bb.putShort(p + 8, (short) w);
                    } else {
                        bb.putInt(p + 8, w);
                    }
                }
            }
        }
        return c;
    }
}
