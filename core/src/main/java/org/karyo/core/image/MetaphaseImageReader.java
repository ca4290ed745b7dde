package org.karyo.core.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Reads any 8- or 16-bit grey or colour image (PNG, TIFF incl. the first page of a multi-page
 * file, JPEG, BMP) into an 8-bit grey {@link Mat}.
 *
 * <ul>
 *   <li>16-bit (and float) images are stretched linearly from their own minimum to maximum:
 *       microscope cameras often fill only 10-12 of the 16 bits.</li>
 *   <li>Coloured marks that other karyotyping systems burn into exported images (outlines,
 *       rectangles, flags) are saturated pure colours; such pixels become background, never
 *       chromosome. The rule (chroma >= 96 of 255 and HSV saturation >= 0.5) sits well above
 *       stain colour: Giemsa-stained spreads measured here reach chroma 57.</li>
 *   <li>Transparent pixels become background.</li>
 * </ul>
 * The caller owns (and must release) the returned Mat.
 */
public final class MetaphaseImageReader {

    public static final int OVERLAY_MIN_CHROMA = 96;
    public static final double OVERLAY_MIN_SATURATION = 0.5;
    /** Below this standard deviation of grey levels an image holds nothing (blank, constant, a lens cap). */
    public static final double BLANK_MAX_STDDEV = 2.0;

    private MetaphaseImageReader() {}

    public static Mat readGrey(Path file, double background) throws ImageReadException {
        OpenCv.ensureLoaded();
        checkFile(file);
        // the header decides first: decoders allocate whatever it declares (decompression bombs)
        ImageHeader header = ImageHeader.read(file);
        ImageLimits.standard().check(String.valueOf(file.getFileName()), header);
        if (header.format() == ImageHeader.Format.JPEG) {
            String problem = JpegIntegrity.problem(file);
            if (problem != null) {
                throw new ImageReadException(file.getFileName() + ": corrupt JPEG data (" + problem + ")");
            }
        }
        Mat raw = Imgcodecs.imread(file.toString(), Imgcodecs.IMREAD_UNCHANGED);
        if (raw.empty()) {
            raw.release();
            throw new ImageReadException(
                    file.getFileName() + ": not a readable image (corrupt " + header.format() + " data)");
        }
        if (raw.cols() != header.width() || raw.rows() != header.height()) {
            String got = raw.cols() + " x " + raw.rows();
            raw.release();
            throw new ImageReadException(file.getFileName() + ": corrupt " + header.format() + " file (header says "
                    + header.width() + " x " + header.height() + ", decoded " + got + ")");
        }
        try {
            return toGrey(raw, background);
        } finally {
            raw.release();
        }
    }

    /**
     * {@link #readGrey} for a cell to count: also refuses a blank or constant image, which would
     * otherwise become a cell of 0 chromosomes without a word.
     */
    public static Mat readMetaphase(Path file, double background) throws ImageReadException {
        Mat grey = readGrey(file, background);
        MatOfDouble mean = new MatOfDouble(), sd = new MatOfDouble();
        try {
            Core.meanStdDev(grey, mean, sd);
            double s = sd.get(0, 0)[0];
            if (s < BLANK_MAX_STDDEV) {
                grey.release();
                throw new ImageReadException(String.format(
                        java.util.Locale.ROOT,
                        "%s: blank or constant image "
                                + "(grey level %.0f, spread %.1f): no chromosomes found: is this a metaphase?",
                        file.getFileName(),
                        mean.get(0, 0)[0],
                        s));
            }
            return grey;
        } finally {
            mean.release();
            sd.release();
        }
    }

    private static void checkFile(Path file) throws ImageReadException {
        if (!Files.exists(file)) {
            throw new ImageReadException(file + ": file not found");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ImageReadException(file + ": not a readable file");
        }
        try {
            if (Files.size(file) == 0) {
                throw new ImageReadException(file.getFileName() + ": empty file (0 bytes)");
            }
        } catch (IOException e) {
            throw new ImageReadException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** Converts a decoded image of any depth and channel count to 8-bit grey with overlays removed. */
    public static Mat toGrey(Mat raw, double background) throws ImageReadException {
        Mat img8 = to8Bit(raw);
        try {
            int ch = img8.channels();
            Mat grey = new Mat();
            Mat marks = null;
            switch (ch) {
                case 1 -> img8.copyTo(grey);
                case 2 -> { // grey + alpha
                    List<Mat> planes = new ArrayList<>();
                    Core.split(img8, planes);
                    planes.get(0).copyTo(grey);
                    marks = transparent(planes.get(1));
                    planes.forEach(Mat::release);
                }
                case 3, 4 -> {
                    Mat bgr = new Mat();
                    if (ch == 4) {
                        List<Mat> planes = new ArrayList<>();
                        Core.split(img8, planes);
                        marks = transparent(planes.get(3));
                        Imgproc.cvtColor(img8, bgr, Imgproc.COLOR_BGRA2BGR);
                        planes.forEach(Mat::release);
                    } else {
                        img8.copyTo(bgr);
                    }
                    Mat overlay = OverlayMask.of(bgr);
                    if (marks == null) {
                        marks = overlay;
                    } else {
                        Core.bitwise_or(marks, overlay, marks);
                        overlay.release();
                    }
                    Imgproc.cvtColor(bgr, grey, Imgproc.COLOR_BGR2GRAY);
                    bgr.release();
                }
                default -> throw new ImageReadException("unsupported image with " + ch + " channels");
            }
            if (marks != null) {
                grey.setTo(new Scalar(background), marks);
                marks.release();
            }
            return grey;
        } finally {
            if (img8 != raw) {
                img8.release();
            }
        }
    }

    private static Mat transparent(Mat alpha) {
        Mat m = new Mat();
        Imgproc.threshold(alpha, m, 127, 255, Imgproc.THRESH_BINARY_INV);
        return m;
    }

    /** 8-bit images pass through; deeper ones are stretched from their own min to max. */
    private static Mat to8Bit(Mat raw) {
        if (raw.depth() == CvType.CV_8U) {
            return raw;
        }
        Mat flat = raw.reshape(1);
        Core.MinMaxLocResult mm = Core.minMaxLoc(flat);
        double range = mm.maxVal - mm.minVal;
        double alpha = range > 0 ? 255.0 / range : 0;
        Mat out = new Mat();
        raw.convertTo(out, CvType.CV_8U, alpha, -mm.minVal * alpha);
        return out;
    }
}
