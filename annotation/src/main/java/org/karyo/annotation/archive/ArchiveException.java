package org.karyo.annotation.archive;

/** A pair that cannot be back-projected, with a message a cytogeneticist can act on. */
public final class ArchiveException extends Exception {

    private static final long serialVersionUID = 1L;

    public ArchiveException(String message) {
        super(message);
    }
}
