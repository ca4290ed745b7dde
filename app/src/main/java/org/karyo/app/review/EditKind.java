package org.karyo.app.review;

/** How a box's geometry was changed; named in the audit trail as {@code box.move} etc. */
public enum EditKind {
    MOVE, RESIZE, ROTATE, NUDGE;

    public String action() {
        return "box." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
