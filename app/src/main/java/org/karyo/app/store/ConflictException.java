package org.karyo.app.store;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Another user (or another window) changed a record after this screen loaded it, so the edit was
 * not saved: the screen must reload and show the other change. Never a silent overwrite.
 */
public final class ConflictException extends StoreException {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final String changedBy;
    private final Instant changedAt;

    ConflictException(String what, String changedBy, Instant changedAt) {
        super(what + " was changed by " + (changedBy == null ? "another user" : changedBy)
                + (changedAt == null ? "" : " at " + TIME.format(changedAt))
                + " after your screen loaded it; your change was not saved. "
                + "The screen now shows the current version: check it and make your change again.");
        this.changedBy = changedBy;
        this.changedAt = changedAt;
    }

    /** Login of whoever made the newer change, or null when unknown. */
    public String changedBy() {
        return changedBy;
    }

    /** When the newer change was made, or null when unknown. */
    public Instant changedAt() {
        return changedAt;
    }
}
