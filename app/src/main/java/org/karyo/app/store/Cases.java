package org.karyo.app.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Cases: header, karyotype, sign-off and reopening. A signed-off case is locked: every
 * mutation of it or of its cells and boxes throws {@link CaseLockedException}.
 */
public final class Cases {

    private final CaseStore store;

    Cases(CaseStore store) {
        this.store = store;
    }

    public CaseRecord create(
            long patientId,
            String accession,
            String specimen,
            String referralReason,
            String culture,
            String bandLevel,
            LocalDate collected,
            LocalDate received) {
        if (accession == null || accession.isBlank()) {
            throw new StoreException("a case needs an accession number");
        }
        String acc = accession.strip();
        return store.inTransaction(() -> {
            if (store.patients().find(patientId).isEmpty()) {
                throw new StoreException("no patient with id " + patientId);
            }
            if (Sql.count(store.connection(), "SELECT count(*) FROM cases WHERE accession = ?", acc) > 0) {
                throw new StoreException("a case with accession " + acc + " already exists");
            }
            long id = Sql.insert(
                    store.connection(),
                    "INSERT INTO cases (patient_id, accession, specimen, "
                            + "referral_reason, culture, band_level, collected, received, status, created_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    patientId,
                    acc,
                    specimen,
                    referralReason,
                    culture,
                    bandLevel,
                    collected,
                    received,
                    CaseStatus.OPEN,
                    Instant.now());
            CaseRecord c = find(id).orElseThrow();
            store.audit().record("case.create", id, null, "case", id, null, header(c), null);
            return c;
        });
    }

    public Optional<CaseRecord> find(long caseId) {
        return store.read(() -> Sql.one(store.connection(), "SELECT * FROM cases WHERE id = ?", Cases::row, caseId));
    }

    public List<CaseRecord> listForPatient(long patientId) {
        return store.read(() -> Sql.list(
                store.connection(), "SELECT * FROM cases WHERE patient_id = ? ORDER BY id", Cases::row, patientId));
    }

    public List<CaseRecord> listAll() {
        return store.read(() -> Sql.list(store.connection(), "SELECT * FROM cases ORDER BY id", Cases::row));
    }

    /**
     * Saves the header fields (accession, specimen, referral, culture, band level, dates) of {@code c},
     * provided nobody changed the case since {@code c} was read ({@link ConflictException} otherwise).
     */
    public CaseRecord update(CaseRecord c) {
        if (c.accession() == null || c.accession().isBlank()) {
            throw new StoreException("a case needs an accession number");
        }
        return store.inTransaction(() -> {
            CaseRecord old = requireOpen(c.id());
            RowVersions.update(
                    store,
                    "cases",
                    "Case " + old.accession(),
                    c.id(),
                    c.version(),
                    "accession = ?, specimen = ?, referral_reason = ?, culture = ?, band_level = ?, collected = ?, "
                            + "received = ?",
                    c.accession().strip(),
                    c.specimen(),
                    c.referralReason(),
                    c.culture(),
                    c.bandLevel(),
                    c.collected(),
                    c.received());
            CaseRecord now = find(c.id()).orElseThrow();
            store.audit().record("case.update", c.id(), null, "case", c.id(), header(old), header(now), null);
            return now;
        });
    }

    /**
     * Saves the result (ISCN karyotype and interpretation) over the case as read at {@code expectedVersion}
     * ({@link CaseRecord#version()}); {@link ConflictException} when someone changed the case since.
     */
    public CaseRecord setKaryotype(long caseId, long expectedVersion, String karyotype, String interpretation) {
        return store.inTransaction(() -> {
            CaseRecord old = requireOpen(caseId);
            RowVersions.update(
                    store,
                    "cases",
                    "Case " + old.accession(),
                    caseId,
                    expectedVersion,
                    "karyotype = ?, interpretation = ?",
                    karyotype,
                    interpretation);
            store.audit()
                    .record(
                            "case.karyotype",
                            caseId,
                            null,
                            "case",
                            caseId,
                            AuditJson.of("karyotype", old.karyotype(), "interpretation", old.interpretation()),
                            AuditJson.of("karyotype", karyotype, "interpretation", interpretation),
                            null);
            return find(caseId).orElseThrow();
        });
    }

