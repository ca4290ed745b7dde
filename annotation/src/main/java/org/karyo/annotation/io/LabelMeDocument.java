package org.karyo.annotation.io;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.karyo.annotation.AnnotatedImage;
import org.karyo.core.image.ImageReadException;
import org.karyo.core.image.MetaphaseImageReader;
import org.karyo.core.image.OpenCv;
import org.opencv.core.Mat;

/**
 * A LabelMe file as read: the annotation, the embedded image (base64 {@code imageData}, null when
 * the image is a separate file) and notes on what was adapted while reading (unknown labels,
 * skipped shapes, ids assigned), for the annotator to see.
 */
public record LabelMeDocument(Path json, AnnotatedImage annotation, String imageData, List<String> notes) {

    public LabelMeDocument {
        notes = List.copyOf(notes);
    }

    public boolean hasEmbeddedImage() {
        return imageData != null && !imageData.isEmpty();
    }

    /** The image as 8-bit grey (embedded data first, else the image file); the caller releases it. */
    public Mat readImage() throws ImageReadException {
        if (!hasEmbeddedImage()) {
            if (annotation.image() == null) {
                throw new ImageReadException(json + ": names no image and embeds none");
            }
            return MetaphaseImageReader.readGrey(annotation.image(), 255);
        }
        OpenCv.ensureLoaded();
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(imageData);
        } catch (IllegalArgumentException e) {
            throw new ImageReadException(json + ": imageData is not valid base64");
        }
        // the same header checks as an image file (size limit before decoding, truncation), through
        // a private temporary copy: embedded data is no more trusted than a file
        java.nio.file.Path tmp = null;
        try {
            tmp = java.nio.file.Files.createTempFile("karyo-imagedata-", ".img");
            java.nio.file.Files.write(tmp, bytes);
            return MetaphaseImageReader.readGrey(tmp, 255);
        } catch (ImageReadException e) {
            throw new ImageReadException(json + ": imageData: "
                    + e.getMessage().substring(e.getMessage().indexOf(':') + 1).strip());
        } catch (java.io.IOException e) {
            throw new ImageReadException(json + ": imageData cannot be read (" + e.getMessage() + ")");
        } finally {
            if (tmp != null) {
                try {
                    java.nio.file.Files.deleteIfExists(tmp);
                } catch (java.io.IOException ignored) {
                    // a temporary file left behind is removed by the system
                }
            }
        }
    }
}
