package org.karyo.inference.onnx;

/**
 * The three model outputs for one image, flat in row-major order (batch 0), as the ONNX contract
 * lays them out: saliency [3, h, w], scores [A, h, w], deltas [A, 5, h, w].
 */
// numeric buffers passed on without copying or boxing; nothing compares these records by
// value (ArrayRecordComponent's concern)
@SuppressWarnings("ArrayRecordComponent")
public record RawMaps(int anchorsPerCell, int height, int width, float[] saliency, float[] scores, float[] deltas) {

    public static final int SKELETON = 0;
    public static final int EDGE = 1;
    public static final int INTERSECTION = 2;

    public RawMaps {
        int cells = height * width;
        if (saliency.length != 3 * cells
                || scores.length != anchorsPerCell * cells
                || deltas.length != anchorsPerCell * 5 * cells) {
            throw new IllegalArgumentException(
                    "output sizes do not match " + anchorsPerCell + " anchors on a " + height + "x" + width + " map");
        }
    }

    public float saliency(int channel, int row, int col) {
        return saliency[(channel * height + row) * width + col];
    }

    public float score(int a, int row, int col) {
        return scores[(a * height + row) * width + col];
    }

    public float delta(int a, int k, int row, int col) {
        return deltas[((a * 5 + k) * height + row) * width + col];
    }
}
