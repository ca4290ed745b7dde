package org.karyo.annotation.archive;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.karyo.annotation.AnnotatedImage;
import org.karyo.annotation.Python;
import org.karyo.annotation.io.LabelMeIo;

/**
 * The known-answer spreads of the archive tests: metaphases of 46 procedural chromosomes with their
 * classes as labels, from the project's composer (deepchm.synth.compose), one set per seed.
 */
final class ComposedSpreads {

    private ComposedSpreads() {}

    /** Composes {@code spreads} metaphases with {@code seed} into {@code dir} and reads their truths. */
    static List<AnnotatedImage> compose(Path dir, int spreads, String seed) throws Exception {
        Python.Result r = Python.run(
                "import sys; from deepchm.synth.compose import main; main(sys.argv[1:])",
                "--out",
                dir.toString(),
                "--images",
                String.valueOf(spreads),
                "--seed",
                seed,
                "--source",
                "procedural",
                "--labels",
                "class",
                "--counts",
                "46");
        if (r.exit() != 0) {
            throw new IllegalStateException("composer failed: " + r.output());
        }
        List<AnnotatedImage> truths = new ArrayList<>();
        for (int i = 0; i < spreads; i++) {
            truths.add(LabelMeIo.read(dir.resolve(String.format(Locale.ROOT, "meta_%05d.json", i)))
                    .annotation());
        }
        return truths;
    }

    /** One composed spread with its own karyogram as the exports render it, read back. */
    record Spread(AnnotatedImage truth, GreyImage metaphase, KaryogramRenderer.Made made, Karyogram karyogram) {}

    /**
     * Spread {@code index} of the set of {@code -Darchive.seed}, its karyogram rendered with the
     * renderer seed the tests use for own karyograms (100 + index).
     */
    static Spread one(Path dir, int index) throws Exception {
        AnnotatedImage truth = compose(dir, index + 1, seed()).get(index);
        GreyImage m = GreyImage.read(truth.image());
        KaryogramRenderer.Made made = KaryogramRenderer.render(m, truth, 100 + index);
        Karyogram k = KaryogramReader.read(
                made.image().pixels(), made.image().width(), made.image().height());
        return new Spread(truth, m, made, k);
    }

    /** The mean of an outline's vertices, {x, y}. */
    static double[] centroid(List<org.karyo.annotation.Vertex> points) {
        double x = 0, y = 0;
        for (org.karyo.annotation.Vertex v : points) {
            x += v.x();
            y += v.y();
        }
        return new double[] {x / points.size(), y / points.size()};
    }

    /** The composer seed of {@code -Darchive.seed} (default 21, the test's set). */
    static String seed() {
        return String.valueOf(Integer.getInteger("archive.seed", 21));
    }
}
