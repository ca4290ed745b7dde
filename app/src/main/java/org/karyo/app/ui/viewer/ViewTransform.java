package org.karyo.app.ui.viewer;

/**
 * A {@link ViewState} in a view of a given size: converts between view-local screen pixels and
 * image pixels, and derives zoomed and panned states (no JavaFX).
 */
public record ViewTransform(ViewState state, double viewWidth, double viewHeight) {

    public double toScreenX(double imageX) {
        return (imageX - state.centreX()) * state.scale() + viewWidth / 2;
    }

    public double toScreenY(double imageY) {
        return (imageY - state.centreY()) * state.scale() + viewHeight / 2;
    }

    public double toImageX(double screenX) {
        return (screenX - viewWidth / 2) / state.scale() + state.centreX();
    }

    public double toImageY(double screenY) {
        return (screenY - viewHeight / 2) / state.scale() + state.centreY();
    }

    /** Screen pixels to image pixels for a length. */
    public double toImageLength(double screenLength) {
        return screenLength / state.scale();
    }

    /**
     * Zoomed by {@code factor} (scale clamped) so the image point under the screen point
     * (sx, sy) stays under it.
     */
    public ViewState zoomedAbout(double factor, double sx, double sy) {
        double ix = toImageX(sx);
        double iy = toImageY(sy);
        double s = new ViewState(state.scale() * factor, 0, 0).clamped().scale();
        return new ViewState(s, ix - (sx - viewWidth / 2) / s, iy - (sy - viewHeight / 2) / s);
    }

    /** The image follows the pointer by (dx, dy) screen pixels. */
    public ViewState pannedBy(double dx, double dy) {
        return new ViewState(state.scale(), state.centreX() - dx / state.scale(), state.centreY() - dy / state.scale());
    }
}
