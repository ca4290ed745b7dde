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
import org.karyo.annotation.ChromosomeLabel;
import org.karyo.annotation.Vertex;

class TestPolygons {

    @TempDir
    Path dir;

    private static List<Vertex> square(double x, double y, double s) {
        return List.of(Vertex.of(x, y), Vertex.of(x + s, y), Vertex.of(x + s, y + s), Vertex.of(x, y + s));
    }

    @Test
    void addUpdateDeleteRestoreAreStoredAndAudited() throws Exception {
        try (CaseStore store = StoreFixtures.open(dir, "alice")) {
            Cell cell = StoreFixtures.newCell(store, dir, "CY-1", 1);
            StoredPolygon p =
                    store.polygons().add(cell.id(), ChromosomeLabel.CHROMOSOME, square(1, 2, 10), false, "polygon.add");
            assertEquals(square(1, 2, 10), p.points());
            assertEquals("alice", p.annotator());
            assertFalse(p.seeded());
            StoredPolygon q =
                    store.polygons().update(p.id(), p.version(), ChromosomeLabel.X, square(3, 4, 5), "polygon.edit");
            assertEquals(ChromosomeLabel.X, q.label());
            assertEquals(
                    square(3, 4, 5), store.polygons().list(cell.id()).get(0).points());
            store.polygons()
                    .delete(Set.of(p.id()), StoreFixtures.polygonVersions(store, Set.of(p.id())), "polygon.delete");
            assertTrue(store.polygons().list(cell.id()).isEmpty());
            assertTrue(store.polygons().isDeleted(p.id()));
            store.polygons()
                    .restore(
                            Set.of(p.id()),
                            StoreFixtures.polygonVersions(store, Set.of(p.id())),
                            "undo:polygon.delete");
            assertEquals(
                    List.of(p.id()),
                    store.polygons().list(cell.id()).stream()
                            .map(StoredPolygon::id)
                            .toList());

            List<AuditEntry> audit = store.audit().forCell(cell.id()).stream()
                    .filter(a -> "polygon".equals(a.entity()))
                    .toList();
            assertEquals(
                    List.of("polygon.add", "polygon.edit", "polygon.delete", "undo:polygon.delete"),
                    audit.stream().map(AuditEntry::action).toList());
            Map<String, Object> before = AuditJson.read(audit.get(1).before());
            Map<String, Object> after = AuditJson.read(audit.get(1).after());
            assertEquals("chromosome", before.get("label"));
            assertEquals("23", after.get("label"));
            assertEquals(List.of(3.0, 4.0, 8.0, 4.0, 8.0, 9.0, 3.0, 9.0), after.get("points"));
        }
    }

    @Test
    void summariesCountLiveOutlinesAndAnnotatorsPerCell() throws Exception {
        try (CaseStore store = StoreFixtures.open(dir, "alice")) {
            Cell a = StoreFixtures.newCell(store, dir, "CY-1", 1);
            Cell b = StoreFixtures.newCell(store, dir, "CY-2", 2);
            store.polygons()
                    .addAll(
                            a.id(),
                            List.of(square(0, 0, 4), square(10, 10, 4)),
                            ChromosomeLabel.CHROMOSOME,
                            true,
                            "polygon.seed");
            StoredPolygon gone =
                    store.polygons().add(b.id(), ChromosomeLabel.C7, square(0, 0, 4), false, "polygon.add");
            store.users().create("bob", "Bob", Set.of(Role.ANNOTATOR));
            store.users().switchTo("bob");
            store.polygons().add(a.id(), ChromosomeLabel.C1, square(20, 20, 4), false, "polygon.add");
            store.polygons()
                    .delete(
                            Set.of(gone.id()),
                            StoreFixtures.polygonVersions(store, Set.of(gone.id())),
                            "polygon.delete");
            List<AnnotationSummary> s = store.polygons().summaries();
            assertEquals(1, s.size(), "a cell whose only outline was deleted is not annotated");
            assertEquals(a.id(), s.get(0).cellId());
            assertEquals(3, s.get(0).instances());
            assertEquals(List.of("alice", "bob"), s.get(0).annotators());
        }
    }

    @Test
    void aSignedOffCaseRefusesOutlineEdits() throws Exception {
        try (CaseStore store = StoreFixtures.open(dir, "alice")) {
            Cell cell = StoreFixtures.newCell(store, dir, "CY-1", 1);
            StoredPolygon p =
                    store.polygons().add(cell.id(), ChromosomeLabel.CHROMOSOME, square(1, 2, 10), false, "polygon.add");
            store.cases().signOff(cell.caseId());
            assertThrows(CaseLockedException.class, () -> store.polygons()
                    .update(p.id(), p.version(), ChromosomeLabel.C2, square(0, 0, 3), "polygon.edit"));
            assertThrows(CaseLockedException.class, () -> store.polygons()
                    .delete(Set.of(p.id()), StoreFixtures.polygonVersions(store, Set.of(p.id())), "polygon.delete"));
            assertEquals(
                    square(1, 2, 10), store.polygons().list(cell.id()).get(0).points());
        }
    }

    @Test
    void anEditOfADeletedOutlineIsRefused() throws Exception {
        try (CaseStore store = StoreFixtures.open(dir, "alice")) {
            Cell cell = StoreFixtures.newCell(store, dir, "CY-1", 1);
            StoredPolygon p =
                    store.polygons().add(cell.id(), ChromosomeLabel.CHROMOSOME, square(1, 2, 10), false, "polygon.add");
            store.polygons()
                    .delete(Set.of(p.id()), StoreFixtures.polygonVersions(store, Set.of(p.id())), "polygon.delete");
            long v = store.polygons().find(p.id()).orElseThrow().version();
            StoreException e = assertThrows(StoreException.class, () -> store.polygons()
                    .update(p.id(), v, ChromosomeLabel.C2, square(0, 0, 3), "polygon.edit"));
            assertTrue(e.getMessage().contains("was deleted"), e.getMessage());
        }
    }
}
