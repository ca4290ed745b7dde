package org.karyo.annotation.archive;

import java.nio.file.Path;
import org.karyo.core.image.ImageReadException;
import org.karyo.core.image.MetaphaseImageReader;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/** An 8-bit grey image as an int array (0 black .. 255 white), read with the project's image checks. */
// numeric buffers passed on without copying or boxing; nothing compares these records by
// value (ArrayRecordComponent's concern)
@SuppressWarnings("ArrayRecordComponent")
public record GreyImage(int width, int height, int[] pixels) {

    public static GreyImage read(Path file) throws ImageReadException {
        Mat m = MetaphaseImageReader.readGrey(file, 255);
        try {
            return of(m);
        } finally {
            m.release();
        }
    }

    public static GreyImage of(Mat grey) {
        Mat g = grey;
        if (grey.type() != CvType.CV_8UC1) {
            g = new Mat();
            grey.convertTo(g, CvType.CV_8UC1);
        }
        int w = g.cols(), h = g.rows();
        byte[] b = new byte[w * h];
        g.get(0, 0, b);
        int[] px = new int[w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = b[i] & 0xff;
        }
        if (g != grey) {
            g.release();
        }
        return new GreyImage(w, h, px);
    }

    public Mat toMat() {
        Mat m = new Mat(height, width, CvType.CV_8UC1);
        byte[] b = new byte[pixels.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) pixels[i];
        }
        m.put(0, 0, b);
        return m;
    }
}
