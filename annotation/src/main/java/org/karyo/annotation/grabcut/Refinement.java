package org.karyo.annotation.grabcut;

import org.karyo.annotation.InstancePolygon;

/**
 * The outcome of one refinement: the new outline, or the rough one unchanged with the reason
 * ({@code refined} false) when GrabCut found nothing usable, so the annotator is told, not surprised.
 */
public record Refinement(InstancePolygon polygon, boolean refined, String message) {

    static Refinement done(InstancePolygon p) {
        return new Refinement(p, true, "refined: " + p.size() + " points");
    }

    static Refinement kept(InstancePolygon rough, String why) {
        return new Refinement(rough, false, why);
    }
}
