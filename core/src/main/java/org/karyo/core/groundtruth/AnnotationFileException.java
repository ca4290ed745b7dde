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

    /** One reading of an annotation file or set, which may fail with a message naming it. */
    @FunctionalInterface
    public interface Reading<T> {
        T read() throws AnnotationFileException;
    }

    /**
     * Runs {@code reading}; a fault its checks missed (a RuntimeException) still becomes one line
     * naming {@code file} (see {@link #malformed}), never a stack trace. Every reader goes through here.
     */
    public static <T> T guarded(Path file, Reading<T> reading) throws AnnotationFileException {
        try {
            return reading.read();
        } catch (RuntimeException e) {
            throw malformed(file, e);
        }
    }

    /**
     * A fault the reader's own checks missed (a RuntimeException while reading {@code file}), still
     * turned into one line naming the file rather than a stack trace.
     */
    public static AnnotationFileException malformed(Path file, RuntimeException e) {
        String detail = e.getMessage() == null
                ? ""
                : ": " + e.getMessage().lines().findFirst().orElse("");
        return new AnnotationFileException(file, "malformed (" + e.getClass().getSimpleName() + detail + ")", e);
    }

    /** The annotation file at fault (or the folder, when no file could be chosen). */
    public Path file() {
        return file;
    }
}
