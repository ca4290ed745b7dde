package org.karyo.app.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signatures with names and roles, overrides by lab leads only, second reviewers, reopening; removing and archiving. */
class TestSignatures {

    @TempDir
    Path dir;

    @Test
    void onlyALabLeadOverridesAFailedCheckAndOnlyWithAReason() throws Exception {
        try (CaseStore store = StoreFixtures.open(dir, "lead")) {
            store.users().setFullName("lead", "Dr Ana Lee");
            store.users().create("cyto", "Dr Ben Cole", EnumSet.of(Role.CYTOGENETICIST));
            CaseRecord c = ready(store, "A-1");
            store.users().switchTo("cyto");
            assertThrows(PermissionException.class, () -> store.signatures()
                    .sign(c.id(), Map.of("STUDY_SIZE", "urgent prenatal result")));
            store.users().switchTo("lead");
            assertThrows(StoreException.class, () -> store.signatures().sign(c.id(), Map.of("STUDY_SIZE", " ")));
            assertEquals(
                    CaseStatus.OPEN, store.cases().find(c.id()).orElseThrow().status());

            assertTrue(store.signatures().sign(c.id(), Map.of("STUDY_SIZE", "urgent prenatal result; 12 cells only")));
            assertEquals(
                    CaseStatus.SIGNED_OFF,
                    store.cases().find(c.id()).orElseThrow().status());
            Signatures.Signature s = store.signatures().current(c.id()).get(0);
            assertEquals("Dr Ana Lee", s.fullName());
            assertEquals("Lab lead", s.role());
            assertEquals(Map.of("STUDY_SIZE", "urgent prenatal result; 12 cells only"), s.overrides());
            List<AuditEntry> audit = store.audit().forCase(c.id());
            assertTrue(audit.stream()
                    .anyMatch(e -> e.action().equals("case.signoff.override")
                            && e.reason().equals("urgent prenatal result; 12 cells only")
                            && e.after().contains("STUDY_SIZE")));
        }
    }

    /** The result changed by someone else while the sign-off dialog showed the old one: nothing signed. */
    @Test
    void aResultChangedWhileTheSignOffDialogWasOpenIsNotSigned() throws Exception {
        try (CaseStore store = StoreFixtures.open(dir, "lead")) {
            store.users().create("cyto", "Dr Ben Cole", EnumSet.of(Role.CYTOGENETICIST));
            CaseRecord c = ready(store, "A-3"); // one reviewed cell: the store's own checks pass
            CaseRecord shown = StoreFixtures.setResult(store, c.id(), "46,XX", "normal female karyotype");
            store.users().switchTo("cyto");
            StoreFixtures.setResult(store, c.id(), "47,XX,+21", "trisomy 21");
            store.users().switchTo("lead");
            ConflictException e = assertThrows(
                    ConflictException.class, () -> store.signatures().sign(c.id(), shown, Map.of()));
            assertEquals("cyto", e.changedBy());
            assertTrue(e.getMessage().startsWith("The result of case A-3 was changed by cyto at "), e.getMessage());
            assertEquals(
                    CaseStatus.OPEN, store.cases().find(c.id()).orElseThrow().status());
            assertTrue(store.signatures().current(c.id()).isEmpty(), "nothing signed");

            CaseRecord now = store.cases().find(c.id()).orElseThrow();
            assertTrue(store.signatures().sign(c.id(), now, Map.of()), "the result as shown now is signed");
        }
    }

