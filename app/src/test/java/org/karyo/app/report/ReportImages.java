package org.karyo.app.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Renders PDF pages to PNG with poppler's pdftoppm (tests and the demo pictures in docs/). */
final class ReportImages {

    private ReportImages() {}

    /** Page PNG file names in {@code dir}, in page order: {@code prefix-N.png}. */
    static List<String> render(Path pdf, Path dir, String prefix, int dpi) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(
                        "pdftoppm",
                        "-r",
                        Integer.toString(dpi),
                        "-png",
                        pdf.toString(),
                        dir.resolve(prefix).toString())
                .redirectErrorStream(true)
                .start();
        String log = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("pdftoppm failed: " + log);
        }
        try (Stream<Path> files = Files.list(dir)) {
            // pdftoppm pads page numbers to the page count's width (page-01.png); strip the padding
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith(prefix + "-") && n.endsWith(".png"))
                    .sorted()
                    .map(n -> {
                        String num =
                                n.substring(prefix.length() + 1, n.length() - 4).replaceFirst("^0+(?=\\d)", "");
                        String plain = prefix + "-" + num + ".png";
                        try {
                            if (!plain.equals(n)) {
                                Files.move(
                                        dir.resolve(n),
                                        dir.resolve(plain),
                                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                            }
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        return plain;
                    })
                    .toList();
        }
    }
}
