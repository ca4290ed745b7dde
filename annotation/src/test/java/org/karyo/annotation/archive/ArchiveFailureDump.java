package org.karyo.annotation.archive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.annotation.AnnotatedImage;
import org.karyo.annotation.InstancePolygon;
import org.karyo.annotation.Vertex;
import org.karyo.annotation.mask.BinaryMask;
import org.karyo.annotation.mask.Rasteriser;
import org.karyo.core.image.OpenCv;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Not a test: with {@code -Darchive.dump=DIR} it composes the known-answer spreads of
 * TestBackProjectorComposed, projects back and, for every true chromosome not recovered (no
 * outline of its class with IoU >= 0.85), prints the placements of that class and draws the
 * spread (truth of the misses blue, placements of their classes red) so the failures can be
 * looked at before anything is changed.
 */
@EnabledIfSystemProperty(named = "archive.dump", matches = ".+")
class ArchiveFailureDump {

    @TempDir
    static Path dir;

    @Test
    void dump() throws Exception {
        Path out = Path.of(System.getProperty("archive.dump"));
        Files.createDirectories(out);
        int spreads = Integer.getInteger("archive.spreads", 3);
        OpenCv.ensureLoaded();
        List<AnnotatedImage> truths = ComposedSpreads.compose(dir, spreads, ComposedSpreads.seed());
        for (int i = 0; i < spreads; i++) {
            AnnotatedImage truth = truths.get(i);
            GreyImage m = GreyImage.read(truth.image());
            KaryogramRenderer.Made k = KaryogramRenderer.render(m, truth, 100 + i);
            Imgcodecs.imwrite(
                    out.resolve("karyogram-" + i + ".png").toString(), k.image().toMat());
            Karyogram read = KaryogramReader.read(
                    k.image().pixels(), k.image().width(), k.image().height());
            BackProjection bp = BackProjector.project(m, read);
            Matcher matcher = new Matcher(new Scene(m)); // for explain(): built once per spread
            float[][] darks = BackProjector.karyogramDarkness(read);
            int w = truth.width(), h = truth.height();
            Mat bgr = new Mat();
            Imgproc.cvtColor(m.toMat(), bgr, Imgproc.COLOR_GRAY2BGR);
            for (InstancePolygon t : truth.instances()) {
                BinaryMask tm = Rasteriser.mask(t, w, h);
                double best = 0;
                List<String> cands = new ArrayList<>();
                for (Placement pl : bp.placements()) {
                    if (pl.label() != t.label()) {
                        continue;
                    }
                    double iou = pl.outline().size() < 3
                            ? 0
                            : Rasteriser.mask(InstancePolygon.of(0, pl.label(), pl.outline()), w, h)
                                    .iou(tm);
                    best = Math.max(best, iou);
                    cands.add(String.format(
                            Locale.ROOT,
                            "%s iou %.2f score %.3f fit %.3f deg %d mir %b",
                            pl.status(),
                            iou,
                            pl.score(),
                            pl.fit(),
                            pl.degrees(),
                            pl.mirror()));
                }
                if (best >= 0.85) {
                    continue;
                }
                double[] c = ComposedSpreads.centroid(t.points());
                double cx = c[0], cy = c[1];
                System.out.printf(
                        Locale.ROOT,
                        "spread %d class %s at (%.0f,%.0f) area %.0f best %.2f: %s%n",
                        i,
                        t.label().displayName(),
                        cx,
                        cy,
                        t.area(),
                        best,
                        cands);
                explain(matcher, darks, read, bp, t);
                draw(bgr, t.points(), new Scalar(255, 80, 0), t.label().displayName());
                for (Placement pl : bp.placements()) {
                    if (pl.label() == t.label() && pl.outline().size() >= 3) {
                        draw(bgr, pl.outline(), new Scalar(0, 0, 255), null);
                    }
                }
            }
            // boundary bias over every placement that lies on its own chromosome: area ratio, and
            // how much of the truth it misses versus how much it adds
            double ratio = 0, missed = 0, added = 0;
            int matched = 0;
            for (Placement pl : bp.placements()) {
                if (pl.outline().size() < 3) {
                    continue;
                }
                BinaryMask pm = Rasteriser.mask(InstancePolygon.of(0, pl.label(), pl.outline()), w, h);
                for (InstancePolygon t : truth.instances()) {
                    BinaryMask tm = Rasteriser.mask(t, w, h);
                    double iou = pm.iou(tm);
                    if (iou >= 0.5) {
                        double inter = pm.intersectionCount(tm);
                        ratio += (double) pm.count() / tm.count();
                        missed += (tm.count() - inter) / tm.count();
                        added += (pm.count() - inter) / tm.count();
                        matched++;
                    }
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "spread %d bias: %d matched, area ratio %.3f, missed %.3f, added %.3f%n",
                    i,
                    matched,
                    ratio / matched,
                    missed / matched,
                    added / matched);
            Mat big = new Mat();
            Imgproc.resize(
                    bgr, big, new org.opencv.core.Size(bgr.cols() * 2, bgr.rows() * 2), 0, 0, Imgproc.INTER_NEAREST);
            Imgcodecs.imwrite(out.resolve("failures-" + i + ".png").toString(), big);
            OverlayPainter.write(m, bp, out.resolve("overlay-" + i + ".png"));
        }
    }

    /** For each cut-out of the missed chromosome's class: its best pose on the truth, and at its chosen place. */
    private static void explain(Matcher matcher, float[][] darks, Karyogram k, BackProjection bp, InstancePolygon t) {
        double[] tc = ComposedSpreads.centroid(t.points());
        for (int i = 0; i < k.cutOuts().size(); i++) {
            if (k.cutOuts().get(i).label() != t.label()) {
                continue;
            }
            Model model = new Model(i, k.cutOuts().get(i), darks[i], bp.scale(), k.bodyThreshold());
            System.out.printf(
                    Locale.ROOT,
                    "    cut %d area %d: truth %s%n",
                    i,
                    model.area,
                    describe(best(matcher, model, tc[0], tc[1], -1, false)));
            Placement pl = bp.placements().get(i);
            if (pl.placed() && pl.outline().size() >= 3) {
                double[] pc = ComposedSpreads.centroid(pl.outline());
                System.out.printf(
                        Locale.ROOT,
                        "      chosen %s%n",
                        describe(best(matcher, model, pc[0], pc[1], pl.degrees(), pl.mirror())));
            }
        }
    }

    private static String describe(Matcher.Candidate c) {
        return String.format(
                Locale.ROOT,
                "deg %d mir %b at (%d,%d) ncc %.3f ring %.3f fg %.3f shape %.3f value %.3f",
                c.degrees(),
                c.mirror(),
                c.x(),
                c.y(),
                c.ncc(),
                c.ringNcc(),
                c.fgFraction(),
                c.shapeFit(),
                c.value());
    }

    private static Matcher.Candidate best(Matcher matcher, Model model, double cx, double cy, int deg, boolean mir) {
        Matcher.Candidate best = null;
        for (boolean mirror : new boolean[] {false, true}) {
            if (deg >= 0 && mirror != mir) {
                continue;
            }
            for (int d = 0; d < 360; d++) {
                if (deg >= 0 && Math.abs(((d - deg) % 360 + 540) % 360 - 180) > 3) {
                    continue;
                }
                Template tp = model.at(d, mirror);
                for (int oy = -3; oy <= 3; oy++) {
                    for (int ox = -3; ox <= 3; ox++) {
                        int x = (int) Math.round(cx) + ox, y = (int) Math.round(cy) + oy;
                        double s = matcher.ncc(tp, x, y, false);
                        if (best == null || s > best.ncc()) {
                            best = new Matcher.Candidate(model.index, -1, d, mirror, x, y, s, 0, 0, 0, null);
                        }
                    }
                }
            }
        }
        return matcher.withFit(model, -1, best.degrees(), best.mirror(), best.x(), best.y(), best.ncc());
    }

    private static void draw(Mat bgr, List<Vertex> o, Scalar c, String text) {
        Point[] pts = new Point[o.size()];
        for (int j = 0; j < pts.length; j++) {
            pts[j] = new Point(o.get(j).x(), o.get(j).y());
        }
        MatOfPoint poly = new MatOfPoint(pts);
        Imgproc.polylines(bgr, List.of(poly), true, c, 1);
        if (text != null) {
            Imgproc.putText(bgr, text, pts[0], Imgproc.FONT_HERSHEY_SIMPLEX, 0.35, c, 1);
        }
    }
}
