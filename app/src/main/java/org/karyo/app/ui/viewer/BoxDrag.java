package org.karyo.app.ui.viewer;

import java.util.LinkedHashMap;
import java.util.Map;
import org.karyo.app.review.EditKind;
import org.karyo.core.geometry.RotatedBox;

/**
 * One drag in progress on existing boxes, from the pointer's image position at press time
 * (no JavaFX). {@link #at} gives the boxes for a pointer position; the start boxes are kept,
 * so the result never drifts however many events arrive.
 */
public final class BoxDrag {

    private final EditKind kind;
    private final BoxHandle handle;
    private final Map<Long, RotatedBox> start;
    private final double x0;
    private final double y0;

    private BoxDrag(EditKind kind, BoxHandle handle, Map<Long, RotatedBox> start, double x0, double y0) {
        this.kind = kind;
        this.handle = handle;
        this.start = Map.copyOf(start);
        this.x0 = x0;
        this.y0 = y0;
    }

    /** Moves every box in {@code boxes} together. */
    public static BoxDrag move(Map<Long, RotatedBox> boxes, double x0, double y0) {
        return new BoxDrag(EditKind.MOVE, BoxHandle.BODY, boxes, x0, y0);
    }

    /** Resizes ({@code handle} an edge) or rotates ({@code handle} ROTATE) one box. */
    public static BoxDrag handle(long id, RotatedBox box, BoxHandle handle, double x0, double y0) {
        EditKind kind =
                switch (handle) {
                    case ROTATE -> EditKind.ROTATE;
                    case BODY -> EditKind.MOVE;
                    default -> EditKind.RESIZE;
                };
        return new BoxDrag(kind, handle, Map.of(id, box), x0, y0);
    }

    public EditKind kind() {
        return kind;
    }

    public Map<Long, RotatedBox> start() {
        return start;
    }

    /** The boxes with the pointer at image position (x, y). */
    public Map<Long, RotatedBox> at(double x, double y) {
        Map<Long, RotatedBox> out = new LinkedHashMap<>();
        for (Map.Entry<Long, RotatedBox> e : start.entrySet()) {
            RotatedBox b = e.getValue();
            RotatedBox moved =
                    switch (kind) {
                        case MOVE, NUDGE -> b.translated(x - x0, y - y0);
                        case RESIZE -> BoxGeometry.resize(b, handle, x - x0, y - y0);
                        case ROTATE -> BoxGeometry.rotate(b, x0, y0, x, y);
                    };
            out.put(e.getKey(), moved);
        }
        return out;
    }

    /** True when the boxes at (x, y) differ from the start boxes. */
    public boolean changesAt(double x, double y) {
        return !at(x, y).equals(start);
    }
}
