package org.karyo.app.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.karyo.core.geometry.RotatedBox;
import org.karyo.inference.detect.Detection;

/**
 * The chromosome boxes of a cell and its detection runs. Deleting is soft ({@code deleted_at}),
 * so undo restores the same box id and the audit trail keeps pointing at real rows. Every edit
 * writes one audit entry per box plus a {@code count.change} entry when the cell's count changes;
 * the action name is the caller's ({@code box.move}, {@code undo:box.move} ...).
 */
public final class Boxes {

    private static final String SELECT = "SELECT * FROM boxes ";
    private final CaseStore store;

    Boxes(CaseStore store) {
        this.store = store;
    }

    /** The current (not deleted) boxes of a cell, oldest first. */
    public List<Box> list(long cellId) {
        return store.read(() -> Sql.list(
                store.connection(),
                SELECT + "WHERE cell_id = ? AND deleted_at IS NULL " + "ORDER BY id",
                Boxes::row,
                cellId));
    }

    /** A box by id, deleted or not. */
    public Optional<Box> find(long boxId) {
        return store.read(() -> Sql.one(store.connection(), SELECT + "WHERE id = ?", Boxes::row, boxId));
    }

    public boolean isDeleted(long boxId) {
        return store.read(() -> Sql.count(
                        store.connection(), "SELECT count(*) FROM boxes WHERE id = ? AND deleted_at IS NOT NULL", boxId)
                > 0);
    }

    public List<DetectionRun> runs(long cellId) {
        return store.read(() -> Sql.list(
                store.connection(),
                "SELECT * FROM detection_runs WHERE cell_id = ? ORDER BY id",
                rs -> new DetectionRun(
                        rs.getLong("id"),
                        rs.getLong("cell_id"),
                        rs.getString("model_name"),
                        rs.getString("model_version"),
                        rs.getString("model_sha256"),
                        Sql.instant(rs, "at"),
                        rs.getInt("count")),
                cellId));
    }

    /** Whether a user added, changed or deleted any box since the last detection run. */
    public boolean hasUserEdits(long cellId) {
        return store.read(() -> Sql.count(
                        store.connection(),
                        "SELECT count(*) FROM boxes WHERE cell_id = ? "
                                + "AND superseded_by_run IS NULL AND (origin = 'ADDED' OR edited = 1 OR deleted_at IS NOT NULL)",
                        cellId)
                > 0);
    }

