package org.karyo.app.ui.model;

import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.karyo.app.review.CountTable;
import org.karyo.app.store.CaseRecord;
import org.karyo.app.store.CaseStatus;
import org.karyo.app.store.CaseStore;
import org.karyo.app.store.Cell;
import org.karyo.app.store.CellStatus;

/**
 * The case open in the window, as observable state: its record, its cells (in order) and the
 * count table. Every view reads this; every change goes to the store first and is then re-read,
 * so the screen always shows what is committed. Touched on the FX thread only.
 */
public final class CaseModel {

    private final CaseStore store;
    private final ObjectProperty<CaseRecord> caseRecord = new SimpleObjectProperty<>();
    private final ObservableList<Cell> cells = FXCollections.observableArrayList();
    private final ObjectProperty<CountTable> countTable = new SimpleObjectProperty<>();
    /** Cell id -> places to check (uncertainty flags), for the cell list and the "check first" list. */
    private final javafx.collections.ObservableMap<Long, org.karyo.app.review.Uncertainty> uncertainty =
            FXCollections.observableHashMap();
    /** Cell id -> its places (boxes and suggestions), kept so a new reference count re-reads nothing. */
    private final java.util.Map<Long, org.karyo.app.review.Uncertainty> places = new java.util.HashMap<>();
    /** The count every cell is compared with (reviewed mode, else the detector's mode, else 46). */
    private org.karyo.app.review.ReferenceCount reference;

    public CaseModel(CaseStore store) {
        this.store = store;
    }

    public CaseStore store() {
        return store;
    }

    public ObjectProperty<CaseRecord> caseRecordProperty() {
        return caseRecord;
    }

    public CaseRecord caseRecord() {
        return caseRecord.get();
    }

    public ObservableList<Cell> cells() {
        return cells;
    }

    public ObjectProperty<CountTable> countTableProperty() {
        return countTable;
    }

    public boolean isOpen() {
        return caseRecord.get() != null;
    }

    public boolean isLocked() {
        CaseRecord c = caseRecord.get();
        return c != null && c.status() == CaseStatus.SIGNED_OFF;
    }

    /** Opens a case (null closes). */
    public void open(Long caseId) {
        if (caseId == null) {
            caseRecord.set(null);
            cells.clear();
            uncertainty.clear();
            places.clear();
            countTable.set(null);
            return;
        }
        // cells first: listeners of the case record expect its cells to be there
        CaseRecord c = store.cases().find(caseId).orElseThrow();
        List<Cell> list = store.cells().list(caseId);
        uncertainty.clear();
        places.clear();
        reference = org.karyo.app.review.ReferenceCount.of(list);
        list.forEach(this::measure);
        cells.setAll(list);
        recount();
        caseRecord.set(c);
    }

    /** Re-reads the case record and every cell (after an import, a detection run, a sign-off). */
    public void reload() {
        CaseRecord c = caseRecord.get();
        if (c == null) {
            return;
        }
        caseRecord.set(store.cases().find(c.id()).orElseThrow());
        List<Cell> fresh = store.cells().list(c.id());
        // replace changed rows in place so list selection and scroll position survive
        if (fresh.size() == cells.size()) {
            for (int i = 0; i < fresh.size(); i++) {
                if (!fresh.get(i).equals(cells.get(i))) {
                    cells.set(i, fresh.get(i));
                }
            }
        } else {
            cells.setAll(fresh);
        }
        uncertainty.clear();
        places.clear();
        reference = org.karyo.app.review.ReferenceCount.of(fresh);
        fresh.forEach(this::measure);
        recount();
    }

    /** The places to check in each cell (id -> flags), kept current as cells change. */
    public javafx.collections.ObservableMap<Long, org.karyo.app.review.Uncertainty> uncertainty() {
        return uncertainty;
    }

    /** Ids of cells whose boxes a person changed since their detection (kept when edited back to the same count). */
    private final java.util.Set<Long> edited = new java.util.HashSet<>();

    /** Whether a person changed this cell's boxes since its detection run (even back to the detector's count). */
    public boolean isEdited(long cellId) {
        return edited.contains(cellId);
    }

    /** The case's reference count (null while no case is open). */
    public org.karyo.app.review.ReferenceCount reference() {
        return reference;
    }

    private void measure(Cell cell) {
        long cellId = cell.id();
        if (store.boxes().hasUserEdits(cellId)) {
            edited.add(cellId);
        } else {
            edited.remove(cellId);
        }
        places.put(
                cellId,
                org.karyo.app.review.Uncertainty.of(
                        store.boxes().list(cellId),
                        store.suggestions().open(cellId),
                        store.suggestions().operatingThreshold(cellId)));
        publish(cell);
    }

    private void publish(Cell cell) {
        var p = places.get(cell.id());
        if (p != null) {
            uncertainty.put(cell.id(), p.withCount(cell.count(), reference));
        }
    }

    /** Re-reads one cell (after an edit of its boxes). */
    public void reloadCell(long cellId) {
        Optional<Cell> fresh = store.cells().find(cellId);
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i).id() == cellId) {
                if (fresh.isPresent() && !fresh.get().equals(cells.get(i))) {
                    cells.set(i, fresh.get());
                }
                measure(cells.get(i));
                break;
            }
        }
        // a review can move the mode: every cell is then compared with the new reference
        var now = org.karyo.app.review.ReferenceCount.of(cells);
        if (!now.equals(reference)) {
            reference = now;
            cells.forEach(this::publish);
        }
        recount();
    }

    public int indexOf(long cellId) {
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i).id() == cellId) {
                return i;
            }
        }
        return -1;
    }

    /** The next cell after {@code from} (wrapping) that nobody has reviewed yet, or -1. */
    public int nextUnreviewed(int from) {
        int n = cells.size();
        for (int k = 1; k <= n; k++) {
            Cell c = cells.get((from + k + n) % n);
            if (c.status() == CellStatus.NOT_RUN || c.status() == CellStatus.DETECTED) {
                return (from + k + n) % n;
            }
        }
        return -1;
    }

    private void recount() {
        countTable.set(CountTable.of(List.copyOf(cells)));
    }
}
