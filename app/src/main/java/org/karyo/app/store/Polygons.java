package org.karyo.app.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.karyo.annotation.ChromosomeLabel;
import org.karyo.annotation.Vertex;

/**
 * The instance outlines (annotations for training) of a cell. Same rules as {@link Boxes}: deleting
 * is soft, so undo restores the same id; each call is one audited transaction with the whole
 * outline before and after; a signed-off case refuses every change. The action name is the
 * caller's ({@code polygon.add}, {@code undo:polygon.edit} ...).
 */
public final class Polygons {

    private static final String SELECT = "SELECT * FROM polygons ";
    private final CaseStore store;

    Polygons(CaseStore store) {
        this.store = store;
    }

    /** The current (not deleted) outlines of a cell, oldest first. */
    public List<StoredPolygon> list(long cellId) {
        return store.read(() -> Sql.list(
                store.connection(),
                SELECT + "WHERE cell_id = ? AND deleted_at IS NULL " + "ORDER BY id",
                Polygons::row,
                cellId));
    }

    /** An outline by id, deleted or not. */
    public Optional<StoredPolygon> find(long id) {
        return store.read(() -> Sql.one(store.connection(), SELECT + "WHERE id = ?", Polygons::row, id));
    }

    public boolean isDeleted(long id) {
        return store.read(() -> Sql.count(
                        store.connection(), "SELECT count(*) FROM polygons WHERE id = ? AND deleted_at IS NOT NULL", id)
                > 0);
    }

    /** Every cell with at least one outline, in case then cell order. */
    public List<AnnotationSummary> summaries() {
        return store.read(() -> Sql.list(
                store.connection(),
                "SELECT p.cell_id, c.case_id, count(*) AS n, "
                        + store.engine().distinctList("p.annotator")
                        + " AS who, max(p.modified_at) AS last FROM polygons p "
                        + "JOIN cells c ON c.id = p.cell_id WHERE p.deleted_at IS NULL GROUP BY p.cell_id, c.case_id, c.ordinal "
                        + "ORDER BY c.case_id, c.ordinal",
                rs -> new AnnotationSummary(
                        rs.getLong("cell_id"),
                        rs.getLong("case_id"),
                        rs.getInt("n"),
                        Arrays.stream(rs.getString("who").split(",")).sorted().toList(),
                        Sql.instant(rs, "last"))));
    }

    /** Adds one outline drawn by the current user. */
    public StoredPolygon add(long cellId, ChromosomeLabel label, List<Vertex> points, boolean seeded, String action) {
        return addAll(cellId, List.of(points), label, seeded, action).get(0);
    }

    /** Adds several outlines in one transaction (seeding a cell from its detections). */
    public List<StoredPolygon> addAll(
            long cellId, List<List<Vertex>> outlines, ChromosomeLabel label, boolean seeded, String action) {
        return addLabelled(cellId, outlines, java.util.Collections.nCopies(outlines.size(), label), seeded, action);
    }

    /**
     * Adds several outlines, each with its own label ({@code labels.get(i)} for
     * {@code outlines.get(i)}), in one transaction: an archive cell's classified chromosomes.
     */
    public List<StoredPolygon> addLabelled(
            long cellId, List<List<Vertex>> outlines, List<ChromosomeLabel> labels, boolean seeded, String action) {
        if (labels.size() != outlines.size()) {
            throw new IllegalArgumentException(outlines.size() + " outlines but " + labels.size() + " labels");
        }
        return store.inTransaction(() -> {
            Cell cell = store.cells().requireEditable(cellId);
            Instant now = Instant.now();
            String who = store.users().currentLogin();
            List<StoredPolygon> out = new ArrayList<>();
            for (int i = 0; i < outlines.size(); i++) {
                List<Vertex> points = outlines.get(i);
                ChromosomeLabel label = labels.get(i);
                long id = Sql.insert(
                        store.connection(),
                        "INSERT INTO polygons (cell_id, label, points, origin, "
                                + "annotator, created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        cellId,
                        label.fileText(),
                        PolygonJson.points(points),
                        seeded ? "SEEDED" : "DRAWN",
                        who,
                        now,
                        now);
                store.audit()
                        .record(
                                action,
                                cell.caseId(),
                                cellId,
                                "polygon",
                                id,
                                null,
                                PolygonJson.audit(label, points),
                                null);
                out.add(find(id).orElseThrow());
            }
            return out;
        });
    }

