package org.karyo.app.report;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of a case's audit trail: who did what, when, to which cell (null for case-level
 * actions such as sign-off), with the value before and after and the reason given. Empty optional
 * fields are stored as null so the CSV round trip is exact.
 */
public record ReportAuditEntry(
        Instant time, String user, String action, String cell, String before, String after, String reason) {

    public ReportAuditEntry {
        Objects.requireNonNull(time, "audit time");
        if (user == null || user.isBlank() || action == null || action.isBlank()) {
            throw new IllegalArgumentException("an audit entry needs a user and an action");
        }
        cell = emptyToNull(cell);
        before = emptyToNull(before);
        after = emptyToNull(after);
        reason = emptyToNull(reason);
    }

    static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
