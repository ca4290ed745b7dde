package org.karyo.app.karyogram;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.karyo.app.store.CaseStore;
import org.karyo.app.store.ConflictException;
import org.karyo.app.store.Karyograms;
import org.karyo.app.store.StoreException;
import org.karyo.app.store.StoredKaryogram;
import org.karyo.inference.classify.CellKaryotype;
import org.karyo.inference.classify.ChromosomeCall;
import org.karyo.inference.classify.KaryotypeSummary;
import org.karyo.inference.classify.Placement;

/**
 * Edits one cell's karyogram: move a chromosome to another class, turn it 180 degrees, mirror
 * it; undo and redo. Every step (undo and redo included) is written to the store at once as one
 * audited change, so a crash loses nothing and the audit trail shows each move. Each write names
 * the version this editor shows: when another reviewer changed the karyogram since, nothing is
 * saved, the editor reloads the current karyogram and forgets its undo history (it would undo
 * onto someone else's change), and the {@link ConflictException} names who changed it when.
 */
public final class KaryogramEditor {

    private final CaseStore store;
    private final long cellId;
    private List<ChromosomeCall> calls;
    private List<StoredKaryogram.Entry> entries;
    private StoredKaryogram stored;
    private final Deque<Step> undo = new ArrayDeque<>();
    private final Deque<Step> redo = new ArrayDeque<>();

    private record Step(int index, StoredKaryogram.Entry before, StoredKaryogram.Entry after, String action) {}

    public KaryogramEditor(CaseStore store, CellKaryograms.Loaded loaded) {
        this.store = store;
        this.stored = loaded.stored();
        this.cellId = stored.cellId();
        this.calls = loaded.calls();
        this.entries = new ArrayList<>(loaded.entries());
    }

    public List<ChromosomeCall> calls() {
        return calls;
    }

    public StoredKaryogram stored() {
        return stored;
    }

    public List<Placement> placements() {
        List<Placement> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            StoredKaryogram.Entry e = entries.get(i);
            float p = e.probs()[e.cls()];
            out.add(new Placement(
                    i, e.cls(), p, e.flipped(), e.cls() != 24 && p < Placement.LOW_CONFIDENCE, e.reassigned()));
        }
        return out;
    }

    public boolean mirrored(int i) {
        return entries.get(i).mirrored();
    }

    public CellKaryotype karyotype() {
        return KaryotypeSummary.of(placements(), calls);
    }

    public void moveTo(int i, int cls) {
        if (entries.get(i).cls() != cls) {
            apply(new Step(i, entries.get(i), entries.get(i).withClass(cls), "karyogram.move"));
        }
    }

    public void turn(int i) {
        apply(new Step(
                i, entries.get(i), entries.get(i).withFlipped(!entries.get(i).flipped()), "karyogram.turn"));
    }

    public void mirror(int i) {
        apply(new Step(
                i, entries.get(i), entries.get(i).withMirrored(!entries.get(i).mirrored()), "karyogram.mirror"));
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    public void undo() {
        Step s = undo.pop();
        write(s.index(), s.before(), "undo:" + s.action());
        redo.push(s);
    }

    public void redo() {
        Step s = redo.pop();
        write(s.index(), s.after(), "redo:" + s.action());
        undo.push(s);
    }

    /** The reviewer accepts the karyogram as it stands: the cell is karyotyped. */
    public void accept() {
        try {
            stored = Karyograms.of(store).accept(cellId, stored.version());
        } catch (ConflictException e) {
            reload();
            throw e;
        }
    }

    /** Shows the stored karyogram as it is now; the undo history no longer applies to it. */
    private void reload() {
        CellKaryograms.Loaded now = CellKaryograms.load(
                store,
                Karyograms.of(store).find(cellId).orElseThrow(() -> new StoreException("the karyogram is gone")));
        stored = now.stored();
        calls = now.calls();
        entries = new ArrayList<>(now.entries());
        undo.clear();
        redo.clear();
    }

    private void apply(Step s) {
        write(s.index(), s.after(), s.action());
        undo.push(s);
        redo.clear();
    }

    private void write(int i, StoredKaryogram.Entry e, String action) {
        List<StoredKaryogram.Entry> next = new ArrayList<>(entries);
        next.set(i, e);
        List<StoredKaryogram.Entry> full = merge(next);
        int storedIndex = full.indexOf(e);
        String iscn = KaryotypeSummary.of(placementsOf(next), calls).iscn();
        try {
            stored = Karyograms.of(store).change(cellId, stored.version(), full, storedIndex, iscn, action);
        } catch (ConflictException conflict) {
            reload();
            throw conflict;
        }
        entries = next;
    }

    /** The stored list keeps entries of deleted boxes; replace the edited ones by box id. */
    private List<StoredKaryogram.Entry> merge(List<StoredKaryogram.Entry> edited) {
        List<StoredKaryogram.Entry> out = new ArrayList<>();
        for (StoredKaryogram.Entry old : stored.entries()) {
            out.add(edited.stream()
                    .filter(e -> e.boxId() == old.boxId())
                    .findFirst()
                    .orElse(old));
        }
        return out;
    }

    private static List<Placement> placementsOf(List<StoredKaryogram.Entry> es) {
        List<Placement> out = new ArrayList<>();
        for (int i = 0; i < es.size(); i++) {
            StoredKaryogram.Entry e = es.get(i);
            float p = e.probs()[e.cls()];
            out.add(new Placement(i, e.cls(), p, e.flipped(), p < Placement.LOW_CONFIDENCE, e.reassigned()));
        }
        return out;
    }
}
