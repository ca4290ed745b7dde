package org.karyo.annotation.grabcut;

import java.util.List;

/**
 * GrabCut settings an annotator controls. {@code paddingPx}: how far around the rough outline
 * GrabCut may look (and grow); {@code iterations}: GrabCut rounds; {@code simplifyTolerancePx}:
 * the Douglas-Peucker tolerance of the resulting outline (0 keeps every pixel corner);
 * {@code scribbles}: definite chromosome / background strokes.
 */
public record RefineOptions(int paddingPx, int iterations, double simplifyTolerancePx, List<Scribble> scribbles) {

    public static final int DEFAULT_PADDING_PX = 12;
    public static final int DEFAULT_ITERATIONS = 5;
    /** Half a pixel keeps the outline within a pixel of the mask while dropping staircase corners. */
    public static final double DEFAULT_TOLERANCE_PX = 0.75;

    public RefineOptions {
        if (paddingPx < 1) {
            throw new IllegalArgumentException("padding must be at least 1 px, got " + paddingPx);
        }
        if (iterations < 1 || iterations > 50) {
            throw new IllegalArgumentException("iterations must be 1..50, got " + iterations);
        }
        if (!(simplifyTolerancePx >= 0) || !Double.isFinite(simplifyTolerancePx)) {
            throw new IllegalArgumentException("tolerance must be >= 0 px, got " + simplifyTolerancePx);
        }
        scribbles = List.copyOf(scribbles);
    }

    public static RefineOptions defaults() {
        return new RefineOptions(DEFAULT_PADDING_PX, DEFAULT_ITERATIONS, DEFAULT_TOLERANCE_PX, List.of());
    }

    public RefineOptions withPadding(int px) {
        return new RefineOptions(px, iterations, simplifyTolerancePx, scribbles);
    }

    public RefineOptions withIterations(int n) {
        return new RefineOptions(paddingPx, n, simplifyTolerancePx, scribbles);
    }

    public RefineOptions withTolerance(double px) {
        return new RefineOptions(paddingPx, iterations, px, scribbles);
    }

    public RefineOptions withScribbles(List<Scribble> s) {
        return new RefineOptions(paddingPx, iterations, simplifyTolerancePx, s);
    }
}
