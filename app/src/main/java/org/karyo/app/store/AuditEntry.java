package org.karyo.app.store;

import java.time.Instant;

/** One line of the append-only audit trail; {@code before}/{@code after} are compact JSON (or null). */
public record AuditEntry(
        long id,
        Instant at,
        String user,
        String action,
        Long caseId,
        Long cellId,
        String entity,
        Long entityId,
        String before,
        String after,
        String reason) {}
