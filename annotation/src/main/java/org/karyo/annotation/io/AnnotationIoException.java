package org.karyo.annotation.io;

import java.nio.file.Path;

/** An annotation file or dataset that cannot be read or written; the message names the file and why. */
public class AnnotationIoException extends Exception {

    private final Path file;

    public AnnotationIoException(Path file, String reason) {
        super(file + ": " + reason);
        this.file = file;
    }

    public AnnotationIoException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
