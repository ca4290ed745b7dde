package org.karyo.inference.detect;

import java.nio.file.Path;
import java.util.List;
import org.karyo.core.image.Letterbox;
import org.karyo.inference.onnx.RawMaps;

/**
 * What the detector found in one metaphase image: boxes in original-image pixels (highest score
 * first), the stage timings, how many SGAch locations and candidates there were, the raw maps
 * when they were asked for (saliency overlay), and whether the image's contrast was inverted.
 */
public record DetectionResult(
        Path source,
        int imageWidth,
        int imageHeight,
        List<Detection> detections,
        StageTimings timings,
        int locations,
        int candidates,
        RawMaps maps,
        Letterbox letterbox,
        boolean inverted) {

    public DetectionResult {
        detections = List.copyOf(detections);
    }

    /**
     * More anchors passed T_score than NMS takes ({@link SgachDecoder#MAX_CANDIDATES}): a sign of an
     * untrained or unsuitable model, or of thresholds set far too low.
     */
    public boolean candidatesCapped() {
        return candidates > SgachDecoder.MAX_CANDIDATES;
    }

    /** The chromosome count of this cell: one per box. */
    public int count() {
        return detections.size();
    }
}
