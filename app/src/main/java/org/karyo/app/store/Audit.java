package org.karyo.app.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** The append-only audit trail: who did what, when, to which record, from what to what, and why. */
public final class Audit {

    private static final String SELECT = "SELECT * FROM audit ";
    private final CaseStore store;

    Audit(CaseStore store) {
        this.store = store;
    }

    /**
     * Appends one entry as the current user, inside the caller's transaction (or its own).
     * {@code before}/{@code after} are compact JSON (see {@link AuditJson}) or null.
     */
    public AuditEntry record(
            String action,
            Long caseId,
            Long cellId,
            String entity,
            Long entityId,
            String before,
            String after,
            String reason) {
        String user = store.users().currentLogin();
        return store.inTransaction(() -> {
            Instant at = Instant.now();
            long id = Sql.insert(
                    store.connection(),
                    "INSERT INTO audit (at, \"user\", action, case_id, cell_id, entity, "
                            + "entity_id, before, after, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    at,
                    user,
                    action,
                    caseId,
                    cellId,
                    entity,
                    entityId,
                    before,
                    after,
                    reason);
            return new AuditEntry(id, at, user, action, caseId, cellId, entity, entityId, before, after, reason);
        });
    }

    public List<AuditEntry> forCase(long caseId) {
        return query("WHERE case_id = ? ORDER BY id", caseId);
    }

    public List<AuditEntry> forCell(long cellId) {
        return query("WHERE cell_id = ? ORDER BY id", cellId);
    }

    public List<AuditEntry> all() {
        return query("ORDER BY id");
    }

    /** Entries after {@code id}, oldest first (for a live audit view). */
    public List<AuditEntry> after(long id) {
        return query("WHERE id > ? ORDER BY id", id);
    }

    private List<AuditEntry> query(String where, Object... args) {
        return store.read(() -> Sql.list(store.connection(), SELECT + where, Audit::row, args));
    }

    private static AuditEntry row(ResultSet rs) throws SQLException {
        return new AuditEntry(
                rs.getLong("id"),
                Sql.instant(rs, "at"),
                rs.getString("user"),
                rs.getString("action"),
                Sql.longOrNull(rs, "case_id"),
                Sql.longOrNull(rs, "cell_id"),
                rs.getString("entity"),
                Sql.longOrNull(rs, "entity_id"),
                rs.getString("before"),
                rs.getString("after"),
                rs.getString("reason"));
    }
}
