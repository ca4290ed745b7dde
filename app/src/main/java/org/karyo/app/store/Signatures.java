package org.karyo.app.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Signing a case as a laboratory does it: the signer's full name and role are written with the
 * signature; checks that failed may be overridden by a lab lead only, each with a written reason
 * (kept with the signature and in the audit trail); a case may need a second signature from
 * another person, and it is locked only when the last signature is in. Reopening supersedes the
 * signatures (kept, dated) so the case is signed afresh.
 */
public final class Signatures {

    /** One signature of the current round (or an earlier one, superseded when reopened). */
    public record Signature(
            long caseId,
            String login,
            String fullName,
            String role,
            Instant at,
            Map<String, String> overrides,
            boolean superseded) {
        public Signature {
            overrides = Map.copyOf(overrides);
        }
    }

    private final CaseStore store;

    Signatures(CaseStore store) {
        this.store = store;
    }

    /** Signatures the case needs: 1, or 2 when a second reviewer must sign too. */
    public int required(long caseId) {
        return store.read(() ->
                (int) Sql.count(store.connection(), "SELECT signatures_required FROM cases WHERE id = ?", caseId));
    }

    /** Sets whether the case needs a second signature (cytogeneticist or lab lead; audited). */
    public void setRequired(long caseId, int signatures) {
        if (signatures < 1 || signatures > 2) {
            throw new StoreException("a case needs one or two signatures, not " + signatures);
        }
        store.users().requireSignOffRole("set the signatures a case needs");
        store.inTransaction(() -> {
            store.cases().requireOpen(caseId);
            int old = required(caseId);
            RowVersions.bump(store, "cases", caseId, "signatures_required = ?", signatures);
            store.audit()
                    .record(
                            "case.signatures",
                            caseId,
                            null,
                            "case",
                            caseId,
                            AuditJson.of("required", old),
                            AuditJson.of("required", signatures),
                            null);
        });
    }

    /** The signatures since the case was last reopened, oldest first. */
    public List<Signature> current(long caseId) {
        return store.read(() -> Sql.list(
                store.connection(),
                "SELECT * FROM sign_offs WHERE case_id = ? " + "AND superseded_at IS NULL ORDER BY id",
                Signatures::row,
                caseId));
    }

    /** Every signature the case ever had, superseded ones included. */
    public List<Signature> all(long caseId) {
        return store.read(() -> Sql.list(
                store.connection(), "SELECT * FROM sign_offs WHERE case_id = ? ORDER BY id", Signatures::row, caseId));
    }

    /**
     * Signs the case as the current user. {@code overrides} maps each failed check (by name) to
     * the reason for signing past it; only a lab lead may pass any. The case is locked when it
     * has all the signatures it needs; the second signature must be another person's.
     *
     * @return true when the case is now signed off (locked), false when it awaits another signature
     */
    public boolean sign(long caseId, Map<String, String> overrides) {
        return sign(caseId, null, overrides);
    }

