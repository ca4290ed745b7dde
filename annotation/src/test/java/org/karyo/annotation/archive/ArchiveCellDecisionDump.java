package org.karyo.annotation.archive;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.annotation.AnnotatedImage;
import org.karyo.core.image.OpenCv;

/**
 * Not a test: with {@code -Darchive.decision=SEEDS} (comma-separated composer seeds) it composes
 * {@code archive.spreads} known-answer spreads per seed and prints, for each spread, the cell-level
 * evidence (median correlation and outline fit, their percentiles, share placed) of its own karyogram and of the
 * karyogram of the next spread (a mismatched pair), one line each: the data behind the decision
 * "is this the karyogram of another cell?".
 */
@EnabledIfSystemProperty(named = "archive.decision", matches = ".+")
class ArchiveCellDecisionDump {

    @TempDir
    static Path dir;

    /** The 10th, 25th, 75th and 90th percentiles, as the cell decision reads them. */
    static String quantiles(double[] sorted) {
        StringBuilder b = new StringBuilder();
        for (double q : new double[] {0.1, 0.25, 0.75, 0.9}) {
            b.append(b.length() == 0 ? "" : ",")
                    .append(String.format(Locale.ROOT, "%.3f", BackProjection.quantile(sorted, q)));
        }
        return b.toString();
    }

    @Test
    void dump() throws Exception {
        OpenCv.ensureLoaded();
        int spreads = Integer.getInteger("archive.spreads", 8);
        for (String seed : System.getProperty("archive.decision").split(",")) {
            Path out = dir.resolve("seed" + seed);
            List<AnnotatedImage> truths = ComposedSpreads.compose(out, spreads, seed);
            GreyImage[] metas = new GreyImage[spreads];
            for (int i = 0; i < spreads; i++) {
                metas[i] = GreyImage.read(truths.get(i).image());
            }
            for (int i = 0; i < spreads; i++) {
                for (int pass = 0; pass < 2; pass++) {
                    int from = pass == 0 ? i : (i + 1) % spreads;
                    KaryogramRenderer.Made k =
                            KaryogramRenderer.render(metas[from], truths.get(from), (pass == 0 ? 100 : 200) + i);
                    Karyogram read = KaryogramReader.read(
                            k.image().pixels(), k.image().width(), k.image().height());
                    BackProjection bp = BackProjector.project(metas[i], read);
                    double[] fits = bp.placements().stream()
                            .filter(Placement::placed)
                            .mapToDouble(Placement::fit)
                            .sorted()
                            .toArray();
                    long placed = fits.length;
                    // the same quantiles over the longer half of the cut-outs (more bands: a
                    // look-alike of another cell should correlate worse there)
                    int[] areas = read.cutOuts().stream()
                            .mapToInt(CutOut::area)
                            .sorted()
                            .toArray();
                    int half = areas[areas.length / 2];
                    double[] longScores = java.util.stream.IntStream.range(
                                    0, bp.placements().size())
                            .filter(j -> bp.placements().get(j).placed()
                                    && read.cutOuts().get(j).area() >= half)
                            .mapToDouble(j -> bp.placements().get(j).score())
                            .sorted()
                            .toArray();
                    System.out.printf(
                            Locale.ROOT,
                            "DECISION seed %s spread %d %s corr %.3f fit %.3f placed %d/%d scale %.3f truth %.3f q %s fq %s lq %s %s%n",
                            seed,
                            i,
                            pass == 0 ? "own" : "other",
                            bp.medianScore(),
                            fits.length == 0 ? 0 : fits[fits.length / 2],
                            placed,
                            bp.placements().size(),
                            bp.scale(),
                            1 / k.scale(),
                            quantiles(bp.placements().stream()
                                    .filter(Placement::placed)
                                    .mapToDouble(Placement::score)
                                    .sorted()
                                    .toArray()),
                            quantiles(fits),
                            quantiles(longScores),
                            bp.accepted() ? "accepted" : "refused");
                }
            }
        }
    }
}
