package org.karyo.inference.classify;

import ai.onnxruntime.OrtException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.karyo.core.geometry.RotatedBox;

/**
 * Classifies every chromosome of one cell: cut-outs along each box's axis, the length of each
 * box relative to the cell's median box length, one batched ONNX run.
 */
public final class ChromosomeClassifier {

    /**
     * Below this contrast (grey levels of the 8-bit image) a box holds nothing but background: it
     * is "not a chromosome" whatever the network would make of amplified noise.
     */
    public static final float MIN_CONTRAST = 12f;

    private final ClassifierModel model;

    public ChromosomeClassifier(ClassifierModel model) {
        this.model = model;
    }

    public ClassifierModel model() {
        return model;
    }

    /** One call per box, in the order given: the cut-outs, then one batched model run. */
    public List<ChromosomeCall> classify(GreyImage image, List<RotatedBox> boxes) throws OrtException {
        return classify(prepare(image, boxes));
    }

    /**
     * The model's input for a cell: every cut-out in one array (the batch of the single ONNX
     * run), the relative sizes, and which boxes hold only background.
     */
    // a working buffer handed from preparation to the model run, never compared or hashed as a
    // value (ArrayRecordComponent's concern)
    @SuppressWarnings("ArrayRecordComponent")
    public record Batch(List<RotatedBox> boxes, float[] images, float[] sizes, boolean[] empty) {}

    /** Cuts out and normalises every box of a cell, written straight into the batch array. */
    public static Batch prepare(GreyImage image, List<RotatedBox> boxes) {
        int n = boxes.size();
        float[] images = new float[n * Cutout.SIZE];
        float[] sizes = relativeSizes(boxes);
        boolean[] empty = new boolean[n];
        float[] scratch = new float[Cutout.SIZE];
        for (int i = 0; i < n; i++) {
            Cutout.sample(image, boxes.get(i), false, images, i * Cutout.SIZE);
            empty[i] = Cutout.normalise(images, i * Cutout.SIZE, scratch) < MIN_CONTRAST;
        }
        return new Batch(boxes, images, sizes, empty);
    }

    /** Runs the model once on a prepared batch. */
    public List<ChromosomeCall> classify(Batch b) throws OrtException {
        List<ChromosomeCall> out = calls(b.boxes(), model.run(b.images(), b.sizes()));
        for (int i = 0; i < out.size(); i++) {
            if (b.empty()[i]) {
                float[] p = new float[ChromosomeClass.OUTPUTS];
                p[ChromosomeClass.NONE] = 1f;
                out.set(i, new ChromosomeCall(i, b.boxes().get(i), p, 0.5f));
            }
        }
        return out;
    }

    /** Classifies prepared cut-outs (evaluation); boxes may be null. */
    public List<ChromosomeCall> classify(float[] images, float[] sizes) throws OrtException {
        return calls(null, model.run(images, sizes));
    }

    private static List<ChromosomeCall> calls(List<RotatedBox> boxes, ClassifierModel.Output out) {
        int n = out.pUp().length;
        List<ChromosomeCall> calls = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] p = Arrays.copyOfRange(out.probs(), i * ChromosomeClass.OUTPUTS, (i + 1) * ChromosomeClass.OUTPUTS);
            calls.add(new ChromosomeCall(i, boxes == null ? null : boxes.get(i), p, out.pUp()[i]));
        }
        return calls;
    }

    /** ln(long side / median long side of the cell) per box, the model's size input. */
    public static float[] relativeSizes(List<RotatedBox> boxes) {
        int n = boxes.size();
        float[] out = new float[n];
        if (n == 0) {
            return out;
        }
        double[] len = new double[n];
        for (int i = 0; i < n; i++) {
            len[i] = Math.max(boxes.get(i).w(), 1.0);
        }
        double[] sorted = len.clone();
        Arrays.sort(sorted);
        double median = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
        for (int i = 0; i < n; i++) {
            out[i] = (float) Math.log(len[i] / median);
        }
        return out;
    }
}
