package org.karyo.annotation.mask;

import java.util.ArrayList;
import java.util.List;

/**
 * A binary raster placed in the image: {@code width x height} pixels whose top-left pixel is image
 * pixel ({@code x0}, {@code y0}). Mutable only through {@link #set} by its maker; hand out copies.
 */
public final class BinaryMask {

    private final int x0;
    private final int y0;
    private final int width;
    private final int height;
    private final boolean[] bits;

    public BinaryMask(int x0, int y0, int width, int height) {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("negative mask size " + width + "x" + height);
        }
        this.x0 = x0;
        this.y0 = y0;
        this.width = width;
        this.height = height;
        this.bits = new boolean[Math.multiplyExact(width, height)];
    }

    public int x0() {
        return x0;
    }

    public int y0() {
        return y0;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Image pixel (x, y); false outside the mask's window. */
    public boolean get(int x, int y) {
        int c = x - x0, r = y - y0;
        return c >= 0 && r >= 0 && c < width && r < height && bits[r * width + c];
    }

    /** Image pixel (x, y); must lie inside the window. */
    public void set(int x, int y, boolean v) {
        int c = x - x0, r = y - y0;
        if (c < 0 || r < 0 || c >= width || r >= height) {
            throw new IndexOutOfBoundsException("pixel " + x + "," + y + " outside the mask window");
        }
        bits[r * width + c] = v;
    }

    /** Window pixel (column c, row r), no bounds offset. */
    public boolean local(int c, int r) {
        return bits[r * width + c];
    }

    public int count() {
        int n = 0;
        for (boolean b : bits) {
            n += b ? 1 : 0;
        }
        return n;
    }

    public boolean isEmpty() {
        for (boolean b : bits) {
            if (b) {
                return false;
            }
        }
        return true;
    }

    /** The set pixels as image (x, y), row by row. */
    public List<Pixel> pixels() {
        List<Pixel> out = new ArrayList<>();
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                if (bits[r * width + c]) {
                    out.add(new Pixel(x0 + c, y0 + r));
                }
            }
        }
        return out;
    }

    /** Pixels set in both, counted in image coordinates. */
    public int intersectionCount(BinaryMask o) {
        int n = 0;
        int xa = Math.max(x0, o.x0), xb = Math.min(x0 + width, o.x0 + o.width);
        int ya = Math.max(y0, o.y0), yb = Math.min(y0 + height, o.y0 + o.height);
        for (int y = ya; y < yb; y++) {
            for (int x = xa; x < xb; x++) {
                n += get(x, y) && o.get(x, y) ? 1 : 0;
            }
        }
        return n;
    }

    /** Intersection over union of the two pixel sets (1 when both are empty). */
    public double iou(BinaryMask o) {
        int inter = intersectionCount(o);
        int union = count() + o.count() - inter;
        return union == 0 ? 1.0 : (double) inter / union;
    }
}
