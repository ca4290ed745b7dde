package org.karyo.inference.detect;

import java.util.ArrayList;
import java.util.List;
import org.karyo.core.geometry.ContainedBoxes;
import org.karyo.core.geometry.SkewNms;
import org.karyo.core.image.Letterbox;
import org.karyo.inference.model.AnchorSpec;
import org.karyo.inference.model.Thresholds;
import org.karyo.inference.onnx.RawMaps;

/** SGAch + decoding + skew-NMS (+ the containment rule) + mapping back to the image: everything after the network, in Java. */
public final class Postprocessor {

    private final SgachDecoder decoder;

    public Postprocessor(AnchorSpec anchors) {
        this.decoder = new SgachDecoder(anchors);
    }

    /** The outcome plus the time of each half; {@code candidates}: anchors above T_score (before the NMS cap). */
    public record Output(List<Detection> detections, int locations, int candidates, long decodeNanos, long nmsNanos) {}

    public Output run(RawMaps maps, Letterbox lb, Thresholds t) {
        long t0 = System.nanoTime();
        SgachDecoder.Candidates c = decoder.decode(maps, t.loc(), t.score());
        long t1 = System.nanoTime();
        int[] keep = SkewNms.keep(c.boxes(), c.scores(), t.nms());
        if (t.containing()) {
            keep = ContainedBoxes.drop(c.boxes(), keep, t.contain());
        }
        List<Detection> out = new ArrayList<>(keep.length);
        for (int i : keep) {
            out.add(new Detection(lb.toImage(c.boxes()[i]), c.scores()[i]));
        }
        long t2 = System.nanoTime();
        return new Output(out, c.locations(), c.above(), t1 - t0, t2 - t1);
    }
}
