package org.karyo.inference.bench;

import java.util.List;
import java.util.Random;
import org.karyo.core.geometry.RotatedBox;
import org.karyo.inference.model.AnchorSpec;
import org.karyo.inference.onnx.RawMaps;

/**
 * Model outputs a near-perfect detector would give for known chromosomes: skeleton saliency 1 on
 * the cells along each chromosome's long axis; every anchor there regressed onto its chromosome
 * (plus optional noise) and scored above 0.5 when its skew-IoU with the chromosome is at least
 * {@link #POSITIVE_IOU} (the paper trains positives at 0.6 and negatives at 0.4, so 0.4 errs
 * towards more candidates), below 0.5 otherwise; each chromosome's best anchor is always positive. Used to test decoding end to end and to
 * time post-processing at the density of real metaphases, independently of a trained model.
 */
public final class OracleMaps {

    public static final double POSITIVE_IOU = 0.4;

    private OracleMaps() {}

    /**
     * The maps a perfect network would output for these chromosomes.
     *
     * @param chromosomes boxes in network-input pixels
     * @param noise       standard deviation added to every delta (0 for exact regression)
     */
    public static RawMaps build(
            List<RotatedBox> chromosomes, AnchorSpec anchors, int mapH, int mapW, double noise, Random rnd) {
        int a = anchors.perCell(), cells = mapH * mapW;
        float[] sal = new float[3 * cells];
        float[] scores = new float[a * cells];
        float[] deltas = new float[a * 5 * cells];
        int[] owner = new int[cells];
        java.util.Arrays.fill(owner, -1);
        for (int k = 0; k < chromosomes.size(); k++) {
            RotatedBox g = chromosomes.get(k);
            double c = Math.cos(Math.toRadians(g.angle())), s = Math.sin(Math.toRadians(g.angle()));
            double half = Math.max(0, (g.w() - g.h()) / 2);
            for (double t = -half; t <= half; t += 1.0) {
                int col = (int) Math.floor((g.cx() + t * c) / anchors.stride());
                int row = (int) Math.floor((g.cy() + t * s) / anchors.stride());
                if (row >= 0 && row < mapH && col >= 0 && col < mapW && owner[row * mapW + col] < 0) {
                    owner[row * mapW + col] = k;
                }
            }
        }
        int[] bestIndex = new int[chromosomes.size()];
        double[] bestIou = new double[chromosomes.size()];
        for (int cell = 0; cell < cells; cell++) {
            if (owner[cell] < 0) {
                continue;
            }
            RotatedBox g = chromosomes.get(owner[cell]);
            sal[cell] = 1f;
            int row = cell / mapW, col = cell % mapW;
            for (int i = 0; i < a; i++) {
                double ax = anchors.centreX(col), ay = anchors.centreY(row);
                double aw = anchors.width(i), ah = anchors.height(i), at = anchors.angle(i);
                RotatedBox anchor = RotatedBox.of(ax, ay, aw, ah, at);
                double iou = anchor.iou(g);
                scores[i * cells + cell] = (float) (iou >= POSITIVE_IOU ? 0.5 + 0.5 * iou : 0.45 * iou / POSITIVE_IOU);
                if (iou > bestIou[owner[cell]]) {
                    bestIou[owner[cell]] = iou;
                    bestIndex[owner[cell]] = i * cells + cell;
                }
                double dTheta = g.angle() - at;
                dTheta -= 180 * Math.round(dTheta / 180); // nearest equivalent orientation
                double[] d = {
                    (g.cx() - ax) / aw,
                    (g.cy() - ay) / ah,
                    Math.log(g.w() / aw),
                    Math.log(g.h() / ah),
                    Math.toRadians(dTheta)
                };
                for (int k = 0; k < 5; k++) {
                    double v = d[k] + (noise > 0 ? rnd.nextGaussian() * noise : 0);
                    deltas[(i * 5 + k) * cells + cell] = (float) v;
                }
            }
        }
        for (int k = 0; k < chromosomes.size(); k++) {
            if (bestIou[k] > 0 && bestIou[k] < POSITIVE_IOU) {
                scores[bestIndex[k]] = (float) (0.5 + 0.5 * bestIou[k]);
            }
        }
        return new RawMaps(a, mapH, mapW, sal, scores, deltas);
    }
}
