package org.karyo.annotation.archive;

import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.core.image.OpenCv;

/**
 * Not a test: with {@code -Darchive.scales=SPREAD} (and {@code -Darchive.seed}) it prints the scale
 * fit's score (the four largest cut-outs' best places, as {@link BackProjector#fitScale} scores a
 * scale) over 0.4-2.0 times the area guess, with the truth: whether a wrong scale is the area
 * guess's fault, the score's, or the search's.
 */
@EnabledIfSystemProperty(named = "archive.scales", matches = ".+")
class ScaleCurveDump {

    @TempDir
    static Path dir;

    @Test
    void dump() throws Exception {
        int only = Integer.getInteger("archive.scales");
        OpenCv.ensureLoaded();
        ComposedSpreads.Spread spread = ComposedSpreads.one(dir, only);
        Karyogram k = spread.karyogram();
        Scene scene = new Scene(spread.metaphase());
        float[][] darks = BackProjector.karyogramDarkness(k);
        double s0 = BackProjector.areaGuess(scene, k);
        double truthScale = 1 / spread.made().scale();
        System.out.printf(
                Locale.ROOT,
                "SCALE s0 %.3f truth %.3f (truth/s0 %.3f) blobs %d%n",
                s0,
                truthScale,
                truthScale / s0,
                scene.blobs.size());
        Matcher matcher = new Matcher(scene, Matcher.FIRST_PASS_STEP);
        int[] probes = BackProjector.largest(k, BackProjector.SCALE_PROBES);
        for (double f = 0.4; f <= 2.0001; f += 0.05) {
            double s = s0 * f;
            StringBuilder b = new StringBuilder(); // each probe alone, then the mean fitScale reads
            for (int i : probes) {
                b.append(String.format(
                        Locale.ROOT, " %.3f", BackProjector.scaleScore(k, darks, new int[] {i}, s, matcher)));
            }
            System.out.printf(
                    Locale.ROOT,
                    "SCALE f %.2f s %.3f score %.3f [%s ]%n",
                    f,
                    s,
                    BackProjector.scaleScore(k, darks, probes, s, matcher),
                    b);
        }
    }
}
