package org.karyo.inference.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** Expands the command line's files and folders into the metaphase images to process, in name order. */
final class ImageFiles {

    static final Set<String> EXTENSIONS = Set.of("png", "tif", "tiff", "jpg", "jpeg", "bmp");

    private ImageFiles() {}

    /** Folders contribute their image files (recursively); files are kept as given, even missing ones. */
    static List<Path> expand(List<Path> args) {
        List<Path> out = new ArrayList<>();
        for (Path p : args) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile)
                            .filter(ImageFiles::isImage)
                            .sorted()
                            .forEach(out::add);
                } catch (IOException e) {
                    throw new CliFailure(ExitCodes.SOME_FAILED, "cannot list folder " + p + ": " + e.getMessage());
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }

    static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1));
    }
}
