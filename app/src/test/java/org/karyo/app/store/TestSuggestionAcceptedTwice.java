package org.karyo.app.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.app.review.CellEditor;
import org.karyo.core.geometry.RotatedBox;
import org.karyo.inference.detect.Detection;

/**
 * Two workstations with the same suggestion on screen: the first to accept it gets the box; the
 * second is refused with who accepted it, before or after adding its own box, so the chromosome
 * is never boxed twice (a silent over-count).
 */
class TestSuggestionAcceptedTwice {

    @TempDir
    Path dir;

    @Test
    void theSecondWorkstationIsRefusedNamingTheFirst() throws Exception {
        try (CaseStore alice = StoreFixtures.open(dir, "alice");
                CaseStore bob = StoreFixtures.open(dir, "bob")) {
            Cell cell = StoreFixtures.newCell(alice, dir, "CY-S1", 5);
            DetectionRun run = alice.boxes()
                    .replaceWithDetections(
                            cell.id(),
                            new DetectionRun(0, cell.id(), "test", "1", "0", Instant.now(), 1),
                            List.of(Detection.of(40, 40, 30, 7, 0, 0.95)));
            alice.suggestions().replace(cell.id(), run.id(), 0.858, List.of(Detection.of(120, 90, 28, 7, 45, 0.80)));
            long id = bob.suggestions().open(cell.id()).get(0).id(); // on both screens now

            CellEditor aliceEditor = CellEditor.open(alice, cell.id());
            alice.suggestions().requireOpen(id);
            Box accepted =
                    aliceEditor.add(alice.suggestions().open(cell.id()).get(0).geometry());
            alice.suggestions().markAccepted(id, accepted.id());

            ConflictException before = assertThrows(
                    ConflictException.class, () -> bob.suggestions().requireOpen(id));
            assertEquals("alice", before.changedBy(), before.getMessage());

            // bob's screen added its box before alice's mark landed: his mark is refused too
            CellEditor bobEditor = CellEditor.open(bob, cell.id());
            Box late = bobEditor.add(RotatedBox.of(120, 90, 28, 7, 45));
            ConflictException after = assertThrows(
                    ConflictException.class, () -> bob.suggestions().markAccepted(id, late.id()));
            assertTrue(after.getMessage().contains("alice"), after.getMessage());
            assertEquals(accepted.id(), acceptedBox(alice, id), "alice's acceptance stands");

            // alice undoes her box: the suggestion is open again and bob may accept it
            aliceEditor.undo();
            bob.suggestions().requireOpen(id);
            bob.suggestions().markAccepted(id, late.id());
            assertEquals(late.id(), acceptedBox(bob, id));
        }
    }

    private static long acceptedBox(CaseStore store, long suggestion) {
        return store.read(() ->
                Sql.count(store.connection(), "SELECT accepted_box_id FROM suggested_boxes WHERE id = ?", suggestion));
    }
}
