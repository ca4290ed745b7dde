package org.karyo.inference.bench;

import java.util.Random;
import org.karyo.core.geometry.RotatedBox;

/** Dense, touching and crossing chromosome-like boxes, as a detector's candidates look before NMS. */
public final class SyntheticBoxes {

    private SyntheticBoxes() {}

    /**
     * {@code n} candidates: clusters of jittered boxes around {@code n / perChromosome} chromosomes
     * spread over a {@code width x height} image, many of them touching or crossing.
     */
    public static RotatedBox[] chromosomeLike(Random rnd, int n, int perChromosome, double width, double height) {
        int chromosomes = Math.max(1, n / perChromosome);
        RotatedBox[] truth = new RotatedBox[chromosomes];
        for (int c = 0; c < chromosomes; c++) {
            double len = 15 + rnd.nextDouble() * 45;
            truth[c] = RotatedBox.of(
                    rnd.nextDouble() * width,
                    rnd.nextDouble() * height,
                    len,
                    len / (2.5 + rnd.nextDouble() * 4),
                    rnd.nextDouble() * 180);
        }
        RotatedBox[] out = new RotatedBox[n];
        for (int i = 0; i < n; i++) {
            RotatedBox t = truth[rnd.nextInt(chromosomes)];
            out[i] = RotatedBox.of(
                    t.cx() + rnd.nextGaussian() * 3,
                    t.cy() + rnd.nextGaussian() * 3,
                    t.w() * (1 + rnd.nextGaussian() * 0.1),
                    t.h() * (1 + rnd.nextGaussian() * 0.1),
                    t.angle() + rnd.nextGaussian() * 8);
        }
        return out;
    }

    /** Float32 probabilities, as the model outputs them. */
    public static double[] scores(Random rnd, int n) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = rnd.nextFloat();
        }
        return s;
    }

    /**
     * {@code n} chromosome-sized boxes spread uniformly over a {@code width x height} image: many
     * touch or cross, most survive NMS. The other shape of NMS input, where OpenCV's all-pairs
     * loop costs most.
     */
    public static RotatedBox[] uniform(Random rnd, int n, double width, double height) {
        RotatedBox[] out = new RotatedBox[n];
        for (int i = 0; i < n; i++) {
            double len = 15 + rnd.nextDouble() * 45;
            out[i] = RotatedBox.of(
                    rnd.nextDouble() * width,
                    rnd.nextDouble() * height,
                    len,
                    len / (2.5 + rnd.nextDouble() * 4),
                    rnd.nextDouble() * 180);
        }
        return out;
    }
}
