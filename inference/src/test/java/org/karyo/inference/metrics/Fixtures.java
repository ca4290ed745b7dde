package org.karyo.inference.metrics;

import java.util.List;
import org.karyo.core.geometry.AxisBox;
import org.karyo.core.geometry.RotatedBox;
import org.karyo.core.groundtruth.GroundTruthImage;
import org.karyo.core.groundtruth.GroundTruthObject;
import org.karyo.inference.detect.Detection;

/** Small builders shared by the metric tests. */
final class Fixtures {

    private Fixtures() {}

    static GroundTruthObject gt(RotatedBox b) {
        return new GroundTruthObject(b, null, null, "1");
    }

    /** An axis-aligned box [x1, x2] x [y1, y2] as a rotated gt. */
    static GroundTruthObject gtRect(double x1, double y1, double x2, double y2) {
        return gt(new AxisBox(x1, y1, x2, y2).toRotated());
    }

    static Detection det(RotatedBox b, double score) {
        return new Detection(b, score);
    }

    static Detection detRect(double x1, double y1, double x2, double y2, double score) {
        return new Detection(new AxisBox(x1, y1, x2, y2).toRotated(), score);
    }

    static ImageEvaluation image(List<GroundTruthObject> gts, List<Detection> preds) {
        return new ImageEvaluation(new GroundTruthImage("img", null, 200, 200, gts), preds, false);
    }
}
