package org.karyo.app.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.karyo.core.geometry.RotatedBox;
import org.karyo.inference.detect.Detection;

/**
 * The detector's near-threshold candidates of a cell: boxes that scored in a band just below the
 * operating threshold. They are not boxes: never counted, shown on demand as suggestions, and a
 * reviewer may accept one, which adds it as a box (audited, undoable) and marks it accepted.
 * A new detection run replaces them.
 */
public final class Suggestions {

    /** One candidate below the operating threshold; {@code acceptedBoxId} is the box it became, if any. */
    public record Suggestion(long id, long cellId, RotatedBox geometry, double score, Long acceptedBoxId) {}

    private final CaseStore store;

    Suggestions(CaseStore store) {
        this.store = store;
    }

    /**
     * Replaces the cell's suggestions with {@code band} from detection run {@code runId} (in the
     * caller's transaction) and records the run's operating threshold {@code scoreThreshold}.
     */
    public void replace(long cellId, long runId, double scoreThreshold, List<Detection> band) {
        store.inTransaction(() -> {
            Sql.update(
                    store.connection(),
                    "UPDATE detection_runs SET score_threshold = ? WHERE id = ?",
                    scoreThreshold,
                    runId);
            Sql.update(
                    store.connection(),
                    "UPDATE suggested_boxes SET superseded_by_run = ? WHERE cell_id = ? "
                            + "AND superseded_by_run IS NULL",
                    runId,
                    cellId);
            for (Detection d : band) {
                RotatedBox b = d.box();
                Sql.insert(
                        store.connection(),
                        "INSERT INTO suggested_boxes (cell_id, cx, cy, w, h, angle, score, "
                                + "detection_run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        cellId,
                        b.cx(),
                        b.cy(),
                        b.w(),
                        b.h(),
                        b.angle(),
                        d.score(),
                        runId);
            }
        });
    }

    /**
     * The suggestions still open: from the latest run, not accepted (or accepted and the box
     * deleted again, e.g. by undo), highest score first.
     */
    public List<Suggestion> open(long cellId) {
        return store.read(() -> Sql.list(
                store.connection(),
                "SELECT s.* FROM suggested_boxes s LEFT JOIN boxes b "
                        + "ON b.id = s.accepted_box_id WHERE s.cell_id = ? AND s.superseded_by_run IS NULL "
                        + "AND (s.accepted_box_id IS NULL OR b.deleted_at IS NOT NULL) ORDER BY s.score DESC, s.id",
                Suggestions::row,
                cellId));
    }

    /** The operating threshold of the cell's latest detection run; NaN when unknown. */
    public double operatingThreshold(long cellId) {
        return store.read(() -> Sql.one(
                        store.connection(),
                        "SELECT score_threshold FROM detection_runs WHERE cell_id = ? " + "ORDER BY id DESC LIMIT 1",
                        rs -> Sql.doubleOrNaN(rs, "score_threshold"),
                        cellId)
                .orElse(Double.NaN));
    }

    /** A suggestion still open: not accepted, or its box deleted since (e.g. by undo). */
    private static final String STILL_OPEN = " AND (accepted_box_id IS NULL OR accepted_box_id IN "
            + "(SELECT id FROM boxes WHERE deleted_at IS NOT NULL))";

    /**
     * Refuses, before anything is added, a suggestion that another workstation (or window) has
     * accepted since this screen loaded it: two reviewers accepting the same suggestion would
     * otherwise put two boxes on one chromosome, a silent over-count.
     *
     * @throws ConflictException naming who accepted it and when
     */
    public void requireOpen(long id) {
        store.read(() -> {
            if (Sql.count(store.connection(), "SELECT COUNT(*) FROM suggested_boxes WHERE id = ?" + STILL_OPEN, id)
                    == 0) {
                throw acceptedElsewhere(id);
            }
            return null;
        });
    }

    /**
     * Records that suggestion {@code id} became box {@code boxId} (audited), only while it is still
     * open; when another workstation accepted it in between, nothing is recorded and a
     * {@link ConflictException} names them (the caller takes its own box back).
     */
    public void markAccepted(long id, long boxId) {
        store.inTransaction(() -> {
            Suggestion s = Sql.one(
                            store.connection(), "SELECT * FROM suggested_boxes WHERE id = ?", Suggestions::row, id)
                    .orElseThrow(() -> new StoreException("no suggestion with id " + id));
            Cell c = store.cells().requireEditable(s.cellId());
            if (Sql.update(
                            store.connection(),
                            "UPDATE suggested_boxes SET accepted_box_id = ? WHERE id = ?" + STILL_OPEN,
                            boxId,
                            id)
                    == 0) {
                throw acceptedElsewhere(id);
            }
            store.audit()
                    .record(
                            "suggestion.accept",
                            c.caseId(),
                            c.id(),
                            "box",
                            boxId,
                            AuditJson.of("suggestion", id, "score", s.score()),
                            AuditJson.box(s.geometry()),
                            null);
        });
    }

    /** "The suggested box ... was changed by <who accepted it> at <when>", from the acceptance's audit entry. */
    private ConflictException acceptedElsewhere(long id) throws SQLException {
        long boxId = Sql.count(
                store.connection(), "SELECT COALESCE(accepted_box_id, 0) FROM suggested_boxes WHERE id = ?", id);
        String what = "The suggested box (accepted as a box meanwhile)";
        return Sql.one(
                        store.connection(),
                        "SELECT \"user\", at FROM audit WHERE action = 'suggestion.accept' AND entity = 'box' "
                                + "AND entity_id = ? ORDER BY id DESC LIMIT 1",
                        rs -> new ConflictException(what, rs.getString("user"), Sql.instant(rs, "at")),
                        boxId)
                .orElseGet(() -> new ConflictException(what, null, null));
    }

    private static Suggestion row(ResultSet rs) throws SQLException {
        return new Suggestion(
                rs.getLong("id"),
                rs.getLong("cell_id"),
                RotatedBox.of(
                        rs.getDouble("cx"),
                        rs.getDouble("cy"),
                        rs.getDouble("w"),
                        rs.getDouble("h"),
                        rs.getDouble("angle")),
                rs.getDouble("score"),
                Sql.longOrNull(rs, "accepted_box_id"));
    }
}
