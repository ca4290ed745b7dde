package org.karyo.annotation.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.karyo.annotation.AnnotatedImage;
import org.karyo.annotation.ChromosomeLabel;
import org.karyo.annotation.InstancePolygon;
import org.karyo.annotation.mask.BinaryMask;
import org.karyo.annotation.mask.Rasteriser;
import org.karyo.core.geometry.RotatedBox;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Renders the karyogram of a composed metaphase the way the exports do: every chromosome cut out
 * along its outline (with whatever of a crossing neighbour lies inside it), the background cleared
 * to white, turned upright, some mirrored, all enlarged by one factor, contrast changed by a gamma
 * and a stretch, laid out over numbered slot lines in the standard rows 1-5, 6-12, 13-18, 19-22 X Y.
 */
final class KaryogramRenderer {

    /** How a karyogram was made, for the test's report. */
    record Made(GreyImage image, double scale, double gamma, int mirrored) {}

    private static final int[][] ROWS = {
        {1, 2, 3, 4, 5}, {6, 7, 8, 9, 10, 11, 12}, {13, 14, 15, 16, 17, 18}, {19, 20, 21, 22, 23, 24}
    };

    private KaryogramRenderer() {}

    static Made render(GreyImage metaphase, AnnotatedImage truth, long seed) {
        Random rnd = new Random(seed * 0x9E3779B97F4A7C15L + 12345); // neighbouring seeds, unrelated draws
        double scale = 1 + 2 * rnd.nextDouble();
        double gamma = 0.6 + rnd.nextDouble();
        double stretchLo = 20 * rnd.nextDouble();
        int w = metaphase.width(), h = metaphase.height();
        List<List<Mat>> bySlot = new ArrayList<>();
        for (int i = 0; i <= 24; i++) {
            bySlot.add(new ArrayList<>());
        }
        int mirrored = 0;
        for (InstancePolygon p : truth.instances()) {
            BinaryMask m = Rasteriser.mask(p, w, h);
            Mat patch = cutOut(metaphase, m);
            RotatedBox box = p.minAreaRect();
            // the long side (box.angle(), degrees, y down) turned to vertical, give or take a few degrees
            Mat up = rotateUpright(
                    patch, box.angle() - 90 + 6 * (rnd.nextDouble() - 0.5) + (rnd.nextBoolean() ? 180 : 0));
            patch.release();
            if (rnd.nextDouble() < 0.3) {
                Core.flip(up, up, 1);
                mirrored++;
            }
            Mat big = new Mat();
            Imgproc.resize(
                    up,
                    big,
                    new Size(Math.max(1, up.cols() * scale), Math.max(1, up.rows() * scale)),
                    0,
                    0,
                    Imgproc.INTER_CUBIC);
            up.release();
            contrast(big, gamma, stretchLo);
            bySlot.get(p.label().number()).add(big);
        }
        Mat sheet = layout(bySlot, scale);
        GreyImage out = GreyImage.of(sheet);
        sheet.release();
        bySlot.forEach(l -> l.forEach(Mat::release));
        return new Made(out, scale, gamma, mirrored);
    }

    private static Mat cutOut(GreyImage img, BinaryMask m) {
        Mat patch = new Mat(m.height() + 4, m.width() + 4, CvType.CV_8UC1, new Scalar(255));
        for (int y = 0; y < m.height(); y++) {
            for (int x = 0; x < m.width(); x++) {
                int gx = m.x0() + x, gy = m.y0() + y;
                if (m.get(gx, gy)) {
                    patch.put(y + 2, x + 2, img.pixels()[gy * img.width() + gx]);
                }
            }
        }
        return patch;
    }

    /** Turns by degrees about the centre onto a canvas large enough, white outside, cropped to the ink. */
    private static Mat rotateUpright(Mat patch, double degrees) {
        int side = (int) Math.ceil(Math.hypot(patch.cols(), patch.rows())) + 4;
        Mat canvas = new Mat(side, side, CvType.CV_8UC1, new Scalar(255));
        patch.copyTo(canvas.submat(
                (side - patch.rows()) / 2,
                (side - patch.rows()) / 2 + patch.rows(),
                (side - patch.cols()) / 2,
                (side - patch.cols()) / 2 + patch.cols()));
        Mat rot = Imgproc.getRotationMatrix2D(new Point(side / 2.0, side / 2.0), degrees, 1);
        Mat out = new Mat();
        Imgproc.warpAffine(
                canvas, out, rot, new Size(side, side), Imgproc.INTER_LINEAR, Core.BORDER_CONSTANT, new Scalar(255));
        canvas.release();
        rot.release();
        Mat ink = new Mat();
        Imgproc.threshold(out, ink, 250, 255, Imgproc.THRESH_BINARY_INV);
        org.opencv.core.Rect r = Imgproc.boundingRect(ink);
        ink.release();
        Mat crop = out.submat(r).clone();
        out.release();
        return crop;
    }

    private static void contrast(Mat m, double gamma, double lo) {
        byte[] b = new byte[(int) m.total()];
        m.get(0, 0, b);
        for (int i = 0; i < b.length; i++) {
            int v = b[i] & 0xff;
            if (v >= 250) {
                b[i] = (byte) 255;
                continue;
            }
            double g = 255 * Math.pow(v / 255.0, gamma);
            b[i] = (byte) Math.max(0, Math.min(240, Math.round(lo + g * (240 - lo) / 255)));
        }
        m.put(0, 0, b);
    }

    private static Mat layout(List<List<Mat>> bySlot, double scale) {
        int gap = (int) Math.round(6 * scale), margin = 20, slotGap = 24, labelSpace = 40;
        List<int[]> rowSize = new ArrayList<>();
        int width = 0, height = margin;
        for (int[] row : ROWS) {
            int rw = margin, rh = 20;
            for (int c : row) {
                rw += slotWidth(bySlot.get(c), gap) + slotGap;
                for (Mat m : bySlot.get(c)) {
                    rh = Math.max(rh, m.rows());
                }
            }
            rowSize.add(new int[] {rw, rh});
            width = Math.max(width, rw + margin);
            height += rh + labelSpace + 20;
        }
        Mat sheet = new Mat(height + margin, width, CvType.CV_8UC1, new Scalar(255));
        int y = margin;
        for (int r = 0; r < ROWS.length; r++) {
            int lineY = y + rowSize.get(r)[1] + 2;
            int x = margin;
            for (int c : ROWS[r]) {
                int sw = slotWidth(bySlot.get(c), gap);
                int cx = x + gap;
                for (Mat m : bySlot.get(c)) {
                    int top = lineY - 1 - m.rows();
                    Mat dst = sheet.submat(top, top + m.rows(), cx, cx + m.cols());
                    Core.min(dst, m, dst); // the cut-outs' white margins do not cover a neighbour
                    cx += m.cols() + gap;
                }
                Imgproc.line(sheet, new Point(x, lineY), new Point(x + sw, lineY), new Scalar(0), 1);
                String text = ChromosomeLabel.ofNumber(c).displayName();
                Imgproc.putText(
                        sheet,
                        text,
                        new Point(x + sw / 2.0 - 6 * text.length(), lineY + 24),
                        Imgproc.FONT_HERSHEY_SIMPLEX,
                        0.6,
                        new Scalar(0),
                        1);
                x += sw + slotGap;
            }
            y = lineY + labelSpace + 20;
        }
        return sheet;
    }

    private static int slotWidth(List<Mat> chromosomes, int gap) {
        int w = gap;
        for (Mat m : chromosomes) {
            w += m.cols() + gap;
        }
        return Math.max(w, 60);
    }
}
