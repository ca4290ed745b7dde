package org.karyo.annotation;

/** One thing wrong with an instance polygon, in words an annotator can act on. */
public record Problem(Kind kind, int instanceId, String message) {

    public enum Kind {
        TOO_FEW_POINTS,
        ZERO_AREA,
        SELF_INTERSECTION,
        OUTSIDE_IMAGE
    }

    @Override
    public String toString() {
        return "instance " + instanceId + ": " + message;
    }
}
