package org.karyo.app.detect;

import java.util.ArrayList;
import java.util.List;
import org.karyo.core.geometry.ContainedBoxes;
import org.karyo.core.geometry.SkewIou;
import org.karyo.inference.detect.Detection;
import org.karyo.inference.detect.DetectionResult;
import org.karyo.inference.detect.Detector;
import org.karyo.inference.detect.Postprocessor;
import org.karyo.inference.model.Thresholds;

/**
 * The detector's candidates just below its operating threshold, kept as suggestions (never
 * counted). The cell's boxes are exactly what the operating detector returns (its skeleton rule
 * included); the suggestions come from decoding the same network output a second time at
 * T_score - {@link #BAND} (milliseconds; no second inference), keeping the candidates under T_score
 * that no kept box already covers.
 */
public final class SuggestionBand {

    /**
     * How far below T_score candidates are kept: chosen, not tuned (the CabinH cells are an
     * evaluation set); docs/performance.md, "Suggested boxes".
     */
    public static final double BAND = 0.25;
    /** A candidate overlapping a kept box this much (IoU) or lying this much inside one is not a suggestion. */
    static final double OVERLAP = 0.3, COVERED = 0.5;

    /** The boxes that count, and the suggestions. */
    public record Split(List<Detection> kept, List<Detection> suggested) {}

    private SuggestionBand() {}

    /**
     * Splits one detection (run with {@code keepMaps}) into the boxes that count and the
     * suggestions; without maps, no suggestions.
     */
    public static Split of(Detector operating, DetectionResult r) {
        List<Detection> kept = r.detections();
        if (r.maps() == null || r.letterbox() == null) {
            return new Split(kept, List.of());
        }
        Thresholds t = operating.thresholds();
        Postprocessor wide = new Postprocessor(operating.info().anchors());
        List<Detection> band = new ArrayList<>();
        for (Detection d : wide.run(r.maps(), r.letterbox(), t.withScore(Math.max(0.0, t.score() - BAND)))
                .detections()) {
            if (d.score() < t.score()
                    && kept.stream()
                            .noneMatch(k -> SkewIou.iou(k.box(), d.box()) > OVERLAP
                                    || ContainedBoxes.coveredFraction(d.box(), k.box()) >= COVERED)) {
                band.add(d);
            }
        }
        return new Split(kept, band);
    }
}
