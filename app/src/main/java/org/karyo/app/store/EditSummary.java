package org.karyo.app.store;

/**
 * What reviewers changed in a cell since its last detection run: boxes they added that are still
 * there, detected boxes they deleted, and detected boxes they moved, resized or rotated (and kept).
 * An undone move still counts as moved: the boxes table keeps no original geometry, only the audit
 * trail does.
 */
public record EditSummary(int added, int removed, int moved) {

    public static final EditSummary NONE = new EditSummary(0, 0, 0);

    public int total() {
        return added + removed + moved;
    }
}
