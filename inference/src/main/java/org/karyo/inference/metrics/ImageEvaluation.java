package org.karyo.inference.metrics;

import java.util.List;
import org.karyo.core.groundtruth.GroundTruthImage;
import org.karyo.inference.detect.Detection;

/**
 * One image to evaluate: its ground truth and the detector's predictions (all of them, not only
 * those above the operating threshold: AP and the best-F1 sweep need the low-scoring ones too).
 * {@code horizontal}: compare with horizontal IoU, for box-only ground truth (YOLO).
 */
public record ImageEvaluation(GroundTruthImage gt, List<Detection> predictions, boolean horizontal) {

    public ImageEvaluation {
        if (gt == null) {
            throw new IllegalArgumentException("ground truth is required");
        }
        predictions = List.copyOf(predictions);
    }
}
