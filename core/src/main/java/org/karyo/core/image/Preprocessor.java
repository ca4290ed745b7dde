package org.karyo.core.image;

import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** Grey image -> letterboxed float32 network input [1, 1, H, W], grey levels 0..255. */
public final class Preprocessor {

    private Preprocessor() {}

    public static float[] toInput(Mat grey, Letterbox lb, double background) {
        float[] out = new float[lb.inputWidth() * lb.inputHeight()];
        java.util.Arrays.fill(out, (float) background);
        Mat small = new Mat();
        try {
            // area interpolation averages the pixels a shrink drops; linear when enlarging
            int interp = lb.scale() < 1 ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR;
            Imgproc.resize(grey, small, new Size(lb.resizedWidth(), lb.resizedHeight()), 0, 0, interp);
            byte[] row = new byte[lb.resizedWidth()];
            for (int y = 0; y < lb.resizedHeight(); y++) {
                small.get(y, 0, row);
                int base = y * lb.inputWidth();
                for (int x = 0; x < row.length; x++) {
                    out[base + x] = row[x] & 0xff;
                }
            }
            return out;
        } finally {
            small.release();
        }
    }
}
