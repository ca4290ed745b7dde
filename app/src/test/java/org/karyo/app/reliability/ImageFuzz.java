package org.karyo.app.reliability;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.karyo.core.image.ImageReadException;
import org.karyo.core.image.MetaphaseImageReader;
import org.karyo.core.image.OpenCv;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Mutated metaphase images through the reader that counting and import use
 * ({@link MetaphaseImageReader#readMetaphase}): seeds are a demo cell written as PNG, JPEG, TIFF
 * and BMP (and a real G-banded TIFF when ../shared is there); each input is one seed with one
 * mutation (truncation, byte flips, header flips, zeroed or inserted blocks, a declared size far
 * over the limit, a degenerate size, junk, empty).
 */
final class ImageFuzz {

    static final String[] MUTATIONS = {
        "truncate", "flip", "flip-header", "zero-block", "insert-block", "bomb", "degenerate", "junk", "empty"
    };

    private ImageFuzz() {}

    static List<Path> seeds(Path demoCell, Path realTiff, Path dir) throws IOException {
        OpenCv.ensureLoaded();
        Files.createDirectories(dir);
        Mat m = Imgcodecs.imread(demoCell.toString(), Imgcodecs.IMREAD_GRAYSCALE);
        List<Path> out = new ArrayList<>();
        for (String ext : new String[] {"png", "jpg", "tif", "bmp"}) {
            Path p = dir.resolve("seed." + ext);
            Imgcodecs.imwrite(p.toString(), m);
            out.add(p);
        }
        m.release();
        if (realTiff != null && Files.isRegularFile(realTiff)) {
            out.add(Files.copy(realTiff, dir.resolve("seed-real.tif")));
        }
        return out;
    }

    static FuzzTally run(List<Path> seeds, int count, long seed, Path dir) throws IOException {
        Files.createDirectories(dir);
        Random r = new Random(seed);
        FuzzTally tally = new FuzzTally("images");
        for (int i = 0; i < count; i++) {
            Path src = seeds.get(r.nextInt(seeds.size()));
            String name = src.getFileName().toString();
            String ext = name.substring(name.lastIndexOf('.'));
            String mutation = MUTATIONS[i % MUTATIONS.length];
            byte[] b = mutate(Files.readAllBytes(src), ext, mutation, r);
            Path f = Files.write(dir.resolve(String.format("img-%05d-%s%s", i, mutation, ext)), b);
            tally.probe(
                    f,
                    mutation,
                    mutation.equals("truncate"),
                    mutation.equals("bomb") ? 1.0 : 30.0,
                    t -> t instanceof ImageReadException,
                    file -> {
                        Mat g = MetaphaseImageReader.readMetaphase(file, 255);
                        g.release();
                        return null;
                    });
        }
        return tally;
    }

    static byte[] mutate(byte[] b, String ext, String mutation, Random r) {
        switch (mutation) {
            case "truncate" -> {
                return Arrays.copyOf(b, 16 + r.nextInt((int) (b.length * 0.98) - 16));
            }
            case "flip" -> {
                byte[] c = b.clone();
                for (int k = 1 + r.nextInt(32); k > 0; k--) {
                    c[r.nextInt(c.length)] ^= (byte) (1 + r.nextInt(255));
                }
                return c;
            }
            case "flip-header" -> {
                byte[] c = b.clone();
                for (int k = 1 + r.nextInt(4); k > 0; k--) {
                    c[r.nextInt(Math.min(c.length, 64))] ^= (byte) (1 + r.nextInt(255));
                }
                return c;
            }
            case "zero-block" -> {
                byte[] c = b.clone();
                int at = r.nextInt(c.length), n = Math.min(c.length - at, 1 + r.nextInt(4096));
                Arrays.fill(c, at, at + n, (byte) 0);
                return c;
            }
            case "insert-block" -> {
                int at = r.nextInt(b.length), n = 1 + r.nextInt(4096);
                byte[] junk = new byte[n];
                r.nextBytes(junk);
                byte[] c = new byte[b.length + n];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(junk, 0, c, at, n);
                System.arraycopy(b, at, c, at + n, b.length - at);
                return c;
            }
            case "bomb" -> {
                return declare(b, ext, 20_000 + r.nextInt(45_000), 20_000 + r.nextInt(45_000));
            }
            case "degenerate" -> {
                return r.nextBoolean() ? declare(b, ext, 1, 8000) : declare(b, ext, 8000, 1);
            }
            case "junk" -> {
                byte[] c = new byte[1 + r.nextInt(100_000)];
                r.nextBytes(c);
                return c;
            }
            default -> {
                return new byte[r.nextInt(3)];
            }
        }
    }

    /** The seed with other dimensions written into its header (pixel data left as it is). */
    static byte[] declare(byte[] b, String ext, int w, int h) {
        byte[] c = b.clone();
        ByteBuffer bb = ByteBuffer.wrap(c);
        switch (ext) {
            case ".png" -> bb.putInt(16, w).putInt(20, h);
            case ".bmp" -> bb.order(java.nio.ByteOrder.LITTLE_ENDIAN)
                    .putInt(18, w)
                    .putInt(22, h);
            case ".jpg" -> {
                for (int i = 2; i + 8 < c.length; i++) {
                    if ((c[i] & 0xFF) == 0xFF && ((c[i + 1] & 0xFF) == 0xC0 || (c[i + 1] & 0xFF) == 0xC2)) {
                        bb.putShort(i + 5, (short) Math.min(h, 65535)).putShort(i + 7, (short) Math.min(w, 65535));
                        break;
                    }
                }
            }
            default -> tiffSize(bb, w, h);
        }
        return c;
    }

    /** Rewrites ImageWidth/ImageLength of a little-endian TIFF's first directory. */
    private static void tiffSize(ByteBuffer bb, int w, int h) {
        bb.order(bb.get(0) == 'I' ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
        int ifd = bb.getInt(4);
        if (ifd < 8 || ifd + 2 > bb.limit()) {
            return;
        }
        int n = bb.getShort(ifd) & 0xFFFF;
        for (int i = 0; i < n && ifd + 2 + i * 12 + 12 <= bb.limit(); i++) {
            int p = ifd + 2 + i * 12, tag = bb.getShort(p) & 0xFFFF, type = bb.getShort(p + 2);
            if (tag == 256 || tag == 257) {
                int v = tag == 256 ? w : h;
                if (type == 3) {
                    bb.putShort(p + 8, (short) Math.min(v, 65535));
                } else {
                    bb.putInt(p + 8, v);
                }
            }
        }
    }
}
