package org.karyo.annotation.archive;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.annotation.AnnotatedImage;
import org.karyo.annotation.InstancePolygon;
import org.karyo.annotation.mask.BinaryMask;
import org.karyo.annotation.mask.Rasteriser;
import org.karyo.core.image.OpenCv;

/**
 * Not a test: with {@code -Darchive.assign=SPREAD} (and {@code -Darchive.seed}) it projects one
 * composed spread back and, for every true chromosome not recovered, prints where the first pass
 * placed the cut-outs of its class, the first-pass candidates they had near the truth, and which
 * cut-out holds the truth's place: whether a miss is the search's (no good candidate there) or the
 * assignment's (a better candidate lost). {@code -Darchive.dump=DIR} also writes the overlay.
 *
 * <pre>
 * mvn -B -o -pl annotation -am test -Dtest=AssignmentDump -Darchive.assign=4 -Darchive.seed=96 \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "archive.assign", matches = ".+")
class AssignmentDump {

    @TempDir
    static Path dir;

    @Test
    void dump() throws Exception {
        int only = Integer.getInteger("archive.assign");
        OpenCv.ensureLoaded();
        ComposedSpreads.Spread spread = ComposedSpreads.one(dir, only);
        AnnotatedImage truth = spread.truth();
        GreyImage m = spread.metaphase();
        KaryogramRenderer.Made made = spread.made();
        Karyogram k = spread.karyogram();
        BackProjection bp = BackProjector.project(m, k);
        System.out.printf(
                Locale.ROOT,
                "SPREAD seed %s spread %d: fitted scale %.3f (truth %.3f), %s%n",
                ComposedSpreads.seed(),
                only,
                bp.scale(),
                1 / made.scale(),
                bp.accepted() ? "accepted" : bp.refusal());
        String out = System.getProperty("archive.dump");
        if (out != null) { // the overlay and the karyogram, to look at
            Path o = Path.of(out);
            java.nio.file.Files.createDirectories(o);
            String tag = ComposedSpreads.seed() + "-" + only;
            OverlayPainter.write(m, bp, o.resolve("overlay-" + tag + ".png"));
            org.opencv.imgcodecs.Imgcodecs.imwrite(
                    o.resolve("karyogram-" + tag + ".png").toString(),
                    made.image().toMat());
        }
        Scene scene = new Scene(m);
        float[][] darks = BackProjector.karyogramDarkness(k);
        Matcher matcher = new Matcher(scene, Matcher.FIRST_PASS_STEP);
        List<Model> models = new ArrayList<>();
        for (int i = 0; i < k.cutOuts().size(); i++) {
            models.add(new Model(i, k.cutOuts().get(i), darks[i], bp.scale(), k.bodyThreshold()));
        }
        List<List<Matcher.Candidate>> perCut = new ArrayList<>();
        for (Model md : models) {
            perCut.add(matcher.search(md, true));
        }
        Matcher.Candidate[] chosen = new Matcher.Candidate[models.size()];
        List<Placement> first = Assignment.assign(models, perCut, scene, chosen);
        int w = truth.width(), h = truth.height();
        for (InstancePolygon t : truth.instances()) {
            BinaryMask tm = Rasteriser.mask(t, w, h);
            double best = 0;
            for (Placement pl : bp.placements()) {
                if (pl.label() == t.label() && pl.outline().size() >= 3) {
                    best = Math.max(
                            best,
                            Rasteriser.mask(InstancePolygon.of(0, pl.label(), pl.outline()), w, h)
                                    .iou(tm));
                }
            }
            if (best >= 0.85) {
                continue;
            }
            double[] c = ComposedSpreads.centroid(t.points());
            System.out.printf(
                    Locale.ROOT,
                    "MISS class %s at (%.0f,%.0f) best final iou %.2f%n",
                    t.label().displayName(),
                    c[0],
                    c[1],
                    best);
            for (int i = 0; i < models.size(); i++) {
                if (k.cutOuts().get(i).label() != t.label()) {
                    continue;
                }
                Matcher.Candidate ch = chosen[i];
                System.out.printf(
                        Locale.ROOT,
                        "  cut %d first-pass %s final %s%n",
                        i,
                        ch == null
                                ? "none"
                                : String.format(
                                        Locale.ROOT,
                                        "(%d,%d) v %.3f %s",
                                        ch.x(),
                                        ch.y(),
                                        ch.value(),
                                        first.get(i).status()),
                        bp.placements().get(i).status());
                for (Matcher.Candidate cd : perCut.get(i)) {
                    if (Math.hypot(cd.x() - c[0], cd.y() - c[1]) < 0.3 * models.get(i).length) {
                        System.out.printf(
                                Locale.ROOT,
                                "    cand near truth (%d,%d) deg %d mir %b ncc %.3f ring %.3f v %.3f%n",
                                cd.x(),
                                cd.y(),
                                cd.degrees(),
                                cd.mirror(),
                                cd.ncc(),
                                cd.ringNcc(),
                                cd.value());
                    }
                }
            }
            for (int j = 0; j < models.size(); j++) {
                if (chosen[j] != null
                        && Math.hypot(chosen[j].x() - c[0], chosen[j].y() - c[1]) < 0.3 * models.get(j).length) {
                    System.out.printf(
                            Locale.ROOT,
                            "  held by cut %d class %s v %.3f%n",
                            j,
                            k.cutOuts().get(j).label().displayName(),
                            chosen[j].value());
                }
            }
        }
    }
}