    /**
     * Replaces an outline's label and points, provided it is still at {@code version} (the row
     * version the screen or undo entry holds); {@link ConflictException} otherwise, nothing saved.
     */
    public StoredPolygon update(long id, long version, ChromosomeLabel label, List<Vertex> points, String action) {
        return store.inTransaction(() -> {
            StoredPolygon old = live(id, version, false);
            Cell cell = store.cells().requireEditable(old.cellId());
            RowVersions.update(
                    store,
                    "polygons",
                    "Outline " + id + " of cell " + cell.label(),
                    id,
                    version,
                    "label = ?, points = ?, annotator = ?, modified_at = ?",
                    label.fileText(),
                    PolygonJson.points(points),
                    store.users().currentLogin(),
                    Instant.now());
            store.audit()
                    .record(
                            action,
                            cell.caseId(),
                            cell.id(),
                            "polygon",
                            id,
                            PolygonJson.audit(old.label(), old.points()),
                            PolygonJson.audit(label, points),
                            null);
            return find(id).orElseThrow();
        });
    }

    /** Soft-deletes outlines (of any cells, each checked), each at its version in {@code versions}. */
    public List<StoredPolygon> delete(Collection<Long> ids, Map<Long, Long> versions, String action) {
        return setDeleted(ids, versions, true, action);
    }

    /** Brings soft-deleted outlines back with the same ids (undo of a delete, redo of an add). */
    public List<StoredPolygon> restore(Collection<Long> ids, Map<Long, Long> versions, String action) {
        return setDeleted(ids, versions, false, action);
    }

    private List<StoredPolygon> setDeleted(
            Collection<Long> ids, Map<Long, Long> versions, boolean delete, String action) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return store.inTransaction(() -> {
            Instant now = Instant.now();
            List<StoredPolygon> saved = new ArrayList<>();
            for (long id : ids) {
                Long version = versions.get(id);
                if (version == null) {
                    throw new StoreException("outline " + id + ": no row version given; reload the cell");
                }
                StoredPolygon p = live(id, version, !delete);
                Cell cell = store.cells().requireEditable(p.cellId());
                RowVersions.update(
                        store,
                        "polygons",
                        "Outline " + id + " of cell " + cell.label(),
                        id,
                        version,
                        "deleted_at = ?",
                        delete ? now : null);
                String g = PolygonJson.audit(p.label(), p.points());
                store.audit()
                        .record(
                                action,
                                cell.caseId(),
                                cell.id(),
                                "polygon",
                                id,
                                delete ? g : null,
                                delete ? null : g,
                                null);
                saved.add(find(id).orElseThrow());
            }
            return saved;
        });
    }

    /** The outline, live (or deleted) as wanted; moved on from {@code version} is a conflict. */
    private StoredPolygon live(long id, long version, boolean wantDeleted) throws SQLException {
        StoredPolygon p = find(id).orElseThrow(() -> new StoreException("no outline with id " + id));
        if (p.version() != version) {
            String cell = store.cells().find(p.cellId()).map(Cell::label).orElse("?");
            throw RowVersions.conflict(store, "polygons", "Outline " + id + " of cell " + cell, id);
        }
        if (isDeleted(id) != wantDeleted) {
            throw new StoreException("outline " + id + (wantDeleted ? " is not deleted" : " was deleted"));
        }
        return p;
    }

    private static StoredPolygon row(ResultSet rs) throws SQLException {
        ChromosomeLabel label = ChromosomeLabel.parse(rs.getString("label")).orElse(ChromosomeLabel.CHROMOSOME);
        return new StoredPolygon(
                rs.getLong("id"),
                rs.getLong("cell_id"),
                label,
                PolygonJson.points(rs.getString("points")),
                Sql.intOrNull(rs, "group_id"),
                "SEEDED".equals(rs.getString("origin")),
                rs.getString("annotator"),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "modified_at"),
                rs.getLong("row_version"));
    }
}
