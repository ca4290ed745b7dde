package org.karyo.app.ui.viewer;

import javafx.scene.canvas.GraphicsContext;

/**
 * Extra drawing on a {@link CellView}'s canvas, above the boxes, in screen coordinates: how other
 * tools (the annotation tab's polygons) share the canvas instead of stacking a second one.
 */
@FunctionalInterface
public interface CanvasLayer {
    void paint(GraphicsContext g, ViewTransform t);
}
