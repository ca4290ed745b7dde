package org.karyo.inference.classify;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import org.karyo.core.geometry.RotatedBox;

/**
 * Draws a cell's karyogram as an image (PNG for `karyo karyotype`, the PDF report): each
 * chromosome cut out along its box's axis, p-arm up, white background, in its ISCN slot with
 * the class number under it; low-confidence placements framed orange with their probability,
 * unsure ones in the last row. AWT only (headless), no JavaFX.
 */
public final class KaryogramPainter {

    /** Display pixels per image pixel: chromosomes drawn so the cell's median is about this tall. */
    static final double TARGET_MEDIAN = 90;

    static final Color LOW = new Color(0xE0, 0x7B, 0x00);

    private KaryogramPainter() {}

    /** A chromosome's upright display tile as 8-bit grey, white background. */
    // numeric buffers passed on without copying or boxing; nothing compares these records by
    // value (ArrayRecordComponent's concern)
    @SuppressWarnings("ArrayRecordComponent")
    public record TileImage(int width, int height, byte[] grey) {}

    /** Display scale (output pixels per image pixel) for a cell. */
    public static double scaleFor(List<ChromosomeCall> calls) {
        double[] len = calls.stream()
                .filter(c -> c.box() != null)
                .mapToDouble(c -> c.box().w())
                .sorted()
                .toArray();
        if (len.length == 0) {
            return 1;
        }
        double med = len[len.length / 2];
        return Math.max(0.5, Math.min(4.0, TARGET_MEDIAN / Math.max(med, 1)));
    }

    /** Upright tile of one chromosome, p-arm up when {@code flipped} says so. */
    public static TileImage tile(GreyImage img, RotatedBox box, boolean flipped, double scale) {
        int rows = Math.max(8, (int) Math.ceil(box.w() * 1.12 * scale));
        int cols = Math.max(6, (int) Math.ceil(Math.max(box.h() * 1.5, box.w() * 0.22) * scale));
        float[] v = new float[rows * cols];
        Cutout.sample(img, box, flipped, rows, cols, 1.0 / scale, v, 0);
        float[] sorted = v.clone();
        java.util.Arrays.sort(sorted);
        float bg = sorted[(int) (0.85 * (sorted.length - 1))];
        float dark = sorted[(int) (0.01 * (sorted.length - 1))];
        float range = Math.max(bg - dark, 1e-6f);
        byte[] g = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            float x = (v[i] - dark) / range;
            g[i] = (byte) Math.round(255 * Math.min(1, Math.max(0, x)));
        }
        return new TileImage(cols, rows, g);
    }

    public static BufferedImage paint(GreyImage img, List<ChromosomeCall> calls, CellKaryotype k, String title) {
        return paint(img, calls, k, title, 1.0);
    }

    /**
     * Paints the cell's karyogram.
     *
     * @param zoom output pixels per layout unit: above 1 the chromosomes are cut out at that much
     *             more resolution (print), the layout and text scale with them
     */
    public static BufferedImage paint(
            GreyImage img, List<ChromosomeCall> calls, CellKaryotype k, String title, double zoom) {
        double scale = scaleFor(calls);
        List<Placement> ps = k.placements();
        TileImage[] tiles = new TileImage[ps.size()];
        double[] tw = new double[ps.size()];
        double[] th = new double[ps.size()];
        for (int i = 0; i < ps.size(); i++) {
            Placement p = ps.get(i);
            tiles[i] = tile(img, calls.get(p.call()).box(), p.flipped(), scale * zoom);
            tw[i] = tiles[i].width() / zoom;
            th[i] = tiles[i].height() / zoom;
        }
        KaryogramGeometry.Result geo = KaryogramGeometry.layout(ps, tw, th, 40);
        int titleH = 34;
        int w = (int) Math.ceil(geo.width() * zoom);
        int h = (int) Math.ceil((geo.height() + titleH) * zoom);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.scale(zoom, zoom);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title + "   " + k.iscn(), KaryogramGeometry.MARGIN, 24);
        g.translate(0, titleH);
        for (KaryogramGeometry.Tile t : geo.tiles()) {
            TileImage ti = tiles[t.placement()];
            BufferedImage bi = new BufferedImage(ti.width(), ti.height(), BufferedImage.TYPE_BYTE_GRAY);
            bi.getRaster().setDataElements(0, 0, ti.width(), ti.height(), ti.grey());
            g.drawImage(
                    bi,
                    (int) Math.round(t.x()),
                    (int) Math.round(t.y()),
                    (int) Math.round(t.w()),
                    (int) Math.round(t.h()),
                    null);
            Placement p = ps.get(t.placement());
            if (p.lowConfidence() || p.unsure()) {
                g.setColor(LOW);
                g.setStroke(new BasicStroke(2f));
                g.drawRect((int) t.x() - 1, (int) t.y() - 1, (int) t.w() + 1, (int) t.h() + 1);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
                g.drawString(
                        String.format(Locale.ROOT, "%.2f", p.probability()), (int) t.x(), (int) (t.y() + t.h() + 11));
            }
        }
        g.setColor(Color.BLACK);
        for (KaryogramGeometry.Slot s : geo.slots()) {
            g.setStroke(new BasicStroke(1f));
            g.drawLine((int) s.x(), (int) (s.y() + s.h() + 13), (int) (s.x() + s.w()), (int) (s.y() + s.h() + 13));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            String label = KaryogramLayout.label(s.cls());
            int lw = g.getFontMetrics().stringWidth(label);
            g.drawString(label, (int) (s.labelX() - lw / 2.0), (int) s.labelY() + 10);
        }
        g.dispose();
        return out;
    }
}
