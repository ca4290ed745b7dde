package org.karyo.core.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What an image file's header says, read without decoding a pixel: format, width, height and
 * whether the file holds all the data the header promises. Decoders allocate what the header
 * declares, so a 900 KB PNG declaring 23000 x 46000 pixels would take gigabytes before any pixel
 * check could run; this is the check that runs first ({@link ImageLimits}).
 *
 * <p>Formats: PNG (IHDR; IEND present), TIFF (both byte orders, classic and BigTIFF; first IFD;
 * strips or tiles that lie past the end of the file), JPEG (first SOFn frame header; an EOI marker
 * after the scan, which a truncated file lacks) and BMP (core and info headers; pixel array
 * complete). Anything else is not a format Karyo reads.
 *
 * @param bytesPerPixel what one pixel takes once decoded (channels x bytes per sample, as OpenCV decodes it)
 * @param truncated     why the data is incomplete, or null when it looks complete
 */
public record ImageHeader(Format format, long width, long height, int bytesPerPixel, String truncated) {

    /** What decoding the image will allocate, at least. */
    public long decodedBytes() {
        return width * height * bytesPerPixel;
    }

    public enum Format {
        PNG,
        TIFF,
        JPEG,
        BMP
    }

    /** Reads the header of {@code file}; the message of the exception names the file and the problem. */
    public static ImageHeader read(Path file) throws ImageReadException {
        String name = String.valueOf(file.getFileName());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer head = read(ch, 0, (int) Math.min(size, 64));
            if (head.remaining() < 8) {
                throw new ImageReadException(name + ": too short to be an image (" + size + " bytes)");
            }
            int b0 = head.get(0) & 0xFF, b1 = head.get(1) & 0xFF;
            if (b0 == 0x89 && b1 == 'P' && head.get(2) == 'N' && head.get(3) == 'G') {
                return png(ch, size, head, name);
            }
            if ((b0 == 'I' && b1 == 'I') || (b0 == 'M' && b1 == 'M')) {
                return tiff(ch, size, name);
            }
            if (b0 == 0xFF && b1 == 0xD8) {
                return jpeg(ch, size, name);
            }
            if (b0 == 'B' && b1 == 'M') {
                return bmp(size, head, name);
            }
            throw new ImageReadException(name + ": not a PNG, TIFF, JPEG or BMP image (unrecognised header)");
        } catch (IOException e) {
            throw new ImageReadException(name + ": truncated or unreadable header (" + e.getMessage() + ")");
        }
    }

    private static ImageHeader png(FileChannel ch, long size, ByteBuffer head, String name)
            throws IOException, ImageReadException {
        if (head.remaining() < 24 || head.getInt(12) != 0x49484452) { // "IHDR"
            throw new ImageReadException(name + ": corrupt PNG (no IHDR header)");
        }
        long w = Integer.toUnsignedLong(head.getInt(16)), h = Integer.toUnsignedLong(head.getInt(20));
        // IEND is the last chunk; a file cut short lacks it (some writers pad after it, hence the window)
        ByteBuffer tail = read(ch, Math.max(0, size - 4096), (int) Math.min(size, 4096));
        boolean iend = false;
        for (int i = tail.limit() - 4; i >= 0 && !iend; i--) {
            iend = tail.getInt(i) == 0x49454E44; // "IEND"
        }
        int depth = head.get(24) & 0xFF, colour = head.get(25) & 0xFF;
        int channels =
                switch (colour) {
                    case 0 -> 1;
                    case 4 -> 2;
                    case 6 -> 4;
                    default -> 3; // RGB, and palettes, which decode to BGR
                };
        return new ImageHeader(
                Format.PNG,
                w,
                h,
                channels * (depth > 8 ? 2 : 1),
                iend ? null : "no IEND chunk at the end of the PNG data");
    }

    private static ImageHeader tiff(FileChannel ch, long size, String name) throws IOException, ImageReadException {
        ByteBuffer b = read(ch, 0, 16);
        b.order(b.get(0) == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int magic = b.getShort(2) & 0xFFFF;
        boolean big = magic == 43;
        if (magic != 42 && !big) {
            throw new ImageReadException(name + ": corrupt TIFF (bad magic number " + magic + ")");
        }
        long ifd = big ? b.getLong(8) : Integer.toUnsignedLong(b.getInt(4));
        if (ifd < 8 || ifd >= size) {
            throw new ImageReadException(
                    name + ": corrupt TIFF (first directory at " + ifd + ", file has " + size + " bytes)");
        }
        ByteBuffer cnt = read(ch, ifd, big ? 8 : 2).order(b.order());
        long entries = big ? cnt.getLong(0) : cnt.getShort(0) & 0xFFFF;
        int entrySize = big ? 20 : 12;
        if (entries <= 0 || entries > 4096 || ifd + (big ? 8 : 2) + entries * entrySize > size) {
            throw new ImageReadException(name + ": corrupt or truncated TIFF (directory of " + entries + " entries)");
        }
        ByteBuffer dir =
                read(ch, ifd + (big ? 8 : 2), (int) (entries * entrySize)).order(b.order());
        long w = -1, h = -1, samples = 1, bits = 8;
        long[] offsets = null, counts = null;
        for (int i = 0; i < entries; i++) {
            int p = i * entrySize;
            int tag = dir.getShort(p) & 0xFFFF, type = dir.getShort(p + 2) & 0xFFFF;
            long n = big ? dir.getLong(p + 4) : Integer.toUnsignedLong(dir.getInt(p + 4));
            switch (tag) {
                case 256 -> w = scalar(dir, p, type, big);
                case 257 -> h = scalar(dir, p, type, big);
                case 277 -> samples = scalar(dir, p, type, big);
                case 258 -> {
                    long[] v = values(ch, size, dir, p, type, n, big, b.order());
                    bits = v == null || v.length == 0 ? 16 : v[0];
                }
                case 273, 324 -> offsets = values(ch, size, dir, p, type, n, big, b.order());
                case 279, 325 -> counts = values(ch, size, dir, p, type, n, big, b.order());
                default -> {}
            }
        }
        if (w < 0 || h < 0) {
            throw new ImageReadException(name + ": corrupt TIFF (no image width or length)");
        }
        String truncated = null;
        if (offsets != null && counts != null && offsets.length > 0) {
            // a strip that starts inside the file and runs past its end, or most strips beyond it,
            // means a file cut short; a lone strip offset pointing nowhere is the known exporter bug
            // (a broken second strip offset) that readers taking the first strip cope with
            int beyond = 0;
            for (int i = 0; i < Math.min(offsets.length, counts.length); i++) {
                if (offsets[i] >= size) {
                    beyond++;
                } else if (offsets[i] + counts[i] > size && truncated == null) {
                    truncated = "strip " + (i + 1) + " of " + offsets.length + " ends at byte "
                            + (offsets[i] + counts[i]) + " of a " + size + "-byte file";
                }
            }
            if (truncated == null && (offsets[0] >= size || beyond * 2 > offsets.length)) {
                truncated = beyond + " of " + offsets.length + " strips lie past the end of the " + size + "-byte file";
            }
        }
        int bpp = (int) (Math.max(1, Math.min(samples, 8)) * (bits > 16 ? 4 : bits > 8 ? 2 : 1));
        return new ImageHeader(Format.TIFF, w, h, bpp, truncated);
    }

    private static long scalar(ByteBuffer dir, int p, int type, boolean big) {
        int v = p + (big ? 12 : 8);
        return switch (type) {
            case 3 -> dir.getShort(v) & 0xFFFF;
            case 4 -> Integer.toUnsignedLong(dir.getInt(v));
            case 16 -> big ? dir.getLong(v) : -1;
            default -> -1;
        };
    }

    /** The SHORT/LONG/LONG8 array of an entry, inline or at its offset; at most 1M values are read. */
    private static long[] values(
            FileChannel ch, long size, ByteBuffer dir, int p, int type, long n, boolean big, ByteOrder order)
            throws IOException {
        int width =
                switch (type) {
                    case 3 -> 2;
                    case 4 -> 4;
                    case 16 -> 8;
                    default -> 0;
                };
        if (width == 0 || n <= 0 || n > (1 << 20)) {
            return null;
        }
        int inline = big ? 8 : 4, v = p + (big ? 12 : 8);
        ByteBuffer src;
        int base;
        if (n * width <= inline) {
            src = dir;
            base = v;
        } else {
            long off = big ? dir.getLong(v) : Integer.toUnsignedLong(dir.getInt(v));
            if (off + n * width > size) {
                return new long[] {Long.MAX_VALUE / 2};
            }
            src = read(ch, off, (int) (n * width)).order(order);
            base = 0;
        }
        long[] out = new long[(int) n];
        for (int i = 0; i < n; i++) {
            int q = base + i * width;
            out[i] = switch (width) {
                case 2 -> src.getShort(q) & 0xFFFF;
                case 4 -> Integer.toUnsignedLong(src.getInt(q));
                default -> src.getLong(q);
            };
        }
        return out;
    }

    private static ImageHeader jpeg(FileChannel ch, long size, String name) throws IOException, ImageReadException {
        long pos = 2;
        long w = -1, h = -1;
        int bpp = 1;
        while (pos + 4 <= size) {
            ByteBuffer m = read(ch, pos, 4);
            if ((m.get(0) & 0xFF) != 0xFF) {
                throw new ImageReadException(name + ": corrupt JPEG (no marker at byte " + pos + ")");
            }
            int marker = m.get(1) & 0xFF;
            if (marker == 0xFF) { // fill byte
                pos++;
                continue;
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                pos += 2;
                continue;
            }
            if (marker == 0xD9) {
                break;
            }
            int len = m.getShort(2) & 0xFFFF;
            if (len < 2) {
                throw new ImageReadException(name + ": corrupt JPEG (segment length " + len + ")");
            }
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof && w < 0) {
                if (pos + 9 > size) {
                    break;
                }
                ByteBuffer f = read(ch, pos + 4, 6);
                h = f.getShort(1) & 0xFFFF;
                w = f.getShort(3) & 0xFFFF;
                int components = f.get(5) & 0xFF;
                bpp = (components == 1 ? 1 : 3) * ((f.get(0) & 0xFF) > 8 ? 2 : 1);
            }
            if (marker == 0xDA) { // start of scan: entropy-coded data follows, then (eventually) EOI
                if (w < 0) {
                    throw new ImageReadException(name + ": corrupt JPEG (scan before any frame header)");
                }
                return new ImageHeader(
                        Format.JPEG,
                        w,
                        h,
                        bpp,
                        hasEoiAfter(ch, pos + 2 + len, size)
                                ? null
                                : "no end-of-image marker after the compressed data");
            }
            pos += 2 + len;
        }
        if (w < 0) {
            throw new ImageReadException(name + ": corrupt or truncated JPEG (no frame header)");
        }
        return new ImageHeader(Format.JPEG, w, h, bpp, "the file ends before the compressed data");
    }

    /** Entropy-coded data stuffs every 0xFF with 0x00, so FF D9 there can only be the real end of image. */
    private static boolean hasEoiAfter(FileChannel ch, long from, long size) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        boolean ff = false;
        for (long pos = from; pos < size; ) {
            buf.clear();
            int n = ch.read(buf, pos);
            if (n <= 0) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                int v = buf.get(i) & 0xFF;
                if (ff && v == 0xD9) {
                    return true;
                }
                ff = v == 0xFF;
            }
            pos += n;
        }
        return false;
    }

    private static ImageHeader bmp(long size, ByteBuffer head, String name) throws ImageReadException {
        if (head.remaining() < 26) {
            throw new ImageReadException(name + ": truncated BMP header");
        }
        head.order(ByteOrder.LITTLE_ENDIAN);
        long dataOffset = Integer.toUnsignedLong(head.getInt(10));
        int headerSize = head.getInt(14);
        long w, h;
        int bpp;
        int compression = 0;
        if (headerSize == 12) {
            w = head.getShort(18) & 0xFFFF;
            h = head.getShort(20) & 0xFFFF;
            bpp = head.getShort(24) & 0xFFFF;
        } else if (headerSize >= 40 && head.remaining() >= 34) {
            w = head.getInt(18);
            h = Math.abs((long) head.getInt(22)); // negative height: rows stored top-down
            bpp = head.getShort(28) & 0xFFFF;
            compression = head.getInt(30);
        } else {
            throw new ImageReadException(name + ": corrupt BMP (header size " + headerSize + ")");
        }
        if (w <= 0 || bpp <= 0 || bpp > 64) {
            throw new ImageReadException(name + ": corrupt BMP (width " + w + ", " + bpp + " bits per pixel)");
        }
        String truncated = null;
        if (compression == 0 || compression == 3) { // uncompressed: the pixel array's size is known
            long row = ((w * bpp + 31) / 32) * 4;
            long need = dataOffset + row * h;
            if (need > size) {
                truncated = "its pixel data needs " + need + " bytes, the file has " + size;
            }
        }
        return new ImageHeader(Format.BMP, w, h, bpp == 32 ? 4 : 3, truncated);
    }

    private static ByteBuffer read(FileChannel ch, long pos, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) < 0) {
                break;
            }
        }
        b.flip();
        if (b.remaining() < n) {
            throw new java.io.EOFException(
                    "file ends at byte " + (pos + b.remaining()) + ", header needs " + (pos + n));
        }
        return b;
    }
}
