package org.karyo.annotation.archive;

import java.util.HashMap;
import java.util.Map;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** One cut-out brought to metaphase scale, with its turned and mirrored templates made on demand. */
final class Model {

    final int index;
    final CutOut cut;
    final double scale;
    final float[] dark, mask, whole;
    final int pw, ph;
    final double pcx, pcy, axis, elongation, length;
    final int area;
    private final Map<Integer, Template> cache = new HashMap<>();

    Model(int index, CutOut cut, float[] karyoDark, double scale, int bodyThreshold) {
        this.index = index;
        this.cut = cut;
        this.scale = scale;
        pw = Math.max(2, (int) Math.round(cut.width() * scale));
        ph = Math.max(2, (int) Math.round(cut.height() * scale));
        float[] m0 = new float[cut.mask().length];
        float[] w0 = new float[cut.mask().length];
        for (int i = 0; i < m0.length; i++) {
            m0[i] = cut.mask()[i] && cut.grey()[i] < bodyThreshold ? 1f : 0f;
            w0[i] = cut.mask()[i] ? 1f : 0f;
        }
        dark = resize(karyoDark, cut.width(), cut.height(), pw, ph, scale);
        mask = resize(m0, cut.width(), cut.height(), pw, ph, scale);
        whole = resize(w0, cut.width(), cut.height(), pw, ph, scale);
        double sx = 0, sy = 0;
        int n = 0;
        int[] px = new int[pw * ph];
        for (int y = 0; y < ph; y++) {
            for (int x = 0; x < pw; x++) {
                if (mask[y * pw + x] >= 0.5f) {
                    px[n++] = y * pw + x;
                    sx += x;
                    sy += y;
                }
            }
        }
        area = Math.max(1, n);
        pcx = n == 0 ? pw / 2.0 : sx / n;
        pcy = n == 0 ? ph / 2.0 : sy / n;
        Scene.Blob mo = Scene.moments(0, java.util.Arrays.copyOf(px, Math.max(1, n)), pw);
        axis = mo.angle();
        elongation = mo.elongation();
        length = mo.length();
    }

    private Model(Model m, int index) {
        this.index = index;
        cut = m.cut;
        scale = m.scale;
        dark = m.dark;
        mask = m.mask;
        whole = m.whole;
        pw = m.pw;
        ph = m.ph;
        pcx = m.pcx;
        pcy = m.pcy;
        axis = m.axis;
        elongation = m.elongation;
        length = m.length;
        area = m.area;
        cache.putAll(m.cache);
    }

    /** The same cut-out under another index (for a search among a subset). */
    Model renumbered(int newIndex) {
        return new Model(this, newIndex);
    }

    Template at(int degrees, boolean mirror) {
        int d = Math.floorMod(degrees, 360);
        return cache.computeIfAbsent(
                mirror ? -1 - d : d, k -> Template.of(dark, mask, whole, pw, ph, pcx, pcy, d, mirror));
    }

    private static float[] resize(float[] a, int w, int h, int nw, int nh, double scale) {
        Mat src = new Mat(h, w, CvType.CV_32FC1);
        src.put(0, 0, a);
        Mat dst = new Mat();
        Imgproc.resize(src, dst, new Size(nw, nh), 0, 0, scale < 1 ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR);
        float[] out = new float[nw * nh];
        dst.get(0, 0, out);
        src.release();
        dst.release();
        return out;
    }
}
