package org.karyo.core.groundtruth;

import java.nio.file.Path;

/**
 * An annotation file or set that cannot be read or written (any format: LabelMe, COCO, YOLO); the
 * message names the file and what is wrong with it.
 */
public class AnnotationFileException extends Exception {

    private final Path file;

    public AnnotationFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public AnnotationFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The annotation file at fault (or the folder, when no file could be chosen). */
    public Path file() {
        return file;
    }
}
