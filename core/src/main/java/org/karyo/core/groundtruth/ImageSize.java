package org.karyo.core.groundtruth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.karyo.core.image.ImageHeader;
import org.karyo.core.image.ImageReadException;
import org.karyo.core.image.OpenCv;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Width and height of an image file, read from its header: box-only annotations (YOLO) are
 * normalised to the image size, and decoding a few hundred full spreads only to learn their size
 * would dominate reading the set.
 */
public record ImageSize(int width, int height) {

    public static ImageSize read(Path image) throws IOException {
        if (!Files.isRegularFile(image)) {
            throw new IOException(image + ": image file not found");
        }
        try { // Karyo's own header reader first: it never decodes, whatever size the header declares
            ImageHeader h = ImageHeader.read(image);
            if (h.width() > 0 && h.height() > 0 && h.width() <= Integer.MAX_VALUE && h.height() <= Integer.MAX_VALUE) {
                return new ImageSize((int) h.width(), (int) h.height());
            }
        } catch (ImageReadException e) {
            // not one of the four formats, or a header it cannot parse: ImageIO may know better
        }
        ImageSize fromHeader = fromImageIo(image);
        if (fromHeader != null) {
            return fromHeader;
        }
        if (Files.size(image) > MAX_DECODE_BYTES) {
            throw new IOException(image.getFileName() + ": not a PNG, TIFF, JPEG or BMP image whose size can be read");
        }
        return fromOpenCv(image);
    }

    /** Only small files of other formats are decoded to learn their size. */
    private static final long MAX_DECODE_BYTES = 20_000_000;

    /** PNG, JPEG, BMP, GIF and (since JDK 9) TIFF; null when no ImageIO reader accepts the file. */
    private static ImageSize fromImageIo(Path image) {
        try (ImageInputStream in = ImageIO.createImageInputStream(image.toFile())) {
            if (in == null) {
                return null;
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new ImageSize(reader.getWidth(0), reader.getHeight(0));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // A header ImageIO chokes on (odd TIFF tags, say) may still decode in OpenCV.
            return null;
        }
    }

    /** Last resort for formats ImageIO lacks (JPEG 2000, WebP): decodes the pixels once. */
    private static ImageSize fromOpenCv(Path image) throws IOException {
        OpenCv.ensureLoaded();
        Mat m = Imgcodecs.imread(image.toString(), Imgcodecs.IMREAD_UNCHANGED);
        try {
            if (m.empty()) {
                throw new IOException(image + ": not a readable image");
            }
            return new ImageSize(m.cols(), m.rows());
        } finally {
            m.release();
        }
    }
}
