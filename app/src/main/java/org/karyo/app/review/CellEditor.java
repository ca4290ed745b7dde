package org.karyo.app.review;

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
 */
public final class CellEditor extends EditHistory {

    private final CaseStore store;
    private final long cellId;

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

    public List<Box> boxes() {
        return store.boxes().list(cellId);
    }

    /** Adds a user-drawn box. */
    public synchronized Box add(RotatedBox geometry) {
        Box b = store.boxes().add(cellId, geometry, "box.add");
        long id = b.id();
        push(new Edit("box.add",
                action -> store.boxes().restore(Set.of(id), action),
                action -> store.boxes().delete(Set.of(id), action)));
        return b;
    }

    /** Changes the geometry of one or more boxes of this cell, in one transaction. */
    public synchronized void change(Map<Long, RotatedBox> after, EditKind kind) {
        if (after.isEmpty()) {
            return;
        }
        Map<Long, RotatedBox> before = new LinkedHashMap<>();
        for (Long id : after.keySet()) {
            Box b = store.boxes().find(id).filter(x -> x.cellId() == cellId)
                    .orElseThrow(() -> new StoreException("box " + id + " is not in this cell"));
            before.put(id, b.geometry());
        }
        Map<Long, RotatedBox> to = new LinkedHashMap<>(after);
        store.boxes().move(to, kind.action());
        push(new Edit(kind.action(),
                action -> store.boxes().move(to, action),
                action -> store.boxes().move(before, action)));
    }

    /** Deletes boxes of this cell (soft: undo brings back the same ids). */
    public synchronized void delete(Set<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        for (Long id : ids) {
            store.boxes().find(id).filter(x -> x.cellId() == cellId)
                    .orElseThrow(() -> new StoreException("box " + id + " is not in this cell"));
        }
        Set<Long> copy = Set.copyOf(ids);
        store.boxes().delete(copy, "box.delete");
        push(new Edit("box.delete",
                action -> store.boxes().delete(copy, action),
                action -> store.boxes().restore(copy, action)));
    }
}
