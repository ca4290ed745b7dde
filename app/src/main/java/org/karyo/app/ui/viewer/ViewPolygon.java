package org.karyo.app.ui.viewer;

import java.util.List;
import org.karyo.annotation.Vertex;

/** An instance outline as the canvas shows it: store id, label text, image-pixel vertices. */
public record ViewPolygon(long id, String label, List<Vertex> points, boolean seeded) {

    public ViewPolygon {
        points = List.copyOf(points);
    }
}