    /**
     * Signs the case off (cytogeneticist or lab lead), which locks it: the store's primitive, without
     * the sign-off checks, so not public: every caller outside the store (the window, {@code karyo
     * case sign}) goes through {@link Signatures#sign}, which refuses an unchecked case.
     */
    CaseRecord signOff(long caseId) {
        store.users().requireSignOffRole("sign off a case");
        return store.inTransaction(() -> {
            requireOpen(caseId);
            String user = store.users().current().login();
            Instant at = Instant.now();
            User u = store.users().current();
            Sql.insert(
                    store.connection(),
                    "INSERT INTO sign_offs (case_id, \"user\", at, full_name, role) VALUES (?, ?, ?, ?, ?)",
                    caseId,
                    user,
                    at,
                    u.displayName(),
                    u.has(Role.LAB_LEAD) ? "Lab lead" : "Cytogeneticist");
            setStatus(caseId, CaseStatus.SIGNED_OFF);
            store.audit()
                    .record(
                            "case.signoff",
                            caseId,
                            null,
                            "case",
                            caseId,
                            AuditJson.of("status", "OPEN"),
                            AuditJson.of("status", "SIGNED_OFF"),
                            null);
            return find(caseId).orElseThrow();
        });
    }

    /** Unlocks a signed-off case (cytogeneticist or lab lead); the reason is kept in the audit trail. */
    public CaseRecord reopen(long caseId, String reason) {
        store.users().requireSignOffRole("reopen a signed-off case");
        if (reason == null || reason.isBlank()) {
            throw new StoreException("Reopening a signed-off case needs a reason");
        }
        return store.inTransaction(() -> {
            CaseRecord c = require(caseId);
            if (!c.locked()) {
                throw new StoreException("Case " + c.accession() + " is not signed off");
            }
            setStatus(caseId, CaseStatus.OPEN);
            store.signatures().supersede(caseId);
            store.audit()
                    .record(
                            "case.reopen",
                            caseId,
                            null,
                            "case",
                            caseId,
                            AuditJson.of("status", "SIGNED_OFF"),
                            AuditJson.of("status", "OPEN"),
                            reason.strip());
            return find(caseId).orElseThrow();
        });
    }

    /** Archives a case (lab lead; audited): it leaves the default case list but nothing is deleted. */
    public void archive(long caseId, String reason) {
        store.users().requireLabLead("archive a case");
        store.inTransaction(() -> {
            CaseRecord c = require(caseId);
            RowVersions.bump(store, "cases", caseId, "archived_at = ?", Instant.now());
            store.audit()
                    .record(
                            "case.archive",
                            caseId,
                            null,
                            "case",
                            caseId,
                            null,
                            AuditJson.of("accession", c.accession()),
                            reason == null || reason.isBlank() ? null : reason.strip());
        });
    }

    /** Ids of the archived cases. */
    public java.util.Set<Long> archivedIds() {
        return store.read(() -> new java.util.HashSet<>(Sql.list(
                store.connection(), "SELECT id FROM cases WHERE archived_at IS NOT NULL", rs -> rs.getLong("id"))));
    }

    public Optional<CaseRecord> findByAccession(String accession) {
        return store.read(() -> Sql.one(
                store.connection(),
                "SELECT * FROM cases WHERE accession = ?",
                Cases::row,
                accession == null ? "" : accession.strip()));
    }

    public List<SignOff> signOffs(long caseId) {
        return store.read(() -> Sql.list(
                store.connection(),
                "SELECT * FROM sign_offs WHERE case_id = ? ORDER BY id",
                rs -> new SignOff(rs.getLong("case_id"), rs.getString("user"), Sql.instant(rs, "at")),
                caseId));
    }

    CaseRecord require(long caseId) {
        return find(caseId).orElseThrow(() -> new StoreException("no case with id " + caseId));
    }

    /** The case, or {@link CaseLockedException} when it is signed off. */
    CaseRecord requireOpen(long caseId) {
        CaseRecord c = store.read(() -> Sql.one(
                        store.connection(),
                        "SELECT * FROM cases WHERE id = ?" + store.engine().lockForEdit(),
                        Cases::row,
                        caseId))
                .orElseThrow(() -> new StoreException("no case with id " + caseId));
        if (c.locked()) {
            throw new CaseLockedException(c.accession());
        }
        return c;
    }

    private void setStatus(long caseId, CaseStatus status) throws SQLException {
        RowVersions.bump(store, "cases", caseId, "status = ?", status);
    }

    private static String header(CaseRecord c) {
        return AuditJson.of(
                "accession",
                c.accession(),
                "specimen",
                c.specimen(),
                "referralReason",
                c.referralReason(),
                "culture",
                c.culture(),
                "bandLevel",
                c.bandLevel(),
                "collected",
                c.collected(),
                "received",
                c.received());
    }

    private static CaseRecord row(ResultSet rs) throws SQLException {
        return new CaseRecord(
                rs.getLong("id"),
                rs.getLong("patient_id"),
                rs.getString("accession"),
                rs.getString("specimen"),
                rs.getString("referral_reason"),
                rs.getString("culture"),
                rs.getString("band_level"),
                Sql.date(rs, "collected"),
                Sql.date(rs, "received"),
                CaseStatus.valueOf(rs.getString("status")),
                rs.getString("karyotype"),
                rs.getString("interpretation"),
                Sql.instant(rs, "created_at"),
                rs.getLong("row_version"));
    }
}
