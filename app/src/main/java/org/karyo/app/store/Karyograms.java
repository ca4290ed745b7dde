package org.karyo.app.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The karyograms of cells (issue 24). Same rules as {@link Boxes}: every change is one audited
 * transaction (who, when, before, after), a signed-off case refuses changes. Made with
 * {@link #of(CaseStore)} so the store's own class stays as it is.
 */
public final class Karyograms {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final CaseStore store;

    private Karyograms(CaseStore store) {
        this.store = store;
    }

    public static Karyograms of(CaseStore store) {
        return new Karyograms(store);
    }

    public Optional<StoredKaryogram> find(long cellId) {
        return store.read(() ->
                Sql.one(store.connection(), "SELECT * FROM karyograms WHERE cell_id = ?", Karyograms::row, cellId));
    }

    /** Karyotyped cells of a case, in cell order. */
    public List<StoredKaryogram> karyotyped(long caseId) {
        return store.read(() -> Sql.list(
                store.connection(),
                "SELECT k.* FROM karyograms k JOIN cells c ON c.id = k.cell_id "
                        + "WHERE c.case_id = ? AND k.karyotyped_at IS NOT NULL ORDER BY c.ordinal",
                Karyograms::row,
                caseId));
    }

    /** Stores a classifier's proposal for a cell (replacing an older one; the acceptance is cleared). */
    public StoredKaryogram propose(long cellId, List<StoredKaryogram.Entry> entries, String classifier, String iscn) {
        return store.inTransaction(() -> {
            Cell cell = store.cells().requireEditable(cellId);
            Optional<StoredKaryogram> old = find(cellId);
            Instant now = Instant.now();
            String who = store.users().currentLogin();
            // upsert in the words SQLite and PostgreSQL share (the lab-server store runs the same SQL)
            Sql.update(
                    store.connection(),
                    "INSERT INTO karyograms (cell_id, placements, classifier, iscn, "
                            + "karyotyped_by, karyotyped_at, modified_by, modified_at) VALUES (?, ?, ?, ?, NULL, NULL, ?, ?) "
                            + "ON CONFLICT (cell_id) DO UPDATE SET placements = excluded.placements, "
                            + "classifier = excluded.classifier, iscn = excluded.iscn, karyotyped_by = NULL, "
                            + "karyotyped_at = NULL, modified_by = excluded.modified_by, modified_at = excluded.modified_at, "
                            // a new proposal replaces the old on purpose (as a detection re-run does):
                            // it moves the version on, so a screen still showing the old one is refused
                            + "row_version = karyograms.row_version + 1, changed_by = excluded.modified_by, "
                            + "changed_at = excluded.modified_at",
                    cellId,
                    encode(entries),
                    classifier,
                    iscn,
                    who,
                    now);
            store.audit()
                    .record(
                            "karyogram.classify",
                            cell.caseId(),
                            cellId,
                            "karyogram",
                            cellId,
                            old.map(k -> AuditJson.of("iscn", k.iscn(), "karyotyped", k.karyotyped()))
                                    .orElse(null),
                            AuditJson.of("iscn", iscn, "classifier", classifier, "chromosomes", entries.size()),
                            null);
            return find(cellId).orElseThrow();
        });
    }

    /**
     * A reviewer's change to one chromosome (moved to another class, turned, mirrored) or its undo:
     * the whole placement list after the change is stored, the changed entry before and after audited.
     * {@code expectedVersion} is the {@link StoredKaryogram#version()} the screen shows; when someone
     * changed the karyogram since, nothing is saved and a {@link ConflictException} names them.
     */
    public StoredKaryogram change(
            long cellId,
            long expectedVersion,
            List<StoredKaryogram.Entry> entries,
            int changed,
            String iscn,
            String action) {
        return store.inTransaction(() -> {
            Cell cell = store.cells().requireEditable(cellId);
            StoredKaryogram old =
                    find(cellId).orElseThrow(() -> new StoreException("cell " + cell.label() + " has no karyogram"));
            Instant now = Instant.now();
            RowVersions.updateBy(
                    store,
                    "karyograms",
                    "cell_id",
                    "The karyogram of cell " + cell.label(),
                    cellId,
                    expectedVersion,
                    "placements = ?, iscn = ?, karyotyped_by = NULL, karyotyped_at = NULL, modified_by = ?, "
                            + "modified_at = ?",
                    encode(entries),
                    iscn,
                    store.users().currentLogin(),
                    now);
            StoredKaryogram.Entry before = old.entries().get(changed), after = entries.get(changed);
            store.audit()
                    .record(
                            action,
                            cell.caseId(),
                            cellId,
                            "karyogram",
                            after.boxId(),
                            AuditJson.of(
                                    "box",
                                    before.boxId(),
                                    "class",
                                    name(before.cls()),
                                    "flipped",
                                    before.flipped(),
                                    "mirrored",
                                    before.mirrored(),
                                    "iscn",
                                    old.iscn()),
                            AuditJson.of(
                                    "box",
                                    after.boxId(),
                                    "class",
                                    name(after.cls()),
                                    "flipped",
                                    after.flipped(),
                                    "mirrored",
                                    after.mirrored(),
                                    "iscn",
                                    iscn),
                            null);
            return find(cellId).orElseThrow();
        });
    }

    /**
     * The reviewer accepts the karyogram shown at {@code expectedVersion}: the cell is karyotyped.
     * A karyogram changed by someone else since is not accepted ({@link ConflictException}).
     */
    public StoredKaryogram accept(long cellId, long expectedVersion) {
        return store.inTransaction(() -> {
            Cell cell = store.cells().requireEditable(cellId);
            StoredKaryogram old = find(cellId)
                    .orElseThrow(() -> new StoreException("cell " + cell.label() + " has no karyogram to accept"));
            String who = store.users().currentLogin();
            RowVersions.updateBy(
                    store,
                    "karyograms",
                    "cell_id",
                    "The karyogram of cell " + cell.label(),
                    cellId,
                    expectedVersion,
                    "karyotyped_by = ?, karyotyped_at = ?",
                    who,
                    Instant.now());
            store.audit()
                    .record(
                            "karyogram.accept",
                            cell.caseId(),
                            cellId,
                            "karyogram",
                            cellId,
                            AuditJson.of("iscn", old.iscn(), "karyotyped", old.karyotyped()),
                            AuditJson.of("iscn", old.iscn(), "karyotyped", true),
                            null);
            return find(cellId).orElseThrow();
        });
    }

    private static String name(int cls) {
        return org.karyo.inference.classify.ChromosomeClass.name(cls);
    }

    static String encode(List<StoredKaryogram.Entry> entries) {
        ArrayNode arr = JSON.createArrayNode();
        for (StoredKaryogram.Entry e : entries) {
            ObjectNode o = arr.addObject();
            o.put("box", e.boxId());
            o.put("cls", e.cls());
            ArrayNode p = o.putArray("probs");
            for (float f : e.probs()) {
                p.add(Math.round(f * 10000) / 10000.0);
            }
            o.put("pUp", Math.round(e.pUp() * 10000) / 10000.0);
            o.put("flipped", e.flipped());
            o.put("mirrored", e.mirrored());
            o.put("reassigned", e.reassigned());
            o.put("byReviewer", e.byReviewer());
        }
        return arr.toString();
    }

    static List<StoredKaryogram.Entry> decode(String json) throws SQLException {
        try {
            List<StoredKaryogram.Entry> out = new ArrayList<>();
            for (JsonNode o : JSON.readTree(json)) {
                JsonNode p = o.get("probs");
                float[] probs = new float[p.size()];
                for (int i = 0; i < probs.length; i++) {
                    probs[i] = (float) p.get(i).asDouble();
                }
                out.add(new StoredKaryogram.Entry(
                        o.get("box").asLong(),
                        o.get("cls").asInt(),
                        probs,
                        (float) o.get("pUp").asDouble(),
                        o.get("flipped").asBoolean(),
                        o.get("mirrored").asBoolean(),
                        o.get("reassigned").asBoolean(),
                        o.get("byReviewer").asBoolean()));
            }
            return out;
        } catch (JsonProcessingException | RuntimeException e) {
            throw new SQLException("stored karyogram is not readable: " + e.getMessage(), e);
        }
    }

    private static StoredKaryogram row(ResultSet rs) throws SQLException {
        return new StoredKaryogram(
                rs.getLong("cell_id"),
                decode(rs.getString("placements")),
                rs.getString("classifier"),
                rs.getString("iscn"),
                rs.getString("karyotyped_by"),
                Sql.instant(rs, "karyotyped_at"),
                rs.getString("modified_by"),
                Sql.instant(rs, "modified_at"),
                rs.getLong("row_version"));
    }
}
