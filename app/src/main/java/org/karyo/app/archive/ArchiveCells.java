package org.karyo.app.archive;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.karyo.annotation.ChromosomeLabel;
import org.karyo.annotation.Vertex;
import org.karyo.annotation.archive.PairReport;
import org.karyo.annotation.archive.Placement;
import org.karyo.app.annotate.DatasetExport;
import org.karyo.app.store.CaseStore;
import org.karyo.app.store.Cell;
import org.karyo.app.store.StoredPolygon;

/**
 * Back-projected archive cells in the case store. An accepted pair's metaphase becomes a cell of
 * the case with one classified outline per placed chromosome, stored as seeded drafts: until a
 * person accepts the cell they leave the store flagged {@code unchecked_draft} (DatasetExport), so
 * a trainer can tell them from checked outlines. Accepting touches every untouched draft (audited
 * as {@value #ACCEPT}); rejecting deletes the cell's outlines (soft, audited as {@value #REJECT}).
 */
public final class ArchiveCells {

    public static final String IMPORT = "polygon.archive";
    public static final String ACCEPT = "polygon.archive.accept";
    public static final String REJECT = "polygon.archive.reject";

    /**
     * One imported cell for review: its store id, the pair's name, the median match score, how
     * many outlines were found unflagged and flagged, and the centre of every flagged outline
     * (metaphase pixels; the review bar selects them one by one).
     */
    public record Imported(
            long cellId, String pair, double medianScore, long found, long flagged, List<Vertex> flaggedAt) {
        public Imported {
            flaggedAt = List.copyOf(flaggedAt);
        }
    }

    private ArchiveCells() {}

    /** The accepted pairs in review order: lowest median match score first (the likeliest to need a correction). */
    public static List<PairReport> reviewOrder(List<PairReport> reports) {
        return reports.stream()
                .filter(r -> r.outcome() == PairReport.Outcome.ACCEPTED)
                .sorted(Comparator.comparingDouble(PairReport::medianScore).thenComparing(PairReport::cell))
                .toList();
    }

    /** Imports the pair's metaphase into the case and stores its classified outlines as drafts. */
    public static Imported add(CaseStore store, long caseId, PairReport r) {
        if (r.outcome() != PairReport.Outcome.ACCEPTED) {
            throw new IllegalArgumentException(r.cell() + " was not accepted: " + r.message());
        }
        Cell cell = store.cells().importImage(caseId, r.metaphase());
        List<List<Vertex>> outlines = new ArrayList<>();
        List<ChromosomeLabel> labels = new ArrayList<>();
        List<Vertex> flaggedAt = new ArrayList<>();
        for (Placement p : r.result().placements()) {
            if (!p.placed() || p.outline().size() < 3) {
                continue;
            }
            outlines.add(p.outline());
            labels.add(p.label());
            if (p.status() != Placement.Status.FOUND) {
                flaggedAt.add(centre(p.outline()));
            }
        }
        store.polygons().addLabelled(cell.id(), outlines, labels, true, IMPORT);
        return new Imported(cell.id(), r.cell(), r.medianScore(), r.found(), r.flagged(), flaggedAt);
    }

    /** Accepts the cell's untouched draft outlines as they are; returns how many. */
    public static int accept(CaseStore store, long cellId) {
        int n = 0;
        for (StoredPolygon p : store.polygons().list(cellId)) {
            if (DatasetExport.isUncheckedDraft(p)) {
                store.polygons().update(p.id(), p.version(), p.label(), p.points(), ACCEPT);
                n++;
            }
        }
        return n;
    }

    /** Deletes every outline of the cell (it then stays out of the dataset); returns how many. */
    public static int reject(CaseStore store, long cellId) {
        Map<Long, Long> versions = new HashMap<>();
        store.polygons().list(cellId).forEach(p -> versions.put(p.id(), p.version()));
        return store.polygons().delete(versions.keySet(), versions, REJECT).size();
    }

    private static Vertex centre(List<Vertex> outline) {
        double x = 0, y = 0;
        for (Vertex v : outline) {
            x += v.x();
            y += v.y();
        }
        return new Vertex(x / outline.size(), y / outline.size());
    }
}
