package org.karyo.annotation.grabcut;

import java.util.List;
import org.karyo.annotation.Vertex;

/**
 * A stroke the annotator paints to correct GrabCut: every pixel within {@code radiusPx} of the
 * polyline is definitely chromosome ({@code foreground}) or definitely not.
 */
public record Scribble(List<Vertex> points, double radiusPx, boolean foreground) {

    public Scribble {
        points = List.copyOf(points);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a scribble needs at least one point");
        }
        if (!(radiusPx >= 0) || !Double.isFinite(radiusPx)) {
            throw new IllegalArgumentException("scribble radius must be >= 0, got " + radiusPx);
        }
    }

    public static Scribble foreground(double radiusPx, Vertex... points) {
        return new Scribble(List.of(points), radiusPx, true);
    }

    public static Scribble background(double radiusPx, Vertex... points) {
        return new Scribble(List.of(points), radiusPx, false);
    }
}
