package org.karyo.app.karyogram;

import ai.onnxruntime.OrtException;
import java.util.ArrayList;
import java.util.List;
import org.karyo.app.store.Box;
import org.karyo.app.store.CaseStore;
import org.karyo.app.store.Cell;
import org.karyo.app.store.Karyograms;
import org.karyo.app.store.StoredKaryogram;
import org.karyo.core.geometry.RotatedBox;
import org.karyo.core.image.ImageReadException;
import org.karyo.inference.classify.CellClassification;
import org.karyo.inference.classify.CellKaryotype;
import org.karyo.inference.classify.ChromosomeCall;
import org.karyo.inference.classify.ChromosomeClassifier;
import org.karyo.inference.classify.GreyImage;
import org.karyo.inference.classify.KaryotypeSummary;
import org.karyo.inference.classify.Placement;

/**
 * Classifies a cell's current boxes into a stored karyogram proposal, and turns a stored
 * karyogram back into the classifier's calls and placements (for the view, the report and the
 * ISCN summary).
 */
public final class CellKaryograms {

    private CellKaryograms() {}

    /** A stored karyogram with the boxes it refers to, as inference values. */
    public record Loaded(
            StoredKaryogram stored,
            List<ChromosomeCall> calls,
            List<Placement> placements,
            List<StoredKaryogram.Entry> entries) {
        public CellKaryotype karyotype() {
            return KaryotypeSummary.of(placements, calls);
        }
    }

    /** Classifies the cell's boxes (image read from the store) and stores the proposal. */
    public static StoredKaryogram classify(CaseStore store, Cell cell, ChromosomeClassifier classifier)
            throws ImageReadException, OrtException {
        GreyImage img = CellClassification.read(cell.storedImage());
        List<Box> boxes = store.boxes().list(cell.id());
        List<RotatedBox> geo = boxes.stream().map(Box::geometry).toList();
        CellClassification cc = CellClassification.run(classifier, img, geo);
        List<StoredKaryogram.Entry> entries = new ArrayList<>();
        for (Placement p : cc.karyotype().placements()) {
            ChromosomeCall c = cc.calls().get(p.call());
            entries.add(new StoredKaryogram.Entry(
                    boxes.get(p.call()).id(), p.cls(), c.probs(), c.pUp(), p.flipped(), false, p.reassigned(), false));
        }
        return Karyograms.of(store)
                .propose(
                        cell.id(),
                        entries,
                        classifier.model().describe(),
                        cc.karyotype().iscn());
    }

    /** The stored karyogram with its boxes; entries whose box was deleted since are dropped (the view says so). */
    public static Loaded load(CaseStore store, StoredKaryogram k) {
        List<ChromosomeCall> calls = new ArrayList<>();
        List<Placement> placements = new ArrayList<>();
        List<StoredKaryogram.Entry> kept = new ArrayList<>();
        for (StoredKaryogram.Entry e : k.entries()) {
            RotatedBox box = store.boxes().find(e.boxId()).map(Box::geometry).orElse(null);
            if (box == null || store.boxes().isDeleted(e.boxId())) {
                continue;
            }
            int i = calls.size();
            kept.add(e);
            calls.add(new ChromosomeCall(i, box, e.probs(), e.pUp()));
            float p = e.probs()[e.cls()];
            placements.add(new Placement(
                    i, e.cls(), p, e.flipped(), e.cls() != 24 && p < Placement.LOW_CONFIDENCE, e.reassigned()));
        }
        return new Loaded(k, calls, placements, kept);
    }

    /** True when the cell's boxes are no longer those the karyogram was made from (boxes edited since). */
    public static boolean stale(CaseStore store, StoredKaryogram k) {
        List<Long> now =
                store.boxes().list(k.cellId()).stream().map(Box::id).sorted().toList();
        List<Long> then =
                k.entries().stream().map(StoredKaryogram.Entry::boxId).sorted().toList();
        return !now.equals(then);
    }
}
