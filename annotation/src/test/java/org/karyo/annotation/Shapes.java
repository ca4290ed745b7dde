package org.karyo.annotation;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test geometry: chromosome-like capsules (a rectangle with round ends) as known polygons. */
public final class Shapes {

    private Shapes() {}

    /** A capsule of total length {@code len} and width {@code wid}, long axis at {@code angleDeg}. */
    public static InstancePolygon capsule(int id, double cx, double cy, double len, double wid, double angleDeg) {
        double r = wid / 2, half = len / 2 - r;
        double a = Math.toRadians(angleDeg), ux = Math.cos(a), uy = Math.sin(a);
        List<Vertex> pts = new ArrayList<>();
        int k = 16;
        for (int end = 0; end < 2; end++) {
            double sx = end == 0 ? half : -half;
            for (int i = 0; i <= k; i++) {
                double t = -Math.PI / 2 + Math.PI * i / k + (end == 0 ? 0 : Math.PI);
                double lx = sx + r * Math.cos(t), ly = r * Math.sin(t);
                pts.add(new Vertex(cx + lx * ux - ly * uy, cy + lx * uy + ly * ux));
            }
        }
        return InstancePolygon.of(id, ChromosomeLabel.CHROMOSOME, pts);
    }

    /** Every vertex moved by up to {@code amp} px in x and y. */
    public static InstancePolygon jittered(InstancePolygon p, double amp, Random rnd) {
        List<Vertex> pts = new ArrayList<>();
        for (Vertex v : p.points()) {
            pts.add(new Vertex(v.x() + amp * (2 * rnd.nextDouble() - 1), v.y() + amp * (2 * rnd.nextDouble() - 1)));
        }
        return p.withPoints(pts);
    }
}
