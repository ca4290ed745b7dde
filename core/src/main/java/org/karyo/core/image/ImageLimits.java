package org.karyo.core.image;

/**
 * The image sizes Karyo decodes, decided from the header before any decoding ({@link ImageHeader}).
 * Microscope cameras give at most about 20 megapixels and slide scanners' metaphase fields less;
 * 100 megapixels (a 10000 x 10000 scan) is accepted. The memory for one image is bounded by
 * {@code maxDecodedBytes} for the decoded frame (400 MB: 100 megapixels of 8-bit RGBA, 50 of 16-bit
 * RGBA) plus its 8-bit grey copy (at most 100 MB). {@code -Dkaryo.maxPixels=N} and
 * {@code -Dkaryo.maxImageBytes=N} change the limits.
 *
 * @param maxPixels       width x height at most this
 * @param maxDecodedBytes width x height x bytes per decoded pixel at most this
 * @param minSide   the shorter side at least this (a metaphase needs room for 46 chromosomes)
 * @param maxAspect the longer side at most this many times the shorter
 */
public record ImageLimits(long maxPixels, long maxDecodedBytes, long minSide, long maxAspect) {

    public static final long DEFAULT_MAX_PIXELS = 100_000_000L, DEFAULT_MAX_DECODED_BYTES = 400_000_000L;

    public static ImageLimits standard() {
        return new ImageLimits(
                Long.getLong("karyo.maxPixels", DEFAULT_MAX_PIXELS),
                Long.getLong("karyo.maxImageBytes", DEFAULT_MAX_DECODED_BYTES),
                8,
                16);
    }

    /** Refuses a header whose size is outside the limits, or whose data is incomplete; the message names the file. */
    public void check(String name, ImageHeader h) throws ImageReadException {
        String size = h.width() + " x " + h.height() + " pixels";
        if (h.width() <= 0 || h.height() <= 0) {
            throw new ImageReadException(name + ": corrupt " + h.format() + " (the header declares " + size + ")");
        }
        if (h.width() > maxPixels || h.height() > maxPixels || h.width() * h.height() > maxPixels) {
            throw new ImageReadException(name + ": the " + h.format() + " header declares " + size + " ("
                    + (h.width() * h.height() / 1_000_000) + " megapixels), above the limit of "
                    + maxPixels / 1_000_000 + " megapixels; not decoded");
        }
        if (h.decodedBytes() > maxDecodedBytes) {
            throw new ImageReadException(name + ": the " + h.format() + " header declares " + size + " at "
                    + h.bytesPerPixel() + " bytes per pixel (" + h.decodedBytes() / 1_000_000 + " MB decoded), above "
                    + "the limit of " + maxDecodedBytes / 1_000_000 + " MB; not decoded");
        }
        long shortSide = Math.min(h.width(), h.height()), longSide = Math.max(h.width(), h.height());
        if (shortSide < minSide || longSide > maxAspect * shortSide) {
            throw new ImageReadException(name + ": the image is " + size + ", too narrow to hold a metaphase "
                    + "(each side at least " + minSide + " px, the long side at most " + maxAspect
                    + " times the short one)");
        }
        if (h.truncated() != null) {
            throw new ImageReadException(
                    name + ": truncated or corrupt " + h.format() + " file (" + h.truncated() + ")");
        }
    }
}