    @Test
    void aSecondSignatureMustBeAnotherPersonsAndReopeningSupersedesBoth() throws Exception {
        try (CaseStore store = StoreFixtures.open(dir, "lead")) {
            store.users().create("cyto", "Dr Ben Cole", EnumSet.of(Role.CYTOGENETICIST));
            CaseRecord c = ready(store, "A-2");
            store.signatures().setRequired(c.id(), 2);
            assertFalse(store.signatures().sign(c.id(), Map.of()), "first of two");
            assertEquals(
                    CaseStatus.OPEN, store.cases().find(c.id()).orElseThrow().status());
            assertThrows(StoreException.class, () -> store.signatures().sign(c.id(), Map.of()));
            store.users().switchTo("cyto");
            assertTrue(store.signatures().sign(c.id(), Map.of()));
            assertEquals(
                    CaseStatus.SIGNED_OFF,
                    store.cases().find(c.id()).orElseThrow().status());
            assertEquals(
                    List.of("lead", "Dr Ben Cole"),
                    store.signatures().current(c.id()).stream()
                            .map(Signatures.Signature::fullName)
                            .toList());
            assertEquals(
                    "Cytogeneticist", store.signatures().current(c.id()).get(1).role());

            store.cases().reopen(c.id(), "amended result");
            assertTrue(store.signatures().current(c.id()).isEmpty());
            assertEquals(2, store.signatures().all(c.id()).size());
            assertTrue(store.signatures().all(c.id()).stream().allMatch(Signatures.Signature::superseded));
        }
    }

    @Test
    void aRemovedCellLeavesTheCaseWithItsReasonAndAnArchivedCaseTheList() throws Exception {
        try (CaseStore store = StoreFixtures.open(dir, "lead")) {
            Cell cell = StoreFixtures.newCell(store, dir, "A-3", 1);
            assertThrows(StoreException.class, () -> store.cells().remove(cell.id(), ""));
            store.cells().remove(cell.id(), "image of another patient");
            assertTrue(store.cells().list(cell.caseId()).isEmpty());
            assertTrue(store.audit().forCell(cell.id()).stream()
                    .anyMatch(
                            e -> e.action().equals("cell.remove") && e.reason().equals("image of another patient")));
            store.cases().archive(cell.caseId(), "test case");
            assertEquals(java.util.Set.of(cell.caseId()), store.cases().archivedIds());
            assertEquals(
                    cell.caseId(),
                    store.cases().findByAccession("A-3").orElseThrow().id());
        }
    }

    /** A case with one reviewed cell and a result typed: what the store itself checks before signing. */
    private CaseRecord ready(CaseStore store, String accession) throws java.io.IOException {
        Cell cell = StoreFixtures.newCell(store, dir, accession, 7);
        store.cells().markReviewed(cell.id());
        return StoreFixtures.setResult(store, cell.caseId(), "46,XX", "");
    }

    @Test
    void theStoreItselfRefusesUnreviewedCellsOrNoResultWithoutAnOverrideReason() throws Exception {
        try (CaseStore store = StoreFixtures.open(dir, "lead")) {
            store.users().setFullName("lead", "Dr Ana Lee");
            Cell cell = StoreFixtures.newCell(store, dir, "A-4", 3);
            long caseId = cell.caseId();
            store.cells().markReviewed(cell.id());
            Cell second = store.cells()
                    .importImage(caseId, StoreFixtures.writeImage(dir.resolve("in/A-4-b.png"), 64, 48, 8, 4));
            store.boxes().add(second.id(), org.karyo.core.geometry.RotatedBox.of(20, 20, 12, 4, 0), "box.add");
            // a caller that skips the dialog's checks: one counted cell unreviewed, no result
            StoreException e =
                    assertThrows(StoreException.class, () -> store.signatures().sign(caseId, Map.of()));
            assertTrue(e.getMessage().contains("1 counted cells not reviewed"), e.getMessage());
            assertEquals(
                    CaseStatus.OPEN, store.cases().find(caseId).orElseThrow().status());

            store.cells().markReviewed(second.id());
            e = assertThrows(StoreException.class, () -> store.signatures().sign(caseId, Map.of()));
            assertTrue(e.getMessage().contains("no result typed"), e.getMessage());
            assertThrows(StoreException.class, () -> store.signatures().sign(caseId, Map.of("ISCN_SYNTAX", " ")));

            assertTrue(store.signatures().sign(caseId, Map.of("ISCN_SYNTAX", "result sent by letter; see file")));
            assertEquals(
                    CaseStatus.SIGNED_OFF,
                    store.cases().find(caseId).orElseThrow().status());
        }
    }
}
