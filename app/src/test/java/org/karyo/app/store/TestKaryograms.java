package org.karyo.app.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestKaryograms {

    @TempDir
    Path dir;

    private static StoredKaryogram.Entry entry(long box, int cls) {
        float[] p = new float[25];
        p[cls] = 0.9f;
        p[24] = 0.1f;
        return new StoredKaryogram.Entry(box, cls, p, 0.8f, false, false, false, false);
    }

    @Test
    void proposeChangeAcceptAreStoredAndAudited() {
        try (CaseStore store = StoreFixtures.open(dir, "dr.lee")) {
            Cell cell = StoreFixtures.newCell(store, dir, "K-1", 1);
            Karyograms ks = Karyograms.of(store);
            List<StoredKaryogram.Entry> es = new ArrayList<>(List.of(entry(11, 20), entry(12, 20), entry(13, 21)));
            StoredKaryogram k = ks.propose(cell.id(), es, "clf 1.0", "3,-");
            assertFalse(k.karyotyped());
            assertEquals(3, k.entries().size());
            assertEquals(0.9f, k.entries().get(0).probs()[20], 1e-4);

            es.set(2, es.get(2).withClass(20));
            k = ks.change(cell.id(), es, 2, "3,+21", "karyogram.move");
            assertEquals(20, k.entries().get(2).cls());
            assertTrue(k.entries().get(2).byReviewer());
            AuditEntry move = store.audit().forCell(cell.id()).stream()
                    .filter(a -> a.action().equals("karyogram.move"))
                    .findFirst()
                    .orElseThrow();
            assertTrue(
                    move.before().contains("\"22\"") && move.after().contains("\"21\""),
                    move.before() + " " + move.after());
            assertEquals("dr.lee", move.user());

            k = ks.accept(cell.id());
            assertTrue(k.karyotyped());
            assertEquals("dr.lee", k.karyotypedBy());
            assertEquals(1, ks.karyotyped(cell.caseId()).size());

            // a signed-off case refuses karyogram changes
            store.cases().signOff(cell.caseId());
            assertThrows(CaseLockedException.class, () -> ks.change(cell.id(), es, 0, "x", "karyogram.move"));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
