package org.karyo.app.detect;

import java.util.ArrayList;
import java.util.List;
import org.karyo.inference.detect.Detection;
import org.karyo.inference.detect.Detector;
import org.karyo.inference.model.Thresholds;

/**
 * The band of scores just below the operating threshold whose candidates are kept as
 * suggestions (not counted). One detector pass at the lower threshold gives both: greedy skew-NMS
 * and the containment rule only ever drop a box for a higher-scoring one, so the boxes at or above
 * the operating threshold are the same as a pass at that threshold
 * ({@code TestSuggestionBand} checks it on real cells).
 */
public final class SuggestionBand {

    /**
     * How far below T_score candidates are kept. Measured on the 10 CabinH cells (model 1.4.0,
     * T_score 0.858): docs/performance.md, "Suggested boxes".
     */
    public static final double BAND = 0.25;

    /** The boxes that count, and the suggestions. */
    public record Split(List<Detection> kept, List<Detection> suggested) {
    }

    private SuggestionBand() {
    }

    /** The same model and thresholds, T_score lowered by {@link #BAND}. Do not close it: it shares the model. */
    public static Detector widen(Detector operating) {
        Thresholds t = operating.thresholds();
        return operating.withThresholds(t.withScore(Math.max(0.0, t.score() - BAND)));
    }

    public static Split split(List<Detection> wide, double operating) {
        List<Detection> kept = new ArrayList<>(), band = new ArrayList<>();
        for (Detection d : wide) {
            (d.score() >= operating ? kept : band).add(d);
        }
        return new Split(kept, band);
    }
}
