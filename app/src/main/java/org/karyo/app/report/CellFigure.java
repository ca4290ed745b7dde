package org.karyo.app.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.karyo.core.geometry.RotatedBox;
import org.karyo.core.image.ImageReadException;
import org.karyo.core.image.MetaphaseImageReader;
import org.opencv.core.Mat;

/**
 * Draws one cell for the report: the metaphase image scaled into a fixed pixel size (aspect kept,
 * white margins), its rotated boxes, and the count in a corner badge. A missing or unreadable
 * image gives a grey panel that says so, never a failed export.
 */
final class CellFigure {

    static final Color MODAL = new Color(0, 110, 200), OFF_MODE = new Color(215, 70, 0);

    /** The bundled DejaVu Sans Bold, so figure text is the same on every machine (no system fonts needed). */
    private static final Font BADGE_FONT = bundledFont();

    private CellFigure() {}

    private static Font bundledFont() {
        try (InputStream in = CellFigure.class.getResourceAsStream("/org/karyo/app/report/fonts/DejaVuSans-Bold.ttf")) {
            return in == null ? new Font(Font.SANS_SERIF, Font.BOLD, 12) : Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException | FontFormatException e) {
            return new Font(Font.SANS_SERIF, Font.BOLD, 12);
        }
    }

    static BufferedImage render(ReportCell cell, boolean modal, int width, int height) {
        // BGR bytes: what OpenCV's JPEG encoder takes as is
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            double[] geometry = new double[3];
            BufferedImage src = readScaled(cell.imagePath(), width, height, geometry);
            if (src == null) {
                g.setColor(new Color(230, 230, 230));
                g.fillRect(0, 0, width, height);
                g.setColor(Color.DARK_GRAY);
                g.setFont(BADGE_FONT.deriveFont((float) Math.max(12, height / 18)));
                g.drawString("image not available: " + cell.fileName(), width / 20, height / 2);
            } else {
                double s = geometry[0], ox = geometry[1], oy = geometry[2];
                // already at its printed size: a 1:1 copy, not a bicubic Java2D scale (the slow part of a report)
                g.drawImage(src, (int) Math.round(ox), (int) Math.round(oy), null);
                g.setColor(modal ? MODAL : OFF_MODE);
                g.setStroke(new BasicStroke((float) Math.max(1.5, width / 500.0)));
                for (RotatedBox b : cell.boxes()) {
                    g.draw(outline(b, s, ox, oy));
                }
            }
            badge(g, Integer.toString(cell.finalCount()), modal, width, height);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static Path2D outline(RotatedBox b, double s, double ox, double oy) {
        double[] c = b.corners();
        Path2D.Double p = new Path2D.Double();
        p.moveTo(ox + c[0] * s, oy + c[1] * s);
        for (int i = 2; i < 8; i += 2) {
            p.lineTo(ox + c[i] * s, oy + c[i + 1] * s);
        }
        p.closePath();
        return p;
    }

    private static void badge(Graphics2D g, String count, boolean modal, int width, int height) {
        int size = Math.max(14, Math.min(width, height) / 9);
        g.setFont(BADGE_FONT.deriveFont((float) size));
        int tw = g.getFontMetrics().stringWidth(count), pad = size / 3;
        g.setColor(modal ? MODAL : OFF_MODE);
        g.fillRoundRect(pad, pad, tw + 2 * pad, size + pad, pad, pad);
        g.setColor(Color.WHITE);
        g.drawString(count, 2 * pad, pad + size - pad / 4);
    }

    /**
     * The image as 8-bit grey scaled (OpenCV, area averaging) to fit {@code width} x {@code height};
     * {@code geometry} receives the scale and the offsets of the fitted image; null when unreadable.
     */
    static BufferedImage readScaled(Path file, int width, int height, double[] geometry) {
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        FigureCache.Scaled cached = FigureCache.get(file, width, height);
        if (cached == null) {
            BufferedImage img = decodeScaled(file, width, height, geometry);
            if (img == null) {
                return null;
            }
            cached = new FigureCache.Scaled(img, geometry[0], geometry[1], geometry[2]);
            FigureCache.put(file, width, height, cached);
        }
        geometry[0] = cached.scale();
        geometry[1] = cached.ox();
        geometry[2] = cached.oy();
        // never drawn on (render copies it), so one instance may serve every report
        return cached.image();
    }

    private static BufferedImage decodeScaled(Path file, int width, int height, double[] geometry) {
        Mat m = null, small = null;
        try {
            m = MetaphaseImageReader.readGrey(file, 255);
            small = new Mat();
            double s = Math.min((double) width / m.cols(), (double) height / m.rows());
            int sw = Math.max(1, (int) Math.round(m.cols() * s)), sh = Math.max(1, (int) Math.round(m.rows() * s));
            org.opencv.imgproc.Imgproc.resize(
                    m,
                    small,
                    new org.opencv.core.Size(sw, sh),
                    0,
                    0,
                    s < 1 ? org.opencv.imgproc.Imgproc.INTER_AREA : org.opencv.imgproc.Imgproc.INTER_CUBIC);
            geometry[0] = s;
            geometry[1] = (width - sw) / 2.0;
            geometry[2] = (height - sh) / 2.0;
            BufferedImage img = new BufferedImage(sw, sh, BufferedImage.TYPE_BYTE_GRAY);
            byte[] data = new byte[sw * sh];
            small.get(0, 0, data);
            img.getRaster().setDataElements(0, 0, sw, sh, data);
            return img;
        } catch (ImageReadException | RuntimeException | UnsatisfiedLinkError e) {
            return null;
        } finally {
            if (m != null) {
                m.release();
            }
            if (small != null) {
                small.release();
            }
        }
    }

    /** The image as 8-bit grey (16-bit stretched, colour marks removed, as the detector sees it), or null. */
    static BufferedImage read(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        Mat m = null;
        try {
            m = MetaphaseImageReader.readGrey(file, 255);
            BufferedImage img = new BufferedImage(m.cols(), m.rows(), BufferedImage.TYPE_BYTE_GRAY);
            byte[] data = new byte[m.cols() * m.rows()];
            m.get(0, 0, data);
            img.getRaster().setDataElements(0, 0, m.cols(), m.rows(), data);
            return img;
        } catch (ImageReadException | RuntimeException | UnsatisfiedLinkError e) {
            return null;
        } finally {
            if (m != null) {
                m.release();
            }
        }
    }
}
