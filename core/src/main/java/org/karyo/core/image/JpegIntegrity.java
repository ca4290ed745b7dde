package org.karyo.core.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

/**
 * Corrupt JPEG data that the decoder papers over: OpenCV's libjpeg decodes a damaged scan into a
 * picture with grey or smeared bands and only prints "Corrupt JPEG data" on the process's error
 * stream, without the file's name, so a damaged cell would be counted silently. The JDK's JPEG
 * reader reports the same libjpeg warnings to a listener; the whole scan is decoded at a 4 x 4
 * subsampling (1/16 of the memory) to collect them. Formats or variants the JDK reader does not
 * support are left to OpenCV (no verdict).
 */
final class JpegIntegrity {

    private JpegIntegrity() {}

    /** The decoder's first complaint about the data, or null when there is none (or no verdict). */
    static String problem(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
            if (in == null || !readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            List<String> warnings = new ArrayList<>();
            IIOReadWarningListener listener = (source, warning) -> warnings.add(warning);
            try {
                reader.setInput(in, true, true);
                reader.addIIOReadWarningListener(listener);
                ImageReadParam p = reader.getDefaultReadParam();
                p.setSourceSubsampling(4, 4, 0, 0);
                reader.read(0, p);
            } finally {
                reader.dispose();
            }
            return warnings.isEmpty() ? null : warnings.get(0);
        } catch (IOException | RuntimeException e) {
            String m = String.valueOf(e.getMessage());
            // a broken stream is a verdict; an unsupported variant (CMYK, 12-bit, arithmetic coding) is not
            return m.contains("Unsupported") || m.contains("unsupported") ? null : m;
        }
    }
}
