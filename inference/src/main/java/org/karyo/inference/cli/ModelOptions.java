package org.karyo.inference.cli;

import java.nio.file.Path;
import org.karyo.inference.model.ModelLocator;
import org.karyo.inference.model.Thresholds;
import picocli.CommandLine.Option;

/** Model choice and threshold overrides shared by count, eval and bench. */
public final class ModelOptions {

    @Option(names = "--model", paramLabel = "M", description = "ONNX model file (default: $KARYO_MODEL, else the active registered model, else the bundled one)")
    Path model;

    @Option(names = "--cpu", description = "run on the CPU even when a CUDA runtime is present")
    boolean cpu;

    @Option(names = "--score", paramLabel = "T", description = "score threshold (default: the model's)")
    Double score;

    @Option(names = "--nms", paramLabel = "T", description = "skew-NMS IoU threshold (default: the model's)")
    Double nms;

    @Option(names = "--contain", paramLabel = "F", description = "drop a box when this fraction of its area lies "
            + "inside a higher-scoring box; 0 turns it off (default: the model's)")
    Double contain;

    @Option(names = "--loc", paramLabel = "T", description = "skeleton threshold T_loc for SGAch (default: the model's)")
    Double loc;

    @Option(names = "--polarity", paramLabel = "P", description = "AUTO (default: invert fluorescence images, "
            + "bright chromosomes on dark, for a brightfield model), AS_IS or INVERT")
    org.karyo.core.image.Polarity polarity = org.karyo.core.image.Polarity.AUTO;

    @Option(names = "--allow-untrained", hidden = true,
            description = "run a random-weight model (pipeline tests only; its counts mean nothing)")
    boolean allowUntrained;

    Path resolve() throws ModelLocator.NoModelException {
        return ModelLocator.resolve(model);
    }

    Thresholds apply(Thresholds t) {
        Thresholds out = t;
        if (score != null) {
            out = out.withScore(score);
        }
        if (nms != null) {
            out = out.withNms(nms);
        }
        if (loc != null) {
            out = out.withLoc(loc);
        }
        if (contain != null) {
            out = out.withContain(contain);
        }
        return out;
    }
}