    /**
     * As {@link #sign(long, Map)}, for the result the signer was shown: when the stored karyotype
     * or interpretation is no longer {@code shown}'s (another user changed it while the sign-off
     * dialog was open), nothing is signed and a {@link ConflictException} names who changed it when.
     *
     * @param shown the case as the sign-off dialog showed it; null signs the result as stored now
     */
    public boolean sign(long caseId, CaseRecord shown, Map<String, String> overrides) {
        store.users().requireSignOffRole("sign off a case");
        User u = store.users().current();
        if (!overrides.isEmpty() && !u.has(Role.LAB_LEAD)) {
            throw new PermissionException("Only a lab lead may sign past a failed check ("
                    + String.join(", ", overrides.keySet()) + "); you are " + u.displayName());
        }
        overrides.forEach((check, reason) -> {
            if (reason == null || reason.isBlank()) {
                throw new StoreException("Overriding the check '" + check + "' needs a written reason");
            }
        });
        return store.inTransaction(() -> {
            CaseRecord c = store.cases().requireOpen(caseId);
            if (shown != null
                    && (!java.util.Objects.equals(c.karyotype(), shown.karyotype())
                            || !java.util.Objects.equals(c.interpretation(), shown.interpretation()))) {
                throw RowVersions.conflict(store, "cases", "The result of case " + c.accession(), caseId);
            }
            refuseUnchecked(c, overrides);
            List<Signature> now = current(caseId);
            if (now.stream().anyMatch(s -> s.login().equals(u.login()))) {
                throw new StoreException(u.displayName() + " has already signed case " + c.accession()
                        + "; the second signature must be another person's");
            }
            String role = u.has(Role.LAB_LEAD) ? "Lab lead" : "Cytogeneticist";
            String json = AuditJson.of(overrides.entrySet().stream()
                    .flatMap(e ->
                            java.util.stream.Stream.of(e.getKey(), e.getValue().strip()))
                    .toArray());
            Instant at = Instant.now();
            Sql.insert(
                    store.connection(),
                    "INSERT INTO sign_offs (case_id, \"user\", at, full_name, role, overrides) "
                            + "VALUES (?, ?, ?, ?, ?, ?)",
                    caseId,
                    u.login(),
                    at,
                    u.displayName(),
                    role,
                    json);
            for (Map.Entry<String, String> e : overrides.entrySet()) {
                store.audit()
                        .record(
                                "case.signoff.override",
                                caseId,
                                null,
                                "case",
                                caseId,
                                null,
                                AuditJson.of("check", e.getKey()),
                                e.getValue().strip());
            }
            boolean last = now.size() + 1 >= required(caseId);
            store.audit()
                    .record(
                            last ? "case.signoff" : "case.signoff.first",
                            caseId,
                            null,
                            "case",
                            caseId,
                            AuditJson.of("status", "OPEN"),
                            AuditJson.of(
                                    "status", last ? "SIGNED_OFF" : "OPEN", "signer", u.displayName(), "role", role),
                            null);
            if (last) {
                RowVersions.bump(store, "cases", caseId, "status = ?", CaseStatus.SIGNED_OFF);
            }
            return last;
        });
    }

    /**
     * The blocking checks the store can make itself, so that no caller signs past them without an
     * override reason (the window and {@code karyo case sign} run all the checks before this):
     * every counted cell reviewed ({@code UNREVIEWED_CELLS}) and a result typed
     * ({@code ISCN_SYNTAX}). The names are those of the sign-off checks.
     */
    private void refuseUnchecked(CaseRecord c, Map<String, String> overrides) {
        List<Cell> counted = store.cells().list(c.id()).stream()
                .filter(x -> !x.excluded() && !(x.status() == CellStatus.NOT_RUN && x.count() == 0))
                .toList();
        long unreviewed =
                counted.stream().filter(x -> x.status() != CellStatus.REVIEWED).count();
        if ((counted.isEmpty() || unreviewed > 0) && !overrides.containsKey("UNREVIEWED_CELLS")) {
            throw new StoreException("Case " + c.accession() + " cannot be signed: "
                    + (counted.isEmpty() ? "no cell counted" : unreviewed + " counted cells not reviewed")
                    + " (check UNREVIEWED_CELLS; a lab lead may override it with a reason)");
        }
        if ((c.karyotype() == null || c.karyotype().isBlank()) && !overrides.containsKey("ISCN_SYNTAX")) {
            throw new StoreException(
                    "Case " + c.accession()
                            + " cannot be signed: no result typed (check ISCN_SYNTAX; a lab lead may override it with a reason)");
        }
    }

    /** Called when a case is reopened: its signatures no longer stand. */
    void supersede(long caseId) throws SQLException {
        Sql.update(
                store.connection(),
                "UPDATE sign_offs SET superseded_at = ? WHERE case_id = ? " + "AND superseded_at IS NULL",
                Instant.now(),
                caseId);
    }

    private static Signature row(ResultSet rs) throws SQLException {
        String json = rs.getString("overrides");
        Map<String, String> o = json == null || json.isBlank()
                ? Map.of()
                : AuditJson.read(json).entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
        String name = rs.getString("full_name");
        return new Signature(
                rs.getLong("case_id"),
                rs.getString("user"),
                name == null ? rs.getString("user") : name,
                rs.getString("role"),
                Sql.instant(rs, "at"),
                o,
                rs.getString("superseded_at") != null);
    }
}
