package org.karyo.annotation.archive;

import java.nio.file.Path;
import java.util.List;
import org.karyo.annotation.Vertex;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/** Draws a back-projected cell for a person to check: outlines (green found, orange ambiguous) and classes. */
public final class OverlayPainter {

    private OverlayPainter() {}

    public static void write(GreyImage metaphase, BackProjection result, Path png) {
        Mat grey = metaphase.toMat();
        Mat bgr = new Mat();
        Imgproc.cvtColor(grey, bgr, Imgproc.COLOR_GRAY2BGR);
        grey.release();
        for (Placement p : result.placements()) {
            if (p.outline().isEmpty()) {
                continue;
            }
            Scalar colour = p.status() == Placement.Status.FOUND ? new Scalar(40, 170, 40) : new Scalar(0, 140, 255);
            List<Vertex> o = p.outline();
            Point[] pts = new Point[o.size()];
            double cx = 0, cy = 0;
            for (int i = 0; i < pts.length; i++) {
                pts[i] = new Point(o.get(i).x(), o.get(i).y());
                cx += o.get(i).x();
                cy += o.get(i).y();
            }
            MatOfPoint poly = new MatOfPoint(pts);
            Imgproc.polylines(bgr, List.of(poly), true, colour, 1);
            poly.release();
            Imgproc.putText(
                    bgr,
                    p.label().displayName(),
                    new Point(cx / pts.length - 5, cy / pts.length + 4),
                    Imgproc.FONT_HERSHEY_SIMPLEX,
                    0.4,
                    new Scalar(200, 0, 200),
                    1);
        }
        Imgcodecs.imwrite(png.toString(), bgr);
        bgr.release();
    }
}
