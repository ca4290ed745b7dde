package org.karyo.inference.bench;

import java.util.List;
import java.util.Random;
import org.karyo.inference.detect.RawMaps;
import org.karyo.inference.geometry.RotatedBox;
import org.karyo.inference.model.AnchorSpec;

/**
 * Model outputs a near-perfect detector would give for known chromosomes: skeleton saliency 1 on
 * the cells along each chromosome's long axis, every anchor there scored by its skew-IoU with the
 * chromosome and regressed onto it (plus optional noise). Used to test decoding end to end and to
 * time post-processing at the density of real metaphases, independently of a trained model.
 */
public final class OracleMaps {

    private OracleMaps() {
    }

    /**
     * @param chromosomes boxes in network-input pixels
     * @param noise       standard deviation added to every delta (0 for exact regression)
     */
    public static RawMaps build(List<RotatedBox> chromosomes, AnchorSpec anchors, int mapH, int mapW,
                                double noise, Random rnd) {
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
                scores[i * cells + cell] = (float) (0.5 + 0.5 * anchor.iou(g));
                double dTheta = g.angle() - at;
                dTheta -= 180 * Math.round(dTheta / 180); // nearest equivalent orientation
                double[] d = {(g.cx() - ax) / aw, (g.cy() - ay) / ah, Math.log(g.w() / aw), Math.log(g.h() / ah),
                    Math.toRadians(dTheta)};
                for (int k = 0; k < 5; k++) {
                    double v = d[k] + (noise > 0 ? rnd.nextGaussian() * noise : 0);
                    deltas[(i * 5 + k) * cells + cell] = (float) v;
                }
            }
        }
        return new RawMaps(a, mapH, mapW, sal, scores, deltas);
    }
}
