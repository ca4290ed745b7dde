package org.karyo.app.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.annotation.ChromosomeLabel;
import org.karyo.annotation.InstancePolygon;
import org.karyo.annotation.archive.BackProjection;
import org.karyo.annotation.archive.PairReport;
import org.karyo.annotation.archive.Placement;
import org.karyo.annotation.io.DatasetItem;
import org.karyo.annotation.io.LabelMeIo;
import org.karyo.app.annotate.DatasetExport;
import org.karyo.app.store.CaseRecord;
import org.karyo.app.store.CaseStore;
import org.karyo.app.store.StoreFixtures;
import org.karyo.app.store.StoredPolygon;

/**
 * Archive results in the case store: imported as classified drafts (flagged unchecked in an
 * export), accepted (then exported as checked, classes kept), rejected (out of the dataset), and
 * the review order lowest score first. The pair's result is made from the demo cell's truth, so
 * the test needs no back-projection run (the real pairs run in TestArchiveImportWorkflow).
 */
class TestArchiveCells {

    static final Path DEMO = Path.of(System.getProperty("karyo.home", ".."))
            .toAbsolutePath()
            .normalize()
            .resolve("assets/demo/DEMO-0001");

    @TempDir
    Path tmp;

    /** An accepted pair whose placements are the demo cell's outlines, classes 1, 2, 3... in turn, the last two flagged. */
    static PairReport pair(String name, double median) throws Exception {
        List<InstancePolygon> truth =
                LabelMeIo.read(DEMO.resolve(name + ".json")).annotation().instances();
        List<ChromosomeLabel> classes = java.util.Arrays.stream(ChromosomeLabel.values())
                .filter(l -> l != ChromosomeLabel.CHROMOSOME)
                .toList();
        List<Placement> placements = new ArrayList<>();
        for (int i = 0; i < truth.size(); i++) {
            Placement.Status s = i >= truth.size() - 2 ? Placement.Status.AMBIGUOUS : Placement.Status.FOUND;
            placements.add(new Placement(
                    classes.get(i % classes.size()), i, truth.get(i).points(), 0.9, 0.95, 0, false, s));
        }
        placements.add(new Placement(classes.get(0), 99, List.of(), 0, 0, 0, false, Placement.Status.NOT_FOUND));
        BackProjection r = new BackProjection(1000, 1000, 0.5, placements, median, median, null, List.of());
        return new PairReport(
                name,
                DEMO.resolve(name + ".png"),
                DEMO.resolve(name + ".png"),
                PairReport.Outcome.ACCEPTED,
                placements.size(),
                truth.size() - 2,
                2,
                1,
                median,
                0.5,
                1.0,
                "",
                r);
    }

    @Test
    void importAcceptRejectAndExport() throws Exception {
        try (CaseStore store = StoreFixtures.open(tmp.resolve("data"), "dr.lee")) {
            CaseRecord c = StoreFixtures.newCase(store, "ARCH-1");
            PairReport a = pair("cell-01", 0.95);
            PairReport b = pair("cell-02", 0.85);
            PairReport refused = new PairReport(
                    "x",
                    a.metaphase(),
                    a.karyogram(),
                    PairReport.Outcome.REFUSED,
                    46,
                    0,
                    0,
                    0,
                    0.7,
                    0.5,
                    1,
                    "no",
                    null);
            List<PairReport> order = ArchiveCells.reviewOrder(List.of(a, refused, b));
            assertEquals(
                    List.of("cell-02", "cell-01"),
                    order.stream().map(PairReport::cell).toList());
            assertThrows(IllegalArgumentException.class, () -> ArchiveCells.add(store, c.id(), refused));

            ArchiveCells.Imported first = ArchiveCells.add(store, c.id(), order.get(0));
            ArchiveCells.Imported second = ArchiveCells.add(store, c.id(), order.get(1));
            int n = a.result().placements().size() - 1; // the not-found one has no outline
            List<StoredPolygon> stored = store.polygons().list(first.cellId());
            assertEquals(n, stored.size());
            for (int i = 0; i < n; i++) {
                assertEquals(
                        b.result().placements().get(i).label(), stored.get(i).label(), "class kept");
                assertTrue(DatasetExport.isUncheckedDraft(stored.get(i)), "a draft until accepted");
            }
            assertEquals(2, first.flaggedAt().size());
            assertEquals(0.85, first.medianScore());

            // exported before review: every outline marked unchecked, so a trainer can leave them out
            for (DatasetItem item : DatasetExport.items(store)) {
                assertTrue(item.annotation().instances().stream()
                        .allMatch(p -> p.flags().getOrDefault(DatasetExport.UNCHECKED_DRAFT, false)));
            }

            assertEquals(n, ArchiveCells.accept(store, first.cellId()));
            assertEquals(0, ArchiveCells.accept(store, first.cellId()), "accepting twice changes nothing");
            assertEquals(n, ArchiveCells.reject(store, second.cellId()));
            List<DatasetItem> items = DatasetExport.items(store);
            assertEquals(1, items.size(), "the rejected cell is out of the dataset");
            List<InstancePolygon> out = items.get(0).annotation().instances();
            assertEquals(n, out.size());
            for (int i = 0; i < n; i++) {
                assertEquals(b.result().placements().get(i).label(), out.get(i).label());
                assertFalse(out.get(i).flags().getOrDefault(DatasetExport.UNCHECKED_DRAFT, false));
            }
            long audited = store.audit().forCase(c.id()).stream()
                    .filter(e -> e.action().equals(ArchiveCells.ACCEPT))
                    .count();
            assertEquals(n, audited, "every acceptance is in the audit trail");
        }
    }
}
