package org.karyo.inference.cli;

import java.nio.file.Path;
import java.util.List;
import org.karyo.inference.detect.SkeletonCountRule;
import org.karyo.inference.model.ModelLocator;
import org.karyo.inference.model.Thresholds;
import picocli.CommandLine.Option;

/** Model choice and threshold overrides shared by count, eval and bench. */
public final class ModelOptions {

    @Option(
            names = "--model",
            paramLabel = "M",
            description =
                    "ONNX model file (default: $KARYO_MODEL, else the active registered model, else the bundled one)")
    Path model;

    @Option(names = "--cpu", description = "run on the CPU even when a CUDA runtime is present")
    boolean cpu;

    @Option(names = "--score", paramLabel = "T", description = "score threshold (default: the model's)")
    Double score;

    @Option(names = "--nms", paramLabel = "T", description = "skew-NMS IoU threshold (default: the model's)")
    Double nms;

    @Option(
            names = "--contain",
            paramLabel = "F",
            description = "drop a box when this fraction of its area lies "
                    + "inside a higher-scoring box; 0 turns it off (default: the model's)")
    Double contain;

    @Option(
            names = "--loc",
            paramLabel = "T",
            description = "skeleton threshold T_loc for SGAch (default: the model's)")
    Double loc;

    @Option(
            names = "--polarity",
            paramLabel = "P",
            description = "AUTO (default: invert fluorescence images, "
                    + "bright chromosomes on dark, for a brightfield model), AS_IS or INVERT")
    org.karyo.core.image.Polarity polarity = org.karyo.core.image.Polarity.AUTO;

    @Option(
            names = "--skeleton-rule",
            paramLabel = "PARTS",
            split = ",",
            description = "the saliency counting rule "
                    + "after the boxes (docs/model-card.md): off, or any of merge (boxes on one uncrossed skeleton piece are "
                    + "one chromosome), split (one box over two pieces is two), orphans (a piece without a box is one); "
                    + "default: the model's " + SkeletonCountRule.Settings.METADATA_KEY + ", else off)")
    List<String> skeletonRule;

    @Option(
            names = "--skeleton-threshold",
            paramLabel = "T",
            description = "skeleton saliency of a chromosome body "
                    + "for the skeleton rule (default: the model's, else 0.5)")
    Double skeletonThreshold;

    @Option(
            names = "--skeleton-fill",
            paramLabel = "F",
            description = "merge only when the skeleton piece fills this "
                    + "share of the joint rectangle (default: the model's, else 0.6)")
    Double skeletonFill;

    @Option(
            names = "--allow-untrained",
            hidden = true,
            description = "run a random-weight model (pipeline tests only; its counts mean nothing)")
    boolean allowUntrained;

    /**
     * The skeleton rule's settings: the model's own ({@code modelRule}, from its metadata; may be
     * null) overridden by the options; throws a usage failure for an unknown part.
     */
    SkeletonCountRule.Settings skeletonSettings(String modelRule) {
        SkeletonCountRule.Settings base;
        try {
            base = modelRule == null
                    ? SkeletonCountRule.Settings.of(false, false, false)
                    : SkeletonCountRule.Settings.parse(modelRule);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(
                    ExitCodes.NO_MODEL,
                    "the model's " + SkeletonCountRule.Settings.METADATA_KEY + " cannot be read: " + e.getMessage());
        }
        if (skeletonRule == null && skeletonThreshold == null && skeletonFill == null) {
            return base;
        }
        boolean merge = base.merge(), split = base.split(), orphans = base.orphans();
        if (skeletonRule != null) {
            merge = split = orphans = false;
        }
        for (String part : skeletonRule == null ? List.<String>of() : skeletonRule) {
            switch (part.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "off", "" -> {}
                case "merge" -> merge = true;
                case "split" -> split = true;
                case "orphans" -> orphans = true;
                default -> throw new CliFailure(
                        ExitCodes.USAGE,
                        "--skeleton-rule: unknown part '" + part + "' (use off, merge, split, orphans)");
            }
        }
        try {
            return SkeletonCountRule.Settings.of(merge, split, orphans)
                    .withSkeleton(skeletonThreshold == null ? base.skeleton() : skeletonThreshold)
                    .withFill(skeletonFill == null ? base.fill() : skeletonFill);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(
                    ExitCodes.USAGE, "--skeleton-threshold must be in (0, 1) and --skeleton-fill in [0, 1]");
        }
    }

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
