package org.karyo.inference.classify;

import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * A grey image as floats, row-major, dark chromosomes on a bright background (fluorescence
 * already inverted). The classifier's cut-outs are sampled from it.
 */
// numeric buffers passed on without copying or boxing; nothing compares these records by
// value (ArrayRecordComponent's concern)
@SuppressWarnings("ArrayRecordComponent")
public record GreyImage(int width, int height, float[] pixels) {

    public GreyImage {
        if (width <= 0 || height <= 0 || pixels.length != (long) width * height) {
            throw new IllegalArgumentException(
                    "grey image " + width + "x" + height + " with " + pixels.length + " values");
        }
    }

    /** From an 8-bit single-channel OpenCV image (as MetaphaseImageReader returns). */
    public static GreyImage of(Mat grey8) {
        if (grey8.type() != CvType.CV_8UC1) {
            throw new IllegalArgumentException("expected an 8-bit grey image, got type " + grey8.type());
        }
        int w = grey8.cols(), h = grey8.rows();
        byte[] b = new byte[w * h];
        Mat m = grey8.isContinuous() ? grey8 : grey8.clone();
        m.get(0, 0, b);
        if (m != grey8) {
            m.release();
        }
        float[] px = new float[b.length];
        for (int i = 0; i < b.length; i++) {
            px[i] = b[i] & 0xFF;
        }
        return new GreyImage(w, h, px);
    }

    public float at(int x, int y) {
        return pixels[y * width + x];
    }
}
