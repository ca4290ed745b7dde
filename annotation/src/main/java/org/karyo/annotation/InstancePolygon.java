package org.karyo.annotation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.karyo.core.geometry.Polygon;
import org.karyo.core.geometry.RotatedBox;

/**
 * One chromosome instance: its outline and what it is. Immutable. {@code groupId} is LabelMe's
 * {@code group_id} (null when none); {@code flags} are LabelMe's per-shape check boxes. A polygon
 * under construction may be invalid (two points, crossing edges): {@link #validate} says how,
 * rather than the constructor refusing it, so nothing an annotator drew is ever lost.
 */
public record InstancePolygon(
        int id, ChromosomeLabel label, List<Vertex> points, Integer groupId, Map<String, Boolean> flags) {

    public InstancePolygon {
        if (label == null || points == null || flags == null) {
            throw new IllegalArgumentException("label, points and flags must not be null");
        }
        points = List.copyOf(points);
        flags = Collections.unmodifiableMap(new LinkedHashMap<>(flags));
    }

    public static InstancePolygon of(int id, ChromosomeLabel label, List<Vertex> points) {
        return new InstancePolygon(id, label, points, null, Map.of());
    }

    /** From flat {x0, y0, x1, y1, ...} coordinates. */
    public static InstancePolygon ofFlat(int id, ChromosomeLabel label, double... xy) {
        if (xy.length % 2 != 0) {
            throw new IllegalArgumentException("x,y pairs expected, got " + xy.length + " numbers");
        }
        List<Vertex> pts = new ArrayList<>(xy.length / 2);
        for (int i = 0; i < xy.length; i += 2) {
            pts.add(new Vertex(xy[i], xy[i + 1]));
        }
        return of(id, label, pts);
    }

    /** The four corners of a rotated box (a detector's output) as a draft outline. */
    public static InstancePolygon ofBox(int id, ChromosomeLabel label, RotatedBox box) {
        return ofFlat(id, label, box.corners());
    }

    public InstancePolygon withPoints(List<Vertex> newPoints) {
        return new InstancePolygon(id, label, newPoints, groupId, flags);
    }

    public InstancePolygon withLabel(ChromosomeLabel newLabel) {
        return new InstancePolygon(id, newLabel, points, groupId, flags);
    }

    public InstancePolygon withId(int newId) {
        return new InstancePolygon(newId, label, points, groupId, flags);
    }

    public InstancePolygon withGroupId(Integer newGroupId) {
        return new InstancePolygon(id, label, points, newGroupId, flags);
    }

    public int size() {
        return points.size();
    }

    public double[] flat() {
        double[] xy = new double[points.size() * 2];
        for (int i = 0; i < points.size(); i++) {
            xy[2 * i] = points.get(i).x();
            xy[2 * i + 1] = points.get(i).y();
        }
        return xy;
    }

    /** The geometry as the inference module's polygon; needs at least one point. */
    public Polygon polygon() {
        return Polygon.of(flat());
    }

    /** Absolute shoelace area (0 for fewer than 3 points). */
    public double area() {
        return points.size() < 3 ? 0 : polygon().area();
    }

    /** The minimum-area rectangle: the rotated box the detector is trained on. */
    public RotatedBox minAreaRect() {
        return polygon().minAreaRect();
    }

    /** Everything wrong with this outline in an image of the given size; empty when usable. */
    public List<Problem> validate(int width, int height) {
        return PolygonChecks.check(this, width, height);
    }
}
