package org.karyo.inference.detect;

import ai.onnxruntime.OrtException;
import java.nio.file.Path;
import org.karyo.core.image.ChromosomeWidth;
import org.karyo.core.image.ImageReadException;
import org.karyo.core.image.Letterbox;
import org.karyo.core.image.MetaphaseImageReader;
import org.karyo.core.image.Polarity;
import org.karyo.core.image.Preprocessor;
import org.karyo.inference.model.ModelInfo;
import org.karyo.inference.model.Thresholds;
import org.karyo.inference.onnx.DeepChmModel;
import org.karyo.inference.onnx.RawMaps;
import org.opencv.core.Mat;

/**
 * Image file -> chromosome detections. One detector serves many images and is thread-safe:
 * it holds only immutable settings and the model, whose session may run concurrently.
 */
public final class Detector implements AutoCloseable {

    private final DeepChmModel model;
    private final Thresholds thresholds;
    private final Postprocessor post;
    private final Polarity polarity;
    /** The saliency-map counting rule after post-processing; null when it is off. */
    private final SkeletonCountRule skeletonRule;

    public Detector(DeepChmModel model, Thresholds thresholds) {
        this(model, thresholds, Polarity.AUTO);
    }

    /** @param polarity how to treat images whose contrast is the reverse of the model's (fluorescence) */
    public Detector(DeepChmModel model, Thresholds thresholds, Polarity polarity) {
        this(model, thresholds, polarity, null);
    }

    private Detector(DeepChmModel model, Thresholds thresholds, Polarity polarity, SkeletonCountRule skeletonRule) {
        this.model = model;
        this.thresholds = thresholds;
        this.polarity = polarity;
        this.post = new Postprocessor(model.info().anchors());
        this.skeletonRule = skeletonRule;
    }

    /** The same model and polarity rule at other thresholds (the model stays open while either is used). */
    public Detector withThresholds(Thresholds t) {
        return new Detector(model, t, polarity, skeletonRule);
    }

    /** The same detector with the skeleton counting rule at these settings (off when none of its parts runs). */
    public Detector withSkeletonRule(SkeletonCountRule.Settings settings) {
        return new Detector(
                model,
                thresholds,
                polarity,
                settings == null || !settings.any() ? null : SkeletonCountRule.of(settings));
    }

    /** The skeleton counting rule's settings, or null when it is off. */
    public SkeletonCountRule.Settings skeletonRule() {
        return skeletonRule == null ? null : skeletonRule.settings();
    }

    public Polarity polarity() {
        return polarity;
    }

    /**
     * A detector at the model's own default thresholds and counting rules, the skeleton rule
     * included when the model declares one ({@code thresholds.skeleton_rule}, set by
     * {@code karyo calibrate-counts}).
     *
     * @throws IllegalArgumentException when the model's skeleton rule cannot be read
     */
    public static Detector of(DeepChmModel model) {
        return new Detector(model, model.info().thresholds()).withSkeletonRule(declaredSkeletonRule(model));
    }

    /** The skeleton rule a model declares, or null. */
    public static SkeletonCountRule.Settings declaredSkeletonRule(DeepChmModel model) {
        String text = model.info().metadata().get(SkeletonCountRule.Settings.METADATA_KEY);
        if (text == null) {
            return null;
        }
        try {
            return SkeletonCountRule.Settings.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "model " + model.info().label() + ": " + SkeletonCountRule.Settings.METADATA_KEY
                            + " cannot be read: " + e.getMessage(),
                    e);
        }
    }

    public ModelInfo info() {
        return model.info();
    }

    public DeepChmModel model() {
        return model;
    }

    public Thresholds thresholds() {
        return thresholds;
    }

    public DetectionResult detect(Path image) throws ImageReadException, OrtException {
        return detect(image, false);
    }

    /**
     * Detects the chromosomes of one image.
     *
     * @param keepMaps also return the raw saliency/score maps (for the saliency overlay).
     */
    public DetectionResult detect(Path image, boolean keepMaps) throws ImageReadException, OrtException {
        ModelInfo info = model.info();
        long t0 = System.nanoTime();
        Mat grey = MetaphaseImageReader.readMetaphase(image, info.background());
        try {
            boolean inverted = polarity.apply(grey, info.background());
            long t1 = System.nanoTime();
            Letterbox lb = letterbox(grey, info);
            float[] input = Preprocessor.toInput(grey, lb, info.background());
            long t2 = System.nanoTime();
            RawMaps maps = model.predict(input);
            long t3 = System.nanoTime();
            Postprocessor.Output out = post.run(maps, lb, thresholds);
            java.util.List<Detection> found = out.detections();
            long rule = 0;
            if (skeletonRule != null) {
                long r0 = System.nanoTime();
                found = skeletonRule.apply(found, maps, lb, info.anchors().stride());
                rule = System.nanoTime() - r0;
            }
            StageTimings timings =
                    new StageTimings(t1 - t0, t2 - t1, t3 - t2, out.decodeNanos(), out.nmsNanos() + rule);
            return new DetectionResult(
                    image,
                    grey.cols(),
                    grey.rows(),
                    found,
                    timings,
                    out.locations(),
                    out.candidates(),
                    keepMaps ? maps : null,
                    lb,
                    inverted);
        } finally {
            grey.release();
        }
    }

    /**
     * Chromosomes much wider at the fitted scale than the model's training width (higher
     * magnification, less condensed) are brought back to it by a smaller scale; the model then
     * sees them as it learnt them. Never enlarges beyond the fit.
     */
    static Letterbox letterbox(Mat grey, ModelInfo info) {
        Letterbox fit = Letterbox.fit(grey.cols(), grey.rows(), info.inputWidth(), info.inputHeight());
        double trained = info.chromosomeWidth();
        if (Double.isNaN(trained)) {
            return fit;
        }
        double width = ChromosomeWidth.estimate(grey);
        if (Double.isNaN(width) || width * fit.scale() <= trained * WIDTH_TOLERANCE) {
            return fit;
        }
        return Letterbox.scaled(grey.cols(), grey.rows(), info.inputWidth(), info.inputHeight(), trained / width);
    }

    /** Widths up to this factor above the trained one are left alone (training covers x0.75-1.6). */
    static final double WIDTH_TOLERANCE = 1.3;

    @Override
    public void close() {
        model.close();
    }
}
