package org.karyo.inference.model;

/**
 * Anchor settings of a model (deepchm.md section 2), read from its metadata.
 * Anchor index inside a cell: {@code a = (ratioIdx * |scales| + scaleIdx) * |angles| + angleIdx}.
 */
// numeric buffers passed on without copying or boxing; nothing compares these records by
// value (ArrayRecordComponent's concern)
@SuppressWarnings("ArrayRecordComponent")
public record AnchorSpec(
        int stride, double baseSize, double[] scales, double[] ratios, double[] angles, double centerOffset) {

    public AnchorSpec {
        if (stride <= 0 || baseSize <= 0 || scales.length == 0 || ratios.length == 0 || angles.length == 0) {
            throw new IllegalArgumentException("anchor settings need a positive stride and base size and at least "
                    + "one scale, ratio and angle");
        }
        scales = scales.clone();
        ratios = ratios.clone();
        angles = angles.clone();
    }

    /** The paper's settings: l = 5, s in {2, 5}, r in {2, 4}, angles 0..165 step 15, stride 4, centre offset 0.5. */
    public static AnchorSpec paper() {
        double[] angles = new double[12];
        for (int i = 0; i < 12; i++) {
            angles[i] = 15.0 * i;
        }
        return new AnchorSpec(4, 5, new double[] {2, 5}, new double[] {2, 4}, angles, 0.5);
    }

    public int perCell() {
        return scales.length * ratios.length * angles.length;
    }

    /** Long side of anchor {@code a} (w = l*s*sqrt(r)). */
    public double width(int a) {
        int shape = a / angles.length;
        return baseSize * scales[shape % scales.length] * Math.sqrt(ratios[shape / scales.length]);
    }

    /** Short side of anchor {@code a} (h = l*s/sqrt(r)). */
    public double height(int a) {
        int shape = a / angles.length;
        return baseSize * scales[shape % scales.length] / Math.sqrt(ratios[shape / scales.length]);
    }

    public double angle(int a) {
        return angles[a % angles.length];
    }

    /** Anchor centre x of column {@code col}, in network-input pixels. */
    public double centreX(int col) {
        return (col + centerOffset) * stride;
    }

    public double centreY(int row) {
        return (row + centerOffset) * stride;
    }

    @Override
    public double[] scales() {
        return scales.clone();
    }

    @Override
    public double[] ratios() {
        return ratios.clone();
    }

    @Override
    public double[] angles() {
        return angles.clone();
    }
}
