package org.karyo.app.store;

import java.time.Instant;
import java.util.List;
import org.karyo.annotation.ChromosomeLabel;
import org.karyo.annotation.InstancePolygon;
import org.karyo.annotation.Vertex;

/**
 * One instance outline of a cell as stored: {@code annotator} is the login of whoever last changed
 * it; {@code seeded} when it began as a detector box rather than a drawing; {@code version} the row
 * version read.
 */
public record StoredPolygon(
        long id,
        long cellId,
        ChromosomeLabel label,
        List<Vertex> points,
        Integer groupId,
        boolean seeded,
        String annotator,
        Instant created,
        Instant modified,
        long version) {

    public StoredPolygon {
        points = List.copyOf(points);
    }

    /** As the annotation module's instance, numbered {@code instanceId} within its image. */
    public InstancePolygon instance(int instanceId) {
        return new InstancePolygon(instanceId, label, points, groupId, java.util.Map.of());
    }
}
