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
            k = ks.change(cell.id(), k.version(), es, 2, "3,+21", "karyogram.move");
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

            k = ks.accept(cell.id(), k.version());
            assertTrue(k.karyotyped());
            assertEquals("dr.lee", k.karyotypedBy());
            assertEquals(1, ks.karyotyped(cell.caseId()).size());

            // a signed-off case refuses karyogram changes
            store.cases().signOff(cell.caseId());
            long v = k.version();
            assertThrows(CaseLockedException.class, () -> ks.change(cell.id(), v, es, 0, "x", "karyogram.move"));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Two reviewers on one karyogram (two workstations on one store: one SQLite file, or the
     * server): a change or acceptance made from a screen that shows an older version is refused
     * with who changed it when, and saves nothing; a new classifier proposal moves the version on.
     */
    @Test
    void aStaleKaryogramChangeIsRefusedNamingTheOtherReviewer() throws Exception {
        try (CaseStore lee = StoreFixtures.open(dir, "dr.lee")) {
            Cell cell = StoreFixtures.newCell(lee, dir, "K-2", 2);
            List<StoredKaryogram.Entry> es = new ArrayList<>(List.of(entry(11, 20), entry(12, 20), entry(13, 21)));
            StoredKaryogram leeSees = Karyograms.of(lee).propose(cell.id(), es, "clf 1.0", "3,-");
            try (CaseStore ben = StoreFixtures.open(dir, "ben")) {
                Karyograms bens = Karyograms.of(ben);
                StoredKaryogram benSees = bens.find(cell.id()).orElseThrow();
                assertEquals(leeSees.version(), benSees.version());
                List<StoredKaryogram.Entry> bensEdit = new ArrayList<>(es);
                bensEdit.set(0, bensEdit.get(0).withFlipped(true));
                StoredKaryogram afterBen =
                        bens.change(cell.id(), benSees.version(), bensEdit, 0, "3,-", "karyogram.turn");
                assertTrue(afterBen.version() > benSees.version());

                List<StoredKaryogram.Entry> leesEdit = new ArrayList<>(es);
                leesEdit.set(2, leesEdit.get(2).withClass(20));
                int auditBefore = lee.audit().forCell(cell.id()).size();
                ConflictException c = assertThrows(ConflictException.class, () -> Karyograms.of(lee)
                        .change(cell.id(), leeSees.version(), leesEdit, 2, "3,+21", "karyogram.move"));
                assertEquals("ben", c.changedBy());
                assertTrue(c.getMessage().startsWith("The karyogram of cell "), c.getMessage());
                assertTrue(c.getMessage().contains(" was changed by ben at 20"), c.getMessage());
                StoredKaryogram now = Karyograms.of(lee).find(cell.id()).orElseThrow();
                assertTrue(now.entries().get(0).flipped(), "ben's change kept");
                assertEquals(21, now.entries().get(2).cls(), "lee's stale change not saved");
                assertEquals(
                        auditBefore, lee.audit().forCell(cell.id()).size(), "nothing audited for a refused change");
                assertThrows(ConflictException.class, () -> Karyograms.of(lee).accept(cell.id(), leeSees.version()));
                assertFalse(Karyograms.of(lee).find(cell.id()).orElseThrow().karyotyped());

                // lee reloads and changes over ben's version: saved
                StoredKaryogram reloaded = Karyograms.of(lee).find(cell.id()).orElseThrow();
                List<StoredKaryogram.Entry> again = new ArrayList<>(reloaded.entries());
                again.set(2, again.get(2).withClass(20));
                StoredKaryogram saved =
                        Karyograms.of(lee).change(cell.id(), reloaded.version(), again, 2, "3,+21", "karyogram.move");
                assertEquals("dr.lee", saved.modifiedBy());

                // a new proposal replaces the karyogram: a screen showing the old one is refused
                Karyograms.of(lee).propose(cell.id(), es, "clf 1.1", "3,-");
                assertThrows(ConflictException.class, () -> bens.accept(cell.id(), saved.version()));
            }
        }
    }
}
