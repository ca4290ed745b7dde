package org.karyo.app.ui.viewer;

/**
 * The part of a box under the pointer. The long axis u points along the box angle, v is u turned
 * 90 degrees clockwise on screen (y down). The rotation handle sits beyond the {@code LENGTH_PLUS} end.
 */
public enum BoxHandle {
    BODY,
    LENGTH_PLUS,
    LENGTH_MINUS,
    WIDTH_PLUS,
    WIDTH_MINUS,
    ROTATE;

    public boolean isResize() {
        return this == LENGTH_PLUS || this == LENGTH_MINUS || this == WIDTH_PLUS || this == WIDTH_MINUS;
    }
}
