package org.karyo.annotation;

/**
 * A polygon vertex in continuous image pixels (x right, y down): pixel (row r, column c) covers
 * [c, c+1) x [r, r+1), as in LabelMe and the trainer (training-bridge targets.py).
 */
public record Vertex(double x, double y) {

    public Vertex {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("non-finite vertex " + x + ", " + y);
        }
    }

    public static Vertex of(double x, double y) {
        return new Vertex(x, y);
    }
}
