package org.karyo.annotation.grabcut;

import java.util.List;
import java.util.Random;
import org.karyo.annotation.InstancePolygon;
import org.karyo.annotation.mask.BinaryMask;
import org.karyo.annotation.mask.Rasteriser;
import org.karyo.core.image.OpenCv;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** Generated brightfield images: dark chromosomes with known polygons on a light, noisy background. */
final class Metaphases {

    private Metaphases() {}

    /** 8-bit grey image; chromosome pixels (the polygons' masks, overlaps darker) then blur and noise. */
    static Mat render(int width, int height, List<InstancePolygon> truth, long seed) {
        OpenCv.ensureLoaded();
        Random rnd = new Random(seed);
        double[] px = new double[width * height];
        for (int i = 0; i < px.length; i++) {
            px[i] = 225;
        }
        for (InstancePolygon p : truth) {
            BinaryMask m = Rasteriser.mask(p, width, height);
            double grey = 60 + 30 * rnd.nextDouble();
            for (int y = m.y0(); y < m.y0() + m.height(); y++) {
                for (int x = m.x0(); x < m.x0() + m.width(); x++) {
                    if (m.get(x, y)) {
                        // Bands: the grey varies along the chromosome, as G-banding does.
                        double band = 25 * Math.sin((x + y) / 5.0);
                        px[y * width + x] =
                                Math.min(px[y * width + x], grey + band) - (px[y * width + x] < 200 ? 20 : 0);
                    }
                }
            }
        }
        Mat f = new Mat(height, width, CvType.CV_64FC1);
        f.put(0, 0, px);
        Imgproc.GaussianBlur(f, f, new Size(0, 0), 0.8);
        double[] blurred = new double[px.length];
        f.get(0, 0, blurred);
        f.release();
        byte[] out = new byte[px.length];
        for (int i = 0; i < px.length; i++) {
            double v = blurred[i] + 8 * rnd.nextGaussian();
            out[i] = (byte) Math.max(0, Math.min(255, Math.round(v)));
        }
        Mat img = new Mat(height, width, CvType.CV_8UC1);
        img.put(0, 0, out);
        return img;
    }
}
