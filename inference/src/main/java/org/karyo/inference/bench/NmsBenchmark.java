package org.karyo.inference.bench;

import java.util.Arrays;
import java.util.Random;
import org.karyo.core.geometry.RotatedBox;
import org.karyo.core.geometry.SkewNms;

/** Java skew-NMS (grid and plain) against OpenCV's NMSBoxesRotated on the same chromosome-like boxes. */
public final class NmsBenchmark {

    private NmsBenchmark() {}

    /** How the boxes lie: detector-like clusters around chromosomes, or spread over the image. */
    public enum Layout {
        CLUSTERED,
        UNIFORM
    }

    /** One size's result; {@code sameKeepSet} tells whether Java and OpenCV kept identical boxes. */
    public record Result(
            Layout layout, int boxes, int kept, Stats javaGrid, Stats javaPlain, Stats openCv, boolean sameKeepSet) {
        public double speedupOverOpenCv() {
            return openCv.medianMs() / javaGrid.medianMs();
        }
    }

    public static Result run(Layout layout, int n, double threshold, long seed) {
        Random rnd = new Random(seed);
        // clustered: about 40 candidates per chromosome, as SGAch leaves them before NMS, on a 768x512 input
        RotatedBox[] boxes = layout == Layout.CLUSTERED
                ? SyntheticBoxes.chromosomeLike(rnd, n, 40, 768, 512)
                : SyntheticBoxes.uniform(rnd, n, 768, 512);
        double[] scores = SyntheticBoxes.scores(rnd, n);
        int[] kept = SkewNms.keep(boxes, scores, threshold);
        int javaRuns = n <= 5000 ? 30 : 10;
        Stats grid = Stats.time(5, javaRuns, () -> SkewNms.keep(boxes, scores, threshold));
        Stats plain = Stats.time(2, Math.max(3, javaRuns / 3), () -> SkewNms.keepPlain(boxes, scores, threshold));
        int cvRuns = n <= 5000 ? 5 : 1;
        Stats cv = Stats.time(n <= 5000 ? 1 : 0, cvRuns, () -> OpenCvNms.keep(boxes, scores, threshold));
        int[] cvKept = OpenCvNms.keep(boxes, scores, threshold);
        return new Result(layout, n, kept.length, grid, plain, cv, Arrays.equals(kept, cvKept));
    }
}
