package org.karyo.app.annotate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.annotation.ChromosomeLabel;
import org.karyo.annotation.Vertex;
import org.karyo.app.store.AuditEntry;
import org.karyo.app.store.CaseStore;
import org.karyo.app.store.Cell;
import org.karyo.app.store.StoreException;
import org.karyo.app.store.StoreFixtures;
import org.karyo.app.store.StoredPolygon;

class TestPolygonEditor {

    @TempDir
    Path dir;

    private static List<Vertex> tri(double x) {
        return List.of(Vertex.of(x, 0), Vertex.of(x + 10, 0), Vertex.of(x, 10));
    }

    @Test
    void everyEditUndoesAndRedoesThroughTheStore() throws Exception {
        try (CaseStore store = StoreFixtures.open(dir, "alice")) {
            Cell cell = StoreFixtures.newCell(store, dir, "CY-1", 1);
            PolygonEditor ed = PolygonEditor.open(store, cell.id());
            StoredPolygon a = ed.add(ChromosomeLabel.CHROMOSOME, tri(0));
            ed.change(a.id(), ChromosomeLabel.C3, tri(5), "polygon.refine");
            List<StoredPolygon> seeds = ed.seed(List.of(tri(20), tri(40)));
            assertEquals(3, ed.polygons().size());
            ed.delete(a.id());
            assertEquals(2, ed.polygons().size());

            ed.undo(); // delete
            assertEquals(3, ed.polygons().size());
            ed.undo(); // seed
            assertEquals(
                    List.of(a.id()),
                    ed.polygons().stream().map(StoredPolygon::id).toList());
            assertEquals("polygon.refine", ed.undoAction());
            ed.undo(); // refine
            assertEquals(tri(0), ed.polygons().get(0).points());
            assertEquals(ChromosomeLabel.CHROMOSOME, ed.polygons().get(0).label());
            ed.undo(); // add
            assertTrue(ed.polygons().isEmpty());
            assertFalse(ed.canUndo());

            ed.redo();
            ed.redo();
            ed.redo();
            assertEquals(3, ed.polygons().size());
            assertEquals(tri(5), store.polygons().find(a.id()).orElseThrow().points());
            assertTrue(
                    store.polygons().list(cell.id()).stream()
                            .map(StoredPolygon::id)
                            .toList()
                            .containsAll(seeds.stream().map(StoredPolygon::id).toList()),
                    "redo restores the same ids");
            List<String> actions = store.audit().forCell(cell.id()).stream()
                    .map(AuditEntry::action)
                    .toList();
            assertTrue(
                    actions.contains("undo:polygon.refine") && actions.contains("redo:polygon.seed"),
                    actions::toString);
            // a new edit drops the redo stack
            ed.undo();
            ed.add(ChromosomeLabel.C1, tri(60));
            assertFalse(ed.canRedo());
        }
    }

    @Test
    void anOutlineOfAnotherCellIsRefused() throws Exception {
        try (CaseStore store = StoreFixtures.open(dir, "alice")) {
            Cell one = StoreFixtures.newCell(store, dir, "CY-1", 1);
            Cell two = StoreFixtures.newCell(store, dir, "CY-2", 2);
            StoredPolygon p = PolygonEditor.open(store, one.id()).add(ChromosomeLabel.C1, tri(0));
            PolygonEditor other = PolygonEditor.open(store, two.id());
            assertThrows(StoreException.class, () -> other.delete(p.id()));
            assertFalse(other.canUndo());
        }
    }
}
