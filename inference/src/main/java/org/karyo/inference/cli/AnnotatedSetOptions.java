package org.karyo.inference.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The annotated set that eval and calibrate read. */
final class AnnotatedSetOptions {

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "annotated data set")
    Path data;

    @Option(names = "--format", required = true, description = "labelme, coco or yolo")
    String format;

    AnnotatedImages read(boolean includeUnannotated, PrintWriter err) {
        return AnnotatedImages.read(data, format, includeUnannotated, err);
    }
}
