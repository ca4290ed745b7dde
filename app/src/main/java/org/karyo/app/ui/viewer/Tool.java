package org.karyo.app.ui.viewer;

/** What a primary-button drag on the image does in a {@link CellView}. */
public enum Tool {
    /** Select, move, resize, rotate; rubber-band on empty image area. */
    SELECT,
    /** Draw a new box: drag along the chromosome, release, move sideways for the width, click. */
    ADD
}
