package org.karyo.app.imports;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which files are metaphase images by name: png, tif, tiff, jpg, jpeg, bmp in any letter case
 * (microscope software such as CytoVision writes {@code 8129A.001.A.TIF}).
 */
public final class ImageFiles {

    public static final List<String> SUFFIXES = List.of("png", "tif", "tiff", "jpg", "jpeg", "bmp");

    private ImageFiles() {}

    public static boolean isImage(Path p) {
        String n = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
        return SUFFIXES.stream().anyMatch(s -> n.endsWith("." + s));
    }

    /**
     * Glob patterns for a file chooser, lower and upper case: GTK's and macOS's choosers match
     * case-sensitively, so "*.tif" alone hides "*.TIF".
     */
    public static List<String> chooserPatterns() {
        List<String> out = new ArrayList<>();
        for (String s : SUFFIXES) {
            out.add("*." + s);
            out.add("*." + s.toUpperCase(Locale.ROOT));
        }
        return out;
    }
}
