package org.karyo.app.annotate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    /** Row version of each outline as last listed or saved by this editor. */
    private final Map<Long, Long> shown = new HashMap<>();
    /** Row version of each outline after this editor's last write to it: what undo and redo expect. */
    private final Map<Long, Long> written = new HashMap<>();

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

    /** The cell's outlines now; later edits are checked against the versions listed here. */
    public synchronized List<StoredPolygon> polygons() {
        List<StoredPolygon> now = store.polygons().list(cellId);
        shown.clear();
        now.forEach(p -> shown.put(p.id(), p.version()));
        return now;
    }

    /** Adds an outline the annotator drew. */
    public synchronized StoredPolygon add(ChromosomeLabel label, List<Vertex> points) {
        StoredPolygon p = store.polygons().add(cellId, label, points, false, "polygon.add");
        pushAddition("polygon.add", List.of(p));
        return p;
    }

    /** Adds draft outlines (detector seeds), undone together. */
    public synchronized List<StoredPolygon> seed(List<List<Vertex>> outlines) {
        if (outlines.isEmpty()) {
            return List.of();
        }
        List<StoredPolygon> added =
                store.polygons().addAll(cellId, outlines, ChromosomeLabel.CHROMOSOME, true, "polygon.seed");
        pushAddition("polygon.seed", added);
        return added;
    }

    private void pushAddition(String action, List<StoredPolygon> added) {
        Set<Long> ids = Set.copyOf(added.stream().map(StoredPolygon::id).toList());
        saved(added);
        push(new Edit(
                action,
                a -> saved(store.polygons().restore(ids, written, a)),
                a -> saved(store.polygons().delete(ids, written, a))));
    }

    /**
     * Changes an outline's points and/or label; {@code action} says why (polygon.edit, polygon.refine ...).
     * Checked against the outline's version as last listed by {@link #polygons()}; undo and redo
     * against this editor's own last write (a change by someone else in between is a conflict).
     */
    public synchronized StoredPolygon change(long id, ChromosomeLabel label, List<Vertex> points, String action) {
        StoredPolygon before = mine(id);
        if (before.label() == label && before.points().equals(points)) {
            return before;
        }
        List<Vertex> to = List.copyOf(points);
        StoredPolygon after = store.polygons().update(id, shown.getOrDefault(id, before.version()), label, to, action);
        saved(List.of(after));
        push(new Edit(
                action,
                a -> saved(List.of(store.polygons().update(id, written.get(id), label, to, a))),
                a -> saved(List.of(store.polygons().update(id, written.get(id), before.label(), before.points(), a)))));
        return after;
    }

    public synchronized void delete(long id) {
        StoredPolygon p = mine(id);
        Set<Long> ids = Set.of(id);
        saved(store.polygons().delete(ids, Map.of(id, shown.getOrDefault(id, p.version())), "polygon.delete"));
        push(new Edit(
                "polygon.delete",
                a -> saved(store.polygons().delete(ids, written, a)),
                a -> saved(store.polygons().restore(ids, written, a))));
    }

    private synchronized void saved(List<StoredPolygon> polygons) {
        for (StoredPolygon p : polygons) {
            shown.put(p.id(), p.version());
            written.put(p.id(), p.version());
        }
    }

    private StoredPolygon mine(long id) {
        return store.polygons()
                .find(id)
                .filter(p -> p.cellId() == cellId)
                .orElseThrow(() -> new StoreException("outline " + id + " is not in this cell"));
    }
}