    /** The cell's latest detection run, if it was ever run. */
    public Optional<DetectionRun> latestRun(long cellId) {
        List<DetectionRun> all = runs(cellId);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /**
     * The reviewers' edits of the current boxes (those no later detection run replaced), read from
     * the boxes table including soft-deleted rows.
     */
    public EditSummary editSummary(long cellId) {
        return store.read(() -> Sql.one(
                        store.connection(),
                        "SELECT "
                                + "coalesce(sum(CASE WHEN origin = 'ADDED' AND deleted_at IS NULL THEN 1 ELSE 0 END), 0) AS added, "
                                + "coalesce(sum(CASE WHEN origin = 'DETECTED' AND deleted_at IS NOT NULL THEN 1 ELSE 0 END), 0) "
                                + "AS removed, coalesce(sum(CASE WHEN origin = 'DETECTED' AND deleted_at IS NULL AND edited = 1 "
                                + "THEN 1 ELSE 0 END), 0) AS moved "
                                + "FROM boxes WHERE cell_id = ? AND superseded_by_run IS NULL",
                        rs -> new EditSummary(rs.getInt("added"), rs.getInt("removed"), rs.getInt("moved")),
                        cellId)
                .orElse(EditSummary.NONE));
    }

    /** {@link #replaceWithDetections(long, DetectionRun, List, boolean)} without force. */
    public DetectionRun replaceWithDetections(long cellId, DetectionRun meta, List<Detection> detections) {
        return replaceWithDetections(cellId, meta, detections, false);
    }

    /**
     * Stores a detection run and makes its detections the cell's boxes. A cell with user edits is
     * refused unless {@code force}: a re-run never silently discards a person's corrections.
     */
    public DetectionRun replaceWithDetections(
            long cellId, DetectionRun meta, List<Detection> detections, boolean force) {
        return store.inTransaction(() -> {
            Cell cell = store.cells().requireEditable(cellId);
            boolean edits = hasUserEdits(cellId);
            if (!force && edits) {
                throw new StoreException("Cell " + cell.label() + " has manual corrections; detecting again would "
                        + "discard them (choose to overwrite to do it anyway)");
            }
            Instant at = meta.at() != null ? meta.at() : Instant.now();
            long runId = Sql.insert(
                    store.connection(),
                    "INSERT INTO detection_runs (cell_id, model_name, "
                            + "model_version, model_sha256, at, count) VALUES (?, ?, ?, ?, ?, ?)",
                    cellId,
                    meta.modelName(),
                    meta.modelVersion(),
                    meta.modelSha256(),
                    at,
                    detections.size());
            Instant now = Instant.now();
            Sql.update(
                    store.connection(),
                    "UPDATE boxes SET deleted_at = ?, superseded_by_run = ?, "
                            + "row_version = row_version + 1, changed_by = ?, changed_at = ? "
                            + "WHERE cell_id = ? AND deleted_at IS NULL",
                    now,
                    runId,
                    store.users().currentLogin(),
                    now,
                    cellId);
            // edits and deletions before this run belong to the old boxes, not to this run's
            Sql.update(
                    store.connection(),
                    "UPDATE boxes SET superseded_by_run = ? " + "WHERE cell_id = ? AND superseded_by_run IS NULL",
                    runId,
                    cellId);
            for (Detection d : detections) {
                insertBox(cellId, d.box(), d.score(), BoxOrigin.DETECTED, runId, now);
            }
            CellStatus status = cell.excluded() ? CellStatus.EXCLUDED : CellStatus.DETECTED;
            RowVersions.bump(store, "cells", cellId, "detected_count = ?, status = ?", detections.size(), status);
            store.audit()
                    .record(
                            "detection.run",
                            cell.caseId(),
                            cellId,
                            "detection_run",
                            runId,
                            AuditJson.of("count", cell.count(), "detectedCount", cell.detectedCount()),
                            AuditJson.of(
                                    "count",
                                    detections.size(),
                                    "model",
                                    meta.modelName(),
                                    "version",
                                    meta.modelVersion(),
                                    "sha256",
                                    meta.modelSha256(),
                                    "overwroteEdits",
                                    edits),
                            null);
            return new DetectionRun(
                    runId, cellId, meta.modelName(), meta.modelVersion(), meta.modelSha256(), at, detections.size());
        });
    }

    /** Adds a user-drawn box (score NaN). */
    public Box add(long cellId, RotatedBox geometry, String action) {
        return store.inTransaction(() -> {
            Cell cell = store.cells().requireEditable(cellId);
            long id = insertBox(cellId, geometry, Double.NaN, BoxOrigin.ADDED, null, Instant.now());
            store.audit().record(action, cell.caseId(), cellId, "box", id, null, AuditJson.box(geometry), null);
            countChanged(cell, action);
            return find(id).orElseThrow();
        });
    }

    /**
     * Sets the geometry of one or more boxes of one cell. {@code versions} holds, for every box, the
     * row version the caller's screen (or undo entry) holds: a box changed since makes the whole
     * edit fail with {@link ConflictException}, nothing saved. Returns the boxes as saved.
     */
    public List<Box> move(Map<Long, RotatedBox> after, Map<Long, Long> versions, String action) {
        if (after.isEmpty()) {
            return List.of();
        }
        return store.inTransaction(() -> {
            Cell cell = cellOf(after.keySet(), versions, false);
            List<Box> saved = new java.util.ArrayList<>();
            for (Map.Entry<Long, RotatedBox> e : after.entrySet()) {
                Box old = find(e.getKey()).orElseThrow();
                RotatedBox g = e.getValue();
                RowVersions.update(
                        store,
                        "boxes",
                        describe(old, cell),
                        old.id(),
                        expected(versions, old.id()),
                        "cx = ?, cy = ?, w = ?, h = ?, angle = ?, edited = 1",
                        g.cx(),
                        g.cy(),
                        g.w(),
                        g.h(),
                        g.angle());
                store.audit()
                        .record(
                                action,
                                cell.caseId(),
                                cell.id(),
                                "box",
                                old.id(),
                                AuditJson.box(old.geometry()),
                                AuditJson.box(g),
                                null);
                saved.add(find(old.id()).orElseThrow());
            }
            return saved;
        });
    }

    /** Soft-deletes boxes of one cell, each at the version in {@code versions} (see {@link #move}). */
    public List<Box> delete(Collection<Long> ids, Map<Long, Long> versions, String action) {
        return setDeleted(ids, versions, true, action);
    }

    /** Brings soft-deleted boxes back, same ids (undo of a delete or redo of an add), checked as {@link #delete}. */
    public List<Box> restore(Collection<Long> ids, Map<Long, Long> versions, String action) {
        return setDeleted(ids, versions, false, action);
    }

    private List<Box> setDeleted(Collection<Long> ids, Map<Long, Long> versions, boolean delete, String action) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return store.inTransaction(() -> {
            Cell cell = cellOf(ids, versions, !delete);
            Instant now = Instant.now();
            List<Box> saved = new java.util.ArrayList<>();
            for (long id : ids) {
                Box b = find(id).orElseThrow();
                RowVersions.update(
                        store,
                        "boxes",
                        describe(b, cell),
                        id,
                        expected(versions, id),
                        "deleted_at = ?",
                        delete ? now : null);
                String g = AuditJson.box(b.geometry());
                store.audit()
                        .record(
                                action,
                                cell.caseId(),
                                cell.id(),
                                "box",
                                id,
                                delete ? g : null,
                                delete ? null : g,
                                null);
                saved.add(find(id).orElseThrow());
            }
            countChanged(cell, action);
            return saved;
        });
    }

