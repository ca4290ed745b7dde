package org.karyo.core.image;

import org.karyo.core.geometry.RotatedBox;

/**
 * Aspect-preserving fit of an image into the network input: scale = min(W/W0, H/H0), image at the
 * top-left, the rest padded. Boxes map back by dividing by the one scale, which is exact for
 * rotated boxes (a stretch is not).
 */
public record Letterbox(
        int imageWidth,
        int imageHeight,
        int inputWidth,
        int inputHeight,
        double scale,
        int resizedWidth,
        int resizedHeight) {

    public static Letterbox fit(int imageWidth, int imageHeight, int inputWidth, int inputHeight) {
        if (imageWidth <= 0 || imageHeight <= 0) {
            throw new IllegalArgumentException("empty image " + imageWidth + "x" + imageHeight);
        }
        double scale = Math.min((double) inputWidth / imageWidth, (double) inputHeight / imageHeight);
        int rw = Math.max(1, Math.min(inputWidth, (int) Math.round(imageWidth * scale)));
        int rh = Math.max(1, Math.min(inputHeight, (int) Math.round(imageHeight * scale)));
        return new Letterbox(imageWidth, imageHeight, inputWidth, inputHeight, scale, rw, rh);
    }

    /**
     * The same placement at a smaller {@code scale} than the fit (more padding): for images whose
     * chromosomes are wider than the model was trained on. Larger scales are capped at the fit.
     */
    public static Letterbox scaled(int imageWidth, int imageHeight, int inputWidth, int inputHeight, double scale) {
        Letterbox fit = fit(imageWidth, imageHeight, inputWidth, inputHeight);
        if (!(scale > 0) || scale >= fit.scale()) {
            return fit;
        }
        int rw = Math.max(1, (int) Math.round(imageWidth * scale));
        int rh = Math.max(1, (int) Math.round(imageHeight * scale));
        return new Letterbox(imageWidth, imageHeight, inputWidth, inputHeight, scale, rw, rh);
    }

    /** A box in network pixels, in original-image pixels. */
    public RotatedBox toImage(RotatedBox netBox) {
        return netBox.scaled(1.0 / scale);
    }

    public RotatedBox toNetwork(RotatedBox imageBox) {
        return imageBox.scaled(scale);
    }
}
