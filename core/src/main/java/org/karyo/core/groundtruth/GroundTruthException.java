package org.karyo.core.groundtruth;

import java.nio.file.Path;

/** Annotations that cannot be used; the message names the file and what is wrong with it. */
public class GroundTruthException extends Exception {

    private final Path file;

    public GroundTruthException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public GroundTruthException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The annotation file at fault (or the folder, when no file could be chosen). */
    public Path file() {
        return file;
    }
}
