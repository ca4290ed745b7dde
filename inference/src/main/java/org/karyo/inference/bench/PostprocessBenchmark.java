package org.karyo.inference.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.karyo.core.geometry.RotatedBox;
import org.karyo.core.image.Letterbox;
import org.karyo.inference.detect.Postprocessor;
import org.karyo.inference.model.ModelInfo;
import org.karyo.inference.onnx.RawMaps;

/**
 * Post-processing (SGAch + decode + skew-NMS) on the maps a good detector gives for real
 * chromosome layouts ({@link OracleMaps}), so its cost is measured at real density whether or not
 * the model at hand is trained.
 */
public final class PostprocessBenchmark {

    private PostprocessBenchmark() {}

    /** One spread: how many chromosomes, SGAch locations, candidates, kept boxes, and the times. */
    public record Result(
            int chromosomes, int locations, int candidates, int kept, Stats decode, Stats nms, Stats total) {}

    /** Chromosome layouts in image pixels, each with its image size. */
    public record Layout(String name, int width, int height, List<RotatedBox> chromosomes) {}

    public static Result run(Layout layout, ModelInfo info, double deltaNoise, long seed) {
        Letterbox lb = Letterbox.fit(layout.width(), layout.height(), info.inputWidth(), info.inputHeight());
        List<RotatedBox> net = new ArrayList<>();
        for (RotatedBox b : layout.chromosomes()) {
            net.add(lb.toNetwork(b));
        }
        RawMaps maps =
                OracleMaps.build(net, info.anchors(), info.mapHeight(), info.mapWidth(), deltaNoise, new Random(seed));
        Postprocessor post = new Postprocessor(info.anchors());
        Postprocessor.Output first = post.run(maps, lb, info.thresholds());
        int runs = 30;
        long[] dec = new long[runs], nms = new long[runs], tot = new long[runs];
        for (int i = 0; i < 5; i++) {
            post.run(maps, lb, info.thresholds());
        }
        for (int i = 0; i < runs; i++) {
            Postprocessor.Output o = post.run(maps, lb, info.thresholds());
            dec[i] = o.decodeNanos();
            nms[i] = o.nmsNanos();
            tot[i] = o.decodeNanos() + o.nmsNanos();
        }
        return new Result(
                layout.chromosomes().size(),
                first.locations(),
                first.candidates(),
                first.detections().size(),
                Stats.of(dec),
                Stats.of(nms),
                Stats.of(tot));
    }

    /** A synthetic 46-chromosome spread over a 1600x1200 image, for when no annotated layouts are given. */
    public static Layout syntheticSpread(long seed) {
        Random rnd = new Random(seed);
        List<RotatedBox> boxes = new ArrayList<>();
        while (boxes.size() < 46) {
            double len = 30 + rnd.nextDouble() * 110;
            RotatedBox b = RotatedBox.of(
                    300 + rnd.nextDouble() * 1000,
                    200 + rnd.nextDouble() * 800,
                    len,
                    14 + rnd.nextDouble() * 8,
                    rnd.nextDouble() * 180);
            if (boxes.stream().noneMatch(o -> o.iou(b) > 0.1)) {
                boxes.add(b);
            }
        }
        return new Layout("synthetic-46-" + seed, 1600, 1200, boxes);
    }
}
