package org.karyo.annotation.grabcut;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.karyo.annotation.ChromosomeLabel;
import org.karyo.annotation.InstancePolygon;
import org.karyo.annotation.Vertex;
import org.karyo.annotation.mask.BinaryMask;
import org.karyo.annotation.mask.OutlineTracer;
import org.karyo.annotation.mask.Rasteriser;
import org.karyo.core.geometry.AxisBox;
import org.karyo.core.geometry.RotatedBox;
import org.karyo.core.image.ImageReadException;
import org.karyo.core.image.MetaphaseImageReader;
import org.karyo.core.image.OpenCv;
import org.opencv.core.CvException;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Turns a rough outline (drawn, or a detector's rotated box) into one that follows the chromosome,
 * with OpenCV GrabCut in a padded window around it. Initial labels: inside the outline probably
 * chromosome, the rest of the window probably background, the window's rim definitely background,
 * scribbles definite. The result is the largest 8-connected component after a 3x3 opening and
 * closing, traced along pixel edges and simplified with the annotator's tolerance.
 *
 * <p>Crossings: the parts of neighbouring instances outside this outline are hidden (painted with
 * the window's background grey and fixed as background) rather than only labelled background,
 * because GrabCut would otherwise learn chromosome grey as a background colour and cut the shared
 * region out of this chromosome. The shared region lies inside this outline, keeps its pixels and
 * is never forced to background, so both chromosomes keep it.
 */
public final class GrabCutRefiner {

    /** Fewer pixels than this is not a chromosome but GrabCut's leftovers. */
    static final int MIN_PIXELS = 12;
    /** Not a GrabCut label: a neighbour's pixel outside this outline, to be hidden. */
    private static final byte HIDDEN = 9;

    private GrabCutRefiner() {}

    /** Reads any image the detector reads (8/16-bit, grey or colour) as 8-bit grey; the caller releases it. */
    public static Mat readImage(Path file) throws ImageReadException {
        return MetaphaseImageReader.readGrey(file, 255);
    }

    /** A draft outline from a detector's box: its four corners, unclassified. */
    public static InstancePolygon fromBox(int id, RotatedBox box) {
        return InstancePolygon.ofBox(id, ChromosomeLabel.CHROMOSOME, box);
    }

    public static Refinement refine(Mat image, InstancePolygon rough, RefineOptions o) {
        return refine(image, rough, o, List.of());
    }

    /**
     * Refines {@code rough} in {@code image} (8-bit grey or BGR; other depths are converted).
     * {@code neighbours}: the image's other instances; their parts outside {@code rough} are
     * definite background, so the outline does not run along a crossing chromosome's arms.
     */
    public static Refinement refine(
            Mat image, InstancePolygon rough, RefineOptions o, List<InstancePolygon> neighbours) {
        if (rough.size() < 3 || rough.area() <= 0) {
            return Refinement.kept(rough, "not refined: the outline needs at least 3 points enclosing an area");
        }
        OpenCv.ensureLoaded();
        Rect roi = window(rough, o, image.cols(), image.rows());
        if (roi == null) {
            return Refinement.kept(rough, "not refined: the outline lies outside the image");
        }
        Mat bgr = null, mask = new Mat(), bgModel = new Mat(), fgModel = new Mat();
        try {
            byte[] grey = greyWindow(image, roi);
            byte[] labels = initialLabels(rough, neighbours, roi);
            hideNeighbours(grey, labels);
            if (!hasBoth(labels)) {
                return Refinement.kept(
                        rough,
                        "not refined: no background around the outline to learn from " + "(increase the padding)");
            }
            mask.create(roi.height, roi.width, CvType.CV_8UC1);
            mask.put(0, 0, labels);
            bgr = toBgr(grey, roi);
            drawScribbles(mask, o.scribbles(), roi);
            Imgproc.grabCut(bgr, mask, new Rect(), bgModel, fgModel, o.iterations(), Imgproc.GC_INIT_WITH_MASK);
            BinaryMask fg = largestComponent(smoothedForeground(mask), roi);
            if (fg.count() < MIN_PIXELS) {
                return Refinement.kept(rough, "not refined: GrabCut found no chromosome here; outline kept");
            }
            List<Vertex> outline = simplify(OutlineTracer.trace(fg), o.simplifyTolerancePx());
            if (outline.size() < 3) {
                return Refinement.kept(rough, "not refined: the refined outline collapsed; outline kept");
            }
            return Refinement.done(rough.withPoints(outline));
        } catch (ImageReadException | CvException e) {
            return Refinement.kept(rough, "not refined: " + e.getMessage());
        } finally {
            if (bgr != null) {
                bgr.release();
            }
            mask.release();
            bgModel.release();
            fgModel.release();
        }
    }

    /**
     * Draft outlines for a detector's boxes (ids 1..n in box order), each refined with the other
     * boxes as neighbours, so annotators correct rather than draw from nothing.
     */
    public static List<Refinement> seedFromDetections(Mat image, List<RotatedBox> boxes, RefineOptions o) {
        List<InstancePolygon> rough = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            rough.add(fromBox(i + 1, boxes.get(i)));
        }
        List<Refinement> out = new ArrayList<>();
        for (int i = 0; i < rough.size(); i++) {
            AxisBox reach = grown(boxes.get(i).bounds(), o.paddingPx());
            List<InstancePolygon> near = new ArrayList<>();
            for (int j = 0; j < rough.size(); j++) {
                if (j != i && boxes.get(j).bounds().intersects(reach)) {
                    near.add(rough.get(j));
                }
            }
            out.add(refine(image, rough.get(i), o, near));
        }
        return out;
    }

    private static AxisBox grown(AxisBox b, double by) {
        return new AxisBox(b.x1() - by, b.y1() - by, b.x2() + by, b.y2() + by);
    }

    /** The outline's (and scribbles') bounds plus padding, clipped to the image; null when empty. */
    static Rect window(InstancePolygon rough, RefineOptions o, int width, int height) {
        AxisBox b = rough.polygon().bounds();
        double x1 = b.x1(), y1 = b.y1(), x2 = b.x2(), y2 = b.y2();
        for (Scribble s : o.scribbles()) {
            for (Vertex v : s.points()) {
                x1 = Math.min(x1, v.x() - s.radiusPx());
                y1 = Math.min(y1, v.y() - s.radiusPx());
                x2 = Math.max(x2, v.x() + s.radiusPx());
                y2 = Math.max(y2, v.y() + s.radiusPx());
            }
        }
        int xa = (int) Math.max(0, Math.floor(x1) - o.paddingPx());
        int ya = (int) Math.max(0, Math.floor(y1) - o.paddingPx());
        int xb = (int) Math.min(width, Math.ceil(x2) + o.paddingPx());
        int yb = (int) Math.min(height, Math.ceil(y2) + o.paddingPx());
        return xb - xa < 2 || yb - ya < 2 ? null : new Rect(xa, ya, xb - xa, yb - ya);
    }

    /** The window as 8-bit grey bytes, row-major (colour and deeper images converted as the reader does). */
    private static byte[] greyWindow(Mat image, Rect roi) throws ImageReadException {
        Mat sub = image.submat(roi);
        Mat grey = new Mat();
        try {
            if (image.type() == CvType.CV_8UC1) {
                sub.copyTo(grey);
            } else if (image.type() == CvType.CV_8UC3) {
                Imgproc.cvtColor(sub, grey, Imgproc.COLOR_BGR2GRAY);
            } else {
                grey.release();
                grey = MetaphaseImageReader.toGrey(sub, 255);
            }
            byte[] out = new byte[roi.width * roi.height];
            grey.get(0, 0, out);
            return out;
        } finally {
            sub.release();
            grey.release();
        }
    }

    private static Mat toBgr(byte[] grey, Rect roi) {
        Mat g = new Mat(roi.height, roi.width, CvType.CV_8UC1);
        try {
            g.put(0, 0, grey);
            Mat bgr = new Mat();
            Imgproc.cvtColor(g, bgr, Imgproc.COLOR_GRAY2BGR);
            return bgr;
        } finally {
            g.release();
        }
    }

    /** Neighbour pixels (HIDDEN) become background grey: the median of the other background pixels. */
    private static void hideNeighbours(byte[] grey, byte[] labels) {
        int[] hist = new int[256];
        int n = 0;
        for (int i = 0; i < grey.length; i++) {
            if (labels[i] == Imgproc.GC_PR_BGD || labels[i] == Imgproc.GC_BGD) {
                hist[grey[i] & 0xff]++;
                n++;
            }
        }
        int median = 255;
        for (int v = 0, seen = 0; v < 256 && n > 0; v++) {
            seen += hist[v];
            if (2 * seen >= n) {
                median = v;
                break;
            }
        }
        for (int i = 0; i < grey.length; i++) {
            if (labels[i] == HIDDEN) {
                grey[i] = (byte) median;
                labels[i] = (byte) Imgproc.GC_BGD;
            }
        }
    }

    /** GrabCut labels of the window, row-major, before scribbles; HIDDEN marks neighbours outside the outline. */
    static byte[] initialLabels(InstancePolygon rough, List<InstancePolygon> neighbours, Rect roi) {
        int w = roi.width, h = roi.height;
        byte[] lab = new byte[w * h];
        java.util.Arrays.fill(lab, (byte) Imgproc.GC_PR_BGD);
        BinaryMask inside = Rasteriser.window(rough.flat(), roi.x, roi.y, w, h);
        for (InstancePolygon n : neighbours) {
            if (n.size() < 3) {
                continue;
            }
            BinaryMask other = Rasteriser.window(n.flat(), roi.x, roi.y, w, h);
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    if (other.local(c, r)) {
                        lab[r * w + c] = HIDDEN;
                    }
                }
            }
        }
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                boolean rim = r == 0 || c == 0 || r == h - 1 || c == w - 1;
                if (inside.local(c, r)) {
                    lab[r * w + c] = (byte) Imgproc.GC_PR_FGD;
                } else if (rim && lab[r * w + c] == Imgproc.GC_PR_BGD) {
                    lab[r * w + c] = (byte) Imgproc.GC_BGD;
                }
            }
        }
        return lab;
    }

    private static boolean hasBoth(byte[] lab) {
        boolean fg = false, bg = false;
        for (byte b : lab) {
            fg |= (b & 1) == 1;
            bg |= (b & 1) == 0;
        }
        return fg && bg;
    }

    private static void drawScribbles(Mat mask, List<Scribble> scribbles, Rect roi) {
        for (Scribble s : scribbles) {
            Scalar v = new Scalar(s.foreground() ? Imgproc.GC_FGD : Imgproc.GC_BGD);
            int thickness = Math.max(1, (int) Math.round(2 * s.radiusPx()));
            List<Vertex> p = s.points();
            // Continuous coordinates to OpenCV's pixel-centre coordinates of the window.
            Point prev = new Point(p.get(0).x() - 0.5 - roi.x, p.get(0).y() - 0.5 - roi.y);
            Imgproc.circle(mask, prev, (int) Math.round(s.radiusPx()), v, -1);
            for (int i = 1; i < p.size(); i++) {
                Point next = new Point(p.get(i).x() - 0.5 - roi.x, p.get(i).y() - 0.5 - roi.y);
                Imgproc.line(mask, prev, next, v, thickness);
                prev = next;
            }
        }
    }

    /** Definite or probable foreground, opened then closed with a 3x3 ellipse. */
    private static Mat smoothedForeground(Mat gcMask) {
        Mat fg = new Mat();
        Mat one = new Mat(gcMask.size(), CvType.CV_8UC1, new Scalar(1));
        Mat kernel = Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new Size(3, 3));
        try {
            org.opencv.core.Core.bitwise_and(gcMask, one, fg); // GC_FGD = 1, GC_PR_FGD = 3
            Imgproc.morphologyEx(fg, fg, Imgproc.MORPH_OPEN, kernel);
            Imgproc.morphologyEx(fg, fg, Imgproc.MORPH_CLOSE, kernel);
            return fg;
        } finally {
            one.release();
            kernel.release();
        }
    }

    private static BinaryMask largestComponent(Mat fg, Rect roi) {
        Mat labels = new Mat(), stats = new Mat(), centroids = new Mat();
        try {
            int n = Imgproc.connectedComponentsWithStats(fg, labels, stats, centroids, 8, CvType.CV_32S);
            int best = -1, bestArea = 0;
            for (int k = 1; k < n; k++) {
                int area = (int) stats.get(k, Imgproc.CC_STAT_AREA)[0];
                if (area > bestArea) {
                    bestArea = area;
                    best = k;
                }
            }
            BinaryMask out = new BinaryMask(roi.x, roi.y, roi.width, roi.height);
            if (best < 0) {
                return out;
            }
            int[] lab = new int[roi.width * roi.height];
            labels.get(0, 0, lab);
            for (int r = 0; r < roi.height; r++) {
                for (int c = 0; c < roi.width; c++) {
                    if (lab[r * roi.width + c] == best) {
                        out.set(roi.x + c, roi.y + r, true);
                    }
                }
            }
            return out;
        } finally {
            fg.release();
            labels.release();
            stats.release();
            centroids.release();
        }
    }

    /** Douglas-Peucker on the closed outline (OpenCV approxPolyDP); tolerance 0 keeps it as is. */
    static List<Vertex> simplify(List<Vertex> outline, double tolerance) {
        if (tolerance <= 0 || outline.size() <= 3) {
            return outline;
        }
        Point[] pts = new Point[outline.size()];
        for (int i = 0; i < pts.length; i++) {
            pts[i] = new Point(outline.get(i).x(), outline.get(i).y());
        }
        MatOfPoint2f in = new MatOfPoint2f(pts), out = new MatOfPoint2f();
        try {
            Imgproc.approxPolyDP(in, out, tolerance, true);
            List<Vertex> res = new ArrayList<>();
            for (Point p : out.toArray()) {
                res.add(new Vertex(p.x, p.y));
            }
            return res.size() >= 3 ? res : outline;
        } finally {
            in.release();
            out.release();
        }
    }
}
