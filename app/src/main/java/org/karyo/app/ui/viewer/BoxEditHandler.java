package org.karyo.app.ui.viewer;

import java.util.Map;
import java.util.Set;
import org.karyo.app.review.EditKind;
import org.karyo.core.geometry.RotatedBox;

/**
 * Receives the edits a user proposes on a {@link CellView}. The view never changes its boxes
 * itself: the owner applies (or refuses) the edit and calls {@link CellView#setBoxes} with the
 * result, so the owner's store stays the single source of truth for undo and audit.
 */
public interface BoxEditHandler {

    /** A new box drawn with the ADD tool (image pixels). */
    void add(RotatedBox box);

    /** New geometry for the boxes in {@code after} (keyed by {@link ViewBox#id()}). */
    void change(Map<Long, RotatedBox> after, EditKind kind);

    /** The user asked to delete these boxes. */
    void delete(Set<Long> ids);

    /** A handler that ignores every edit (a read-only view). */
    static BoxEditHandler none() {
        return new BoxEditHandler() {
            @Override
            public void add(RotatedBox box) {}

            @Override
            public void change(Map<Long, RotatedBox> after, EditKind kind) {}

            @Override
            public void delete(Set<Long> ids) {}
        };
    }
}