    private static long expected(Map<Long, Long> versions, long id) {
        Long v = versions.get(id);
        if (v == null) {
            throw new StoreException("box " + id + ": no row version given; reload the cell and edit again");
        }
        return v;
    }

    private static String describe(Box b, Cell cell) {
        return "Box " + b.id() + " of cell " + cell.label();
    }

    /**
     * {@link #cellOf(Collection, boolean)}, except that a box whose version moved on is a conflict
     * (someone else deleted or restored it), not a plain refusal.
     */
    private Cell cellOf(Collection<Long> ids, Map<Long, Long> versions, boolean wantDeleted) throws SQLException {
        for (long id : ids) {
            Box b = find(id).orElseThrow(() -> new StoreException("no box with id " + id));
            if (b.version() != expected(versions, id)) {
                throw RowVersions.conflict(
                        store,
                        "boxes",
                        describe(b, store.cells().find(b.cellId()).orElseThrow()),
                        id);
            }
        }
        return cellOf(ids, wantDeleted);
    }

    /** The one editable cell all {@code ids} belong to; they must all be live (or all deleted). */
    private Cell cellOf(Collection<Long> ids, boolean wantDeleted) throws SQLException {
        Long cellId = null;
        for (long id : ids) {
            Box b = find(id).orElseThrow(() -> new StoreException("no box with id " + id));
            if (isDeleted(id) != wantDeleted) {
                throw new StoreException("box " + id + (wantDeleted ? " is not deleted" : " was deleted"));
            }
            if (cellId != null && cellId != b.cellId()) {
                throw new StoreException("boxes of different cells cannot be edited together");
            }
            cellId = b.cellId();
        }
        return store.cells().requireEditable(cellId);
    }

    private void countChanged(Cell before, String action) {
        int now = store.cells().find(before.id()).orElseThrow().count();
        if (now != before.count()) {
            store.audit()
                    .record(
                            "count.change",
                            before.caseId(),
                            before.id(),
                            "cell",
                            before.id(),
                            AuditJson.of("count", before.count()),
                            AuditJson.of("count", now),
                            action);
        }
    }

    private long insertBox(long cellId, RotatedBox g, double score, BoxOrigin origin, Long runId, Instant at)
            throws SQLException {
        return Sql.insert(
                store.connection(),
                "INSERT INTO boxes (cell_id, cx, cy, w, h, angle, score, origin, "
                        + "detection_run_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                cellId,
                g.cx(),
                g.cy(),
                g.w(),
                g.h(),
                g.angle(),
                score,
                origin,
                runId,
                at);
    }

    private static Box row(ResultSet rs) throws SQLException {
        return new Box(
                rs.getLong("id"),
                rs.getLong("cell_id"),
                new RotatedBox(
                        rs.getDouble("cx"),
                        rs.getDouble("cy"),
                        rs.getDouble("w"),
                        rs.getDouble("h"),
                        rs.getDouble("angle")),
                Sql.doubleOrNaN(rs, "score"),
                BoxOrigin.valueOf(rs.getString("origin")),
                Sql.longOrNull(rs, "detection_run_id"),
                rs.getLong("row_version"));
    }
}
