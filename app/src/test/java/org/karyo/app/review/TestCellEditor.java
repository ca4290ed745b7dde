package org.karyo.app.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.app.store.AuditEntry;
import org.karyo.app.store.AuditJson;
import org.karyo.app.store.Box;
import org.karyo.app.store.CaseLockedException;
import org.karyo.app.store.CaseStore;
import org.karyo.app.store.Cell;
import org.karyo.app.store.StoreFixtures;
import org.karyo.core.geometry.RotatedBox;

class TestCellEditor {

    @TempDir
    Path dir;

    private static List<String> actionsSince(CaseStore store, long cellId, int from) {
        List<AuditEntry> all = store.audit().forCell(cellId);
        return all.subList(from, all.size()).stream().map(AuditEntry::action).toList();
    }

    @Test
    void everyEditUndoAndRedoChangesBoxesCountsAndTheAuditTrail() throws Exception {
        try (CaseStore store = StoreFixtures.open(dir, "alice")) {
            Cell cell = StoreFixtures.newCell(store, dir, "CY-1", 1);
            CellEditor ed = CellEditor.open(store, cell.id());
            AtomicInteger events = new AtomicInteger();
            ed.addListener(events::incrementAndGet);
            int mark = store.audit().forCell(cell.id()).size();
            Instant start = Instant.now();

            Box a = ed.add(RotatedBox.of(10, 10, 30, 8, 0));
            Box b = ed.add(RotatedBox.of(40, 20, 25, 7, 90));
            assertEquals(2, ed.cell().count());
            ed.change(Map.of(a.id(), RotatedBox.of(12, 11, 30, 8, 0)), EditKind.MOVE);
            ed.change(
                    Map.of(a.id(), RotatedBox.of(12, 11, 30, 8, 45), b.id(), RotatedBox.of(40, 20, 25, 7, 100)),
                    EditKind.ROTATE);
            assertEquals(45, ed.boxes().get(0).geometry().angle(), 1e-9);
            ed.delete(Set.of(b.id()));
            assertEquals(List.of(a.id()), ed.boxes().stream().map(Box::id).toList());
            assertEquals(1, ed.cell().count());
            assertEquals(
                    List.of(
                            "box.add",
                            "count.change",
                            "box.add",
                            "count.change",
                            "box.move",
                            "box.rotate",
                            "box.rotate",
                            "box.delete",
                            "count.change"),
                    actionsSince(store, cell.id(), mark));

            int mark2 = store.audit().forCell(cell.id()).size();
            assertEquals("box.delete", ed.undoAction());
            ed.undo(); // b is back with the same id and its rotated geometry
            assertEquals(2, ed.cell().count());
            assertEquals(
                    RotatedBox.of(40, 20, 25, 7, 100),
                    store.boxes().find(b.id()).orElseThrow().geometry());
            ed.undo(); // rotation of both reverted in one step
            assertEquals(
                    0.0, store.boxes().find(a.id()).orElseThrow().geometry().angle(), 1e-9);
            assertEquals(
                    90.0, store.boxes().find(b.id()).orElseThrow().geometry().angle(), 1e-9);
            assertTrue(ed.canRedo());
            ed.redo();
            assertEquals(
                    45.0, store.boxes().find(a.id()).orElseThrow().geometry().angle(), 1e-9);
            assertEquals(
                    List.of(
                            "undo:box.delete",
                            "count.change",
                            "undo:box.rotate",
                            "undo:box.rotate",
                            "redo:box.rotate",
                            "redo:box.rotate"),
                    actionsSince(store, cell.id(), mark2));

            // a new edit clears redo
            ed.undo();
            ed.add(RotatedBox.of(5, 5, 10, 4, 0));
            assertFalse(ed.canRedo());
            assertEquals(3, ed.cell().count());
            assertEquals(10, events.get()); // 5 edits, 3 undo/redo, 1 undo, 1 add

            for (AuditEntry e : store.audit()
                    .forCell(cell.id())
                    .subList(mark, store.audit().forCell(cell.id()).size())) {
                assertEquals("alice", e.user());
                assertFalse(e.at().isBefore(start.minusSeconds(1)));
                assertTrue(e.before() != null || e.after() != null, "before or after recorded: " + e);
            }
            AuditEntry undoCount = store.audit().forCell(cell.id()).get(mark2 + 1);
            assertEquals(1, AuditJson.read(undoCount.before()).get("count"));
            assertEquals(2, AuditJson.read(undoCount.after()).get("count"));
            assertEquals("undo:box.delete", undoCount.reason());
            AuditEntry move = store.audit().forCell(cell.id()).get(mark + 4);
            assertEquals(10.0, AuditJson.read(move.before()).get("cx"));
            assertEquals(12.0, AuditJson.read(move.after()).get("cx"));
            assertEquals(a.id(), move.entityId());
        }
    }

    @Test
    void undoThenRedoOfAnAddKeepsTheBoxId() throws Exception {
        try (CaseStore store = StoreFixtures.open(dir, "alice")) {
            Cell cell = StoreFixtures.newCell(store, dir, "CY-1", 1);
            CellEditor ed = CellEditor.open(store, cell.id());
            Box a = ed.add(RotatedBox.of(10, 10, 30, 8, 0));
            ed.undo();
            assertTrue(ed.boxes().isEmpty());
            assertFalse(ed.canUndo());
            ed.redo();
            assertEquals(List.of(a.id()), ed.boxes().stream().map(Box::id).toList());
            assertEquals(
                    List.of(a.geometry()),
                    ed.boxes().stream().map(Box::geometry).toList());
            assertEquals(3, ed.boxes().get(0).version(), "added, deleted, restored");
            assertNull(ed.redoAction());
            assertNotNull(ed.undoAction());
            ed.clearHistory();
            assertFalse(ed.canUndo());
            assertEquals(List.of(a.id()), ed.boxes().stream().map(Box::id).toList());
        }
    }

    @Test
    void aSignedOffCaseRefusesEditsAndUndoUntilReopened() throws Exception {
        try (CaseStore store = StoreFixtures.open(dir, "alice")) {
            Cell cell = StoreFixtures.newCell(store, dir, "CY-1", 1);
            CellEditor ed = CellEditor.open(store, cell.id());
            Box a = ed.add(RotatedBox.of(10, 10, 30, 8, 0));
            StoreFixtures.signOffUnchecked(store, cell.caseId());
            int audit = store.audit().all().size();
            assertThrows(CaseLockedException.class, () -> ed.add(RotatedBox.of(1, 1, 5, 2, 0)));
            assertThrows(
                    CaseLockedException.class,
                    () -> ed.change(Map.of(a.id(), RotatedBox.of(0, 0, 30, 8, 0)), EditKind.NUDGE));
            assertThrows(CaseLockedException.class, () -> ed.delete(Set.of(a.id())));
            assertThrows(CaseLockedException.class, ed::undo);
            assertTrue(ed.canUndo(), "a refused undo keeps the stack");
            assertEquals(List.of(a), ed.boxes());
            assertEquals(audit, store.audit().all().size());

            store.cases().reopen(cell.caseId(), "count correction");
            ed.undo();
            assertTrue(ed.boxes().isEmpty());
        }
    }
}
