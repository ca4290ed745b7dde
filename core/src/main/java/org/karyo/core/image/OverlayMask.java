package org.karyo.core.image;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** Pixels of saturated colour marks on a grey picture (8-bit BGR in, 8-bit 0/255 mask out). */
final class OverlayMask {

    private OverlayMask() {}

    static Mat of(Mat bgr) {
        List<Mat> p = new ArrayList<>();
        Core.split(bgr, p);
        Mat max = new Mat(), min = new Mat(), chroma = new Mat();
        Core.max(p.get(0), p.get(1), max);
        Core.max(max, p.get(2), max);
        Core.min(p.get(0), p.get(1), min);
        Core.min(min, p.get(2), min);
        Core.subtract(max, min, chroma);
        // chroma >= T  and  chroma / max >= S  (HSV saturation), the latter as chroma*1 >= max*S
        Mat strong = new Mat(), saturated = new Mat(), scaledMax = new Mat();
        Imgproc.threshold(chroma, strong, MetaphaseImageReader.OVERLAY_MIN_CHROMA - 1, 255, Imgproc.THRESH_BINARY);
        max.convertTo(scaledMax, CvType.CV_16S, MetaphaseImageReader.OVERLAY_MIN_SATURATION);
        Mat chroma16 = new Mat();
        chroma.convertTo(chroma16, CvType.CV_16S);
        Core.compare(chroma16, scaledMax, saturated, Core.CMP_GE);
        Mat mask = new Mat();
        Core.bitwise_and(strong, saturated, mask);
        // anti-aliased fringes of a line are less saturated than its core: grow the mask by one pixel
        Mat kernel = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(3, 3));
        Imgproc.dilate(mask, mask, kernel);
        for (Mat m : List.of(max, min, chroma, strong, saturated, scaledMax, chroma16, kernel)) {
            m.release();
        }
        p.forEach(Mat::release);
        return mask;
    }
}
