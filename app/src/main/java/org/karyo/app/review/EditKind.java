package org.karyo.app.review;

/**
 * What kind of geometric edit changed one or more boxes. Shared by the canvas (which proposes
 * edits) and the editor (which records them for undo and the audit trail as {@code box.move} etc.).
 */
public enum EditKind {
    /** Dragged to a new place (all selected boxes together). */
    MOVE,
    /** Length or width changed by an edge handle; the opposite edge stayed put. */
    RESIZE,
    /** Turned about its centre by the rotation handle. */
    ROTATE,
    /** Moved by the arrow keys, one edit per key press. */
    NUDGE;

    public String action() {
        return "box." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
