package org.karyo.app.ui.viewer;

/**
 * Zoom and position of a {@link CellView}: {@code scale} screen pixels per image pixel and the
 * image point (image pixels) shown at the middle of the view. Independent of the view's size, so
 * the app can store it per cell and restore it in a window of another size.
 */
public record ViewState(double scale, double centreX, double centreY) {

    /** Zoom limits: 1/50 (whole huge images in small panes) to 40x (single pixels). */
    public static final double MIN_SCALE = 0.02;

    public static final double MAX_SCALE = 40.0;

    public ViewState {
        if (!(scale > 0) || !Double.isFinite(scale) || !Double.isFinite(centreX) || !Double.isFinite(centreY)) {
            throw new IllegalArgumentException(
                    "invalid view state: scale=" + scale + " centre=" + centreX + "," + centreY);
        }
    }

    /** The same state with {@code scale} clamped into [MIN_SCALE, MAX_SCALE]. */
    public ViewState clamped() {
        double s = Math.max(MIN_SCALE, Math.min(MAX_SCALE, scale));
        return s == scale ? this : new ViewState(s, centreX, centreY);
    }

    /**
     * The whole image in a view of the given size, centred, with {@code marginPx} screen pixels
     * free on every side where the view is large enough.
     */
    public static ViewState fit(
            double imageWidth, double imageHeight, double viewWidth, double viewHeight, double marginPx) {
        if (imageWidth <= 0 || imageHeight <= 0 || viewWidth <= 0 || viewHeight <= 0) {
            throw new IllegalArgumentException("sizes must be positive: image " + imageWidth + "x" + imageHeight
                    + ", view " + viewWidth + "x" + viewHeight);
        }
        double m = Math.min(marginPx, Math.min(viewWidth, viewHeight) / 4);
        double s = Math.min((viewWidth - 2 * m) / imageWidth, (viewHeight - 2 * m) / imageHeight);
        return new ViewState(s, imageWidth / 2, imageHeight / 2).clamped();
    }
}
