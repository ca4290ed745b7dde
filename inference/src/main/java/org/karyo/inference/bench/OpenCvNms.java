package org.karyo.inference.bench;

import org.karyo.core.geometry.RotatedBox;
import org.karyo.core.image.OpenCv;
import org.opencv.core.MatOfFloat;
import org.opencv.core.MatOfInt;
import org.opencv.core.MatOfRotatedRect;
import org.opencv.core.Point;
import org.opencv.core.RotatedRect;
import org.opencv.core.Size;
import org.opencv.dnn.Dnn;

/**
 * OpenCV's {@code Dnn.NMSBoxesRotated}, the comparison point for our skew-NMS. It departs from
 * the exact rule in three ways: float32 intersection areas, a box entirely inside another counts
 * as IoU 1, and a box whose IoU equals the threshold is kept.
 */
public final class OpenCvNms {

    private OpenCvNms() {}

    /** Kept indices in OpenCV's order (descending score). */
    public static int[] keep(RotatedBox[] boxes, double[] scores, double threshold) {
        OpenCv.ensureLoaded();
        RotatedRect[] rects = new RotatedRect[boxes.length];
        float[] s = new float[boxes.length];
        for (int i = 0; i < boxes.length; i++) {
            RotatedBox b = boxes[i];
            // same convention: the width side points along (cos angle, sin angle) in image coordinates
            rects[i] = new RotatedRect(new Point(b.cx(), b.cy()), new Size(b.w(), b.h()), b.angle());
            s[i] = (float) scores[i];
        }
        MatOfRotatedRect mr = new MatOfRotatedRect(rects);
        MatOfFloat ms = new MatOfFloat(s);
        MatOfInt idx = new MatOfInt();
        try {
            Dnn.NMSBoxesRotated(mr, ms, 0f, (float) threshold, idx); // scores are probabilities >= 0
            return idx.empty() ? new int[0] : idx.toArray();
        } finally {
            mr.release();
            ms.release();
            idx.release();
        }
    }
}
