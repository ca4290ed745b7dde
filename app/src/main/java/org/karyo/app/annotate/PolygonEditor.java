package org.karyo.app.annotate;

import java.util.List;
import java.util.Set;
import org.karyo.annotation.ChromosomeLabel;
import org.karyo.annotation.Vertex;
import org.karyo.app.review.EditHistory;
import org.karyo.app.store.CaseStore;
import org.karyo.app.store.StoreException;
import org.karyo.app.store.StoredPolygon;

/**
 * Edits the instance outlines of one cell: every edit, undo and redo is one committed, audited
 * store transaction (autosave), undo/redo being new audit entries ({@code undo:polygon.edit} ...).
 * The history lives in memory, one per editor, as for boxes ({@code review.CellEditor}).
 */
public final class PolygonEditor extends EditHistory {

    private final CaseStore store;
    private final long cellId;

    private PolygonEditor(CaseStore store, long cellId) {
        this.store = store;
        this.cellId = cellId;
    }

    public static PolygonEditor open(CaseStore store, long cellId) {
        if (store.cells().find(cellId).isEmpty()) {
            throw new StoreException("no cell with id " + cellId);
        }
        return new PolygonEditor(store, cellId);
    }

    public long cellId() {
        return cellId;
    }

    public List<StoredPolygon> polygons() {
        return store.polygons().list(cellId);
    }

    /** Adds an outline the annotator drew. */
    public synchronized StoredPolygon add(ChromosomeLabel label, List<Vertex> points) {
        StoredPolygon p = store.polygons().add(cellId, label, points, false, "polygon.add");
        Set<Long> id = Set.of(p.id());
        push(new Edit("polygon.add",
                a -> store.polygons().restore(id, a),
                a -> store.polygons().delete(id, a)));
        return p;
    }

    /** Adds draft outlines (detector seeds), undone together. */
    public synchronized List<StoredPolygon> seed(List<List<Vertex>> outlines) {
        if (outlines.isEmpty()) {
            return List.of();
        }
        List<StoredPolygon> added = store.polygons().addAll(cellId, outlines, ChromosomeLabel.CHROMOSOME, true,
                "polygon.seed");
        Set<Long> ids = Set.copyOf(added.stream().map(StoredPolygon::id).toList());
        push(new Edit("polygon.seed",
                a -> store.polygons().restore(ids, a),
                a -> store.polygons().delete(ids, a)));
        return added;
    }

    /** Changes an outline's points and/or label; {@code action} says why (polygon.edit, polygon.refine ...). */
    public synchronized StoredPolygon change(long id, ChromosomeLabel label, List<Vertex> points, String action) {
        StoredPolygon before = mine(id);
        if (before.label() == label && before.points().equals(points)) {
            return before;
        }
        StoredPolygon after = store.polygons().update(id, label, points, action);
        push(new Edit(action, a -> store.polygons().update(id, label, List.copyOf(points), a),
                a -> store.polygons().update(id, before.label(), before.points(), a)));
        return after;
    }

    public synchronized void delete(long id) {
        mine(id);
        Set<Long> ids = Set.of(id);
        store.polygons().delete(ids, "polygon.delete");
        push(new Edit("polygon.delete",
                a -> store.polygons().delete(ids, a),
                a -> store.polygons().restore(ids, a)));
    }

    private StoredPolygon mine(long id) {
        return store.polygons().find(id).filter(p -> p.cellId() == cellId)
                .orElseThrow(() -> new StoreException("outline " + id + " is not in this cell"));
    }
}
