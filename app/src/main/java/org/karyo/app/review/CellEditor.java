package org.karyo.app.review;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.karyo.app.store.Box;
import org.karyo.app.store.CaseStore;
import org.karyo.app.store.Cell;
import org.karyo.app.store.StoreException;
import org.karyo.core.geometry.RotatedBox;

/**
 * Edits the boxes of one cell. Every edit, undo and redo is one committed, audited transaction
 * (durable when the call returns); undo and redo are themselves new audit entries named
 * {@code undo:box.move}, {@code redo:box.move} ... The undo stack lives in memory, one per editor.
 * A signed-off case refuses every edit, undo included, and the stacks stay as they were.
 *
 * <p>No silent overwrite between workstations: a new edit names the row versions of the boxes as
 * this editor last listed them ({@link #boxes()}, what the screen shows); an undo or redo names the
 * versions this editor's own last write left. A box someone else changed in between makes the store
 * refuse with a conflict, and the undo history is forgotten.
 */
public final class CellEditor extends EditHistory {

    private final CaseStore store;
    private final long cellId;
    /** Row version of each box as last listed by {@link #boxes()} or saved by this editor. */
    private final Map<Long, Long> shown = new HashMap<>();
    /** Row version of each box after this editor's last write to it: what undo and redo expect. */
    private final Map<Long, Long> written = new HashMap<>();

    private CellEditor(CaseStore store, long cellId) {
        this.store = store;
        this.cellId = cellId;
    }

    public static CellEditor open(CaseStore store, long cellId) {
        if (store.cells().find(cellId).isEmpty()) {
            throw new StoreException("no cell with id " + cellId);
        }
        return new CellEditor(store, cellId);
    }

    public long cellId() {
        return cellId;
    }

    public Cell cell() {
        return store.cells().find(cellId).orElseThrow();
    }

    /** The cell's boxes now; later edits are checked against the versions listed here. */
    public synchronized List<Box> boxes() {
        List<Box> now = store.boxes().list(cellId);
        shown.clear();
        now.forEach(b -> shown.put(b.id(), b.version()));
        return now;
    }

    /** Adds a user-drawn box. */
    public synchronized Box add(RotatedBox geometry) {
        Box b = store.boxes().add(cellId, geometry, "box.add");
        saved(List.of(b));
        Set<Long> id = Set.of(b.id());
        push(new Edit(
                "box.add",
                action -> saved(store.boxes().restore(id, written, action)),
                action -> saved(store.boxes().delete(id, written, action))));
        return b;
    }

    /** Changes the geometry of one or more boxes of this cell, in one transaction. */
    public synchronized void change(Map<Long, RotatedBox> after, EditKind kind) {
        if (after.isEmpty()) {
            return;
        }
        Map<Long, RotatedBox> before = new LinkedHashMap<>();
        for (Long id : after.keySet()) {
            before.put(id, mine(id).geometry());
        }
        Map<Long, RotatedBox> to = new LinkedHashMap<>(after);
        saved(store.boxes().move(to, onScreen(after.keySet()), kind.action()));
        push(new Edit(
                kind.action(),
                action -> saved(store.boxes().move(to, written, action)),
                action -> saved(store.boxes().move(before, written, action))));
    }

    /** Deletes boxes of this cell (soft: undo brings back the same ids). */
    public synchronized void delete(Set<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Set<Long> copy = Set.copyOf(ids);
        saved(store.boxes().delete(copy, onScreen(copy), "box.delete"));
        push(new Edit(
                "box.delete",
                action -> saved(store.boxes().delete(copy, written, action)),
                action -> saved(store.boxes().restore(copy, written, action))));
    }

    /** The versions the screen holds (boxes never listed: as they are now). */
    private Map<Long, Long> onScreen(Set<Long> ids) {
        Map<Long, Long> v = new HashMap<>();
        for (Long id : ids) {
            Box b = mine(id);
            v.put(id, shown.getOrDefault(id, b.version()));
        }
        return v;
    }

    private Box mine(long id) {
        return store.boxes()
                .find(id)
                .filter(x -> x.cellId() == cellId)
                .orElseThrow(() -> new StoreException("box " + id + " is not in this cell"));
    }

    private synchronized void saved(List<Box> boxes) {
        for (Box b : boxes) {
            shown.put(b.id(), b.version());
            written.put(b.id(), b.version());
        }
    }
}
