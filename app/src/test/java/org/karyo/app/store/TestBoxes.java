package org.karyo.app.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.core.geometry.RotatedBox;
import org.karyo.inference.detect.Detection;

class TestBoxes {

    @TempDir
    Path dir;

    private static List<Detection> detections(int n) {
        return java.util.stream.IntStream.range(0, n)
                .mapToObj(i -> Detection.of(10 + i, 20, 30, 8, 15 * i, 0.5 + i / 100.0))
                .toList();
    }

    @Test
    void aDetectionRunBecomesTheCellsBoxes() throws Exception {
        try (CaseStore store = StoreFixtures.open(dir, "alice")) {
            Cell cell = StoreFixtures.newCell(store, dir, "CY-1", 1);
            DetectionRun run = store.boxes()
                    .replaceWithDetections(
                            cell.id(), DetectionRun.of(cell.id(), "deepchm-lite", "1.0.0", "abc123"), detections(46));
            assertTrue(run.id() > 0);
            assertEquals(46, run.count());
            List<Box> boxes = store.boxes().list(cell.id());
            assertEquals(46, boxes.size());
            assertTrue(
                    boxes.stream().allMatch(b -> b.origin() == BoxOrigin.DETECTED && run.id() == b.detectionRunId()));
            assertEquals(0.5, boxes.get(0).score(), 1e-12);
            assertEquals(RotatedBox.of(11, 20, 30, 8, 15), boxes.get(1).geometry());
            Cell after = store.cells().find(cell.id()).orElseThrow();
            assertEquals(CellStatus.DETECTED, after.status());
            assertEquals(46, after.detectedCount());
            assertEquals(46, after.count());
            AuditEntry a = store.audit()
                    .forCell(cell.id())
                    .get(store.audit().forCell(cell.id()).size() - 1);
            assertEquals("detection.run", a.action());
            assertEquals(0, AuditJson.read(a.before()).get("count"));
            assertEquals(46, AuditJson.read(a.after()).get("count"));
            assertEquals("abc123", AuditJson.read(a.after()).get("sha256"));
            assertEquals(List.of(run), store.boxes().runs(cell.id()));
        }
    }

    @Test
    void editSummaryCountsKeptEditsOfTheCurrentRunOnly() throws Exception {
        try (CaseStore store = StoreFixtures.open(dir, "alice")) {
            Cell cell = StoreFixtures.newCell(store, dir, "CY-1", 1);
            assertEquals(EditSummary.NONE, store.boxes().editSummary(cell.id()));
            DetectionRun meta = DetectionRun.of(cell.id(), "m", "1", "h");
            store.boxes().replaceWithDetections(cell.id(), meta, detections(5));
            List<Box> b = store.boxes().list(cell.id());
            Box kept = store.boxes().add(cell.id(), RotatedBox.of(50, 40, 20, 6, 0), "box.add");
            Box dropped = store.boxes().add(cell.id(), RotatedBox.of(60, 40, 20, 6, 0), "box.add");
            store.boxes()
                    .delete(Set.of(dropped.id()), StoreFixtures.boxVersions(store, Set.of(dropped.id())), "box.delete");
            store.boxes()
                    .move(
                            Map.of(b.get(1).id(), RotatedBox.of(1, 2, 30, 8, 0)),
                            StoreFixtures.boxVersions(store, Set.of(b.get(1).id())),
                            "box.move"); // then deleted: removed
            store.boxes()
                    .delete(
                            Set.of(b.get(0).id(), b.get(1).id()),
                            StoreFixtures.boxVersions(
                                    store, Set.of(b.get(0).id(), b.get(1).id())),
                            "box.delete");
            store.boxes()
                    .move(
                            Map.of(b.get(2).id(), RotatedBox.of(1, 2, 30, 8, 0)),
                            StoreFixtures.boxVersions(store, Set.of(b.get(2).id())),
                            "box.move");
            assertEquals(new EditSummary(1, 2, 1), store.boxes().editSummary(cell.id()));
            assertEquals(4, store.boxes().editSummary(cell.id()).total());
            assertTrue(kept.id() > 0);
            store.boxes().replaceWithDetections(cell.id(), meta, detections(3), true);
            assertEquals(EditSummary.NONE, store.boxes().editSummary(cell.id()), "a forced re-run starts afresh");
            assertEquals(3, store.boxes().latestRun(cell.id()).orElseThrow().count());
        }
    }

    @Test
    void aReRunNeverOverwritesUserEditsUnlessForced() throws Exception {
        try (CaseStore store = StoreFixtures.open(dir, "alice")) {
            Cell cell = StoreFixtures.newCell(store, dir, "CY-1", 1);
            DetectionRun meta = DetectionRun.of(cell.id(), "m", "1", "h");
            store.boxes().replaceWithDetections(cell.id(), meta, detections(45));
            store.boxes().replaceWithDetections(cell.id(), meta, detections(46)); // no edits: allowed
            assertEquals(46, store.boxes().list(cell.id()).size());
            assertFalse(store.boxes().hasUserEdits(cell.id()));

            Box first = store.boxes().list(cell.id()).get(0);
            store.boxes()
                    .delete(Set.of(first.id()), StoreFixtures.boxVersions(store, Set.of(first.id())), "box.delete");
            assertTrue(store.boxes().hasUserEdits(cell.id()));
            StoreException e = assertThrows(
                    StoreException.class, () -> store.boxes().replaceWithDetections(cell.id(), meta, detections(47)));
            assertTrue(e.getMessage().contains("manual corrections"), e.getMessage());
            assertEquals(45, store.boxes().list(cell.id()).size());

            store.boxes().replaceWithDetections(cell.id(), meta, detections(47), true);
            assertEquals(47, store.boxes().list(cell.id()).size());
            assertFalse(store.boxes().hasUserEdits(cell.id()), "edits of superseded boxes do not count");
            assertTrue(store.boxes().isDeleted(first.id()));
            assertEquals(3, store.boxes().runs(cell.id()).size());
        }
    }

    @Test
    void userBoxesHaveNoScoreAndEditsOfOtherCellsTogetherAreRefused() throws Exception {
        try (CaseStore store = StoreFixtures.open(dir, "alice")) {
            Cell a = StoreFixtures.newCell(store, dir, "CY-1", 1);
            Cell b = StoreFixtures.newCell(store, dir, "CY-2", 2);
            Box x = store.boxes().add(a.id(), RotatedBox.of(5, 5, 20, 6, 0), "box.add");
            Box y = store.boxes().add(b.id(), RotatedBox.of(5, 5, 20, 6, 0), "box.add");
            assertTrue(Double.isNaN(x.score()));
            assertEquals(BoxOrigin.ADDED, x.origin());
            assertThrows(StoreException.class, () -> store.boxes()
                    .move(
                            Map.of(x.id(), RotatedBox.of(1, 1, 2, 1, 0), y.id(), RotatedBox.of(1, 1, 2, 1, 0)),
                            StoreFixtures.boxVersions(store, Set.of(x.id(), y.id())),
                            "box.move"));
            assertEquals(
                    RotatedBox.of(5, 5, 20, 6, 0),
                    store.boxes().find(x.id()).orElseThrow().geometry());
        }
    }
}
