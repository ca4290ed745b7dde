package org.karyo.app.ui.viewer;

/** What a primary-button press on the image does in the annotation tab. */
public enum PolygonTool {
    /** Select an outline; drag it, its vertices (Alt+click deletes one) or an edge (inserts one). */
    SELECT,
    /** Draw an outline: click points (Enter, double-click or a click on the first point closes) or drag freehand. */
    DRAW,
    /** Paint "this is chromosome" for GrabCut. */
    FOREGROUND,
    /** Paint "this is background" for GrabCut. */
    BACKGROUND
}
