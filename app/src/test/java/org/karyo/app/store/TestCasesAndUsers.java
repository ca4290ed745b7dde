package org.karyo.app.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCasesAndUsers {

    @TempDir
    Path dir;

    @Test
    void theFirstUserLeadsTheLabAndLaterOnesAnnotate() {
        try (CaseStore store = StoreFixtures.open(dir, "alice")) {
            assertEquals(
                    Set.of(Role.LAB_LEAD, Role.CYTOGENETICIST),
                    store.users().current().roles());
            User anna = store.users().create("anna", "Anna A.", EnumSet.of(Role.ANNOTATOR));
            assertEquals("Anna A.", anna.displayName());
            assertEquals(
                    List.of("alice", "anna"),
                    store.users().list().stream().map(User::login).toList());
        }
        try (CaseStore store = StoreFixtures.open(dir, "carol")) {
            assertEquals(Set.of(Role.ANNOTATOR), store.users().current().roles());
            assertThrows(PermissionException.class, () -> store.users().setRoles("carol", EnumSet.of(Role.LAB_LEAD)));
            assertThrows(PermissionException.class, () -> store.users().create("x", "X", Set.of()));
        }
    }

    @Test
    void onlyALabLeadChangesRolesAndTheLastLabLeadStays() {
        try (CaseStore store = StoreFixtures.open(dir, "alice")) {
            store.users().create("carol", "Carol", EnumSet.of(Role.ANNOTATOR));
            StoreException e = assertThrows(
                    StoreException.class, () -> store.users().setRoles("alice", EnumSet.of(Role.CYTOGENETICIST)));
            assertTrue(e.getMessage().contains("only lab lead"), e.getMessage());
            store.users().setRoles("carol", EnumSet.of(Role.CYTOGENETICIST));
            AuditEntry a = store.audit().all().get(store.audit().all().size() - 1);
            assertEquals("user.roles", a.action());
            assertEquals("alice", a.user());
            assertEquals("ANNOTATOR", AuditJson.read(a.before()).get("roles"));
            assertEquals("CYTOGENETICIST", AuditJson.read(a.after()).get("roles"));
            assertEquals(
                    Set.of(Role.CYTOGENETICIST),
                    store.users().find("carol").orElseThrow().roles());
        }
    }

    @Test
    void aRoleChangeFromAStaleScreenIsRefusedNamingTheOtherLabLead() {
        try (CaseStore store = StoreFixtures.open(dir, "alice")) {
            store.users().create("bob", "Bob", EnumSet.of(Role.LAB_LEAD));
            store.users().create("carol", "Carol", EnumSet.of(Role.ANNOTATOR));
            User shown = store.users().find("carol").orElseThrow(); // alice's dialog shows carol
            store.users().switchTo("bob");
            store.users().setRoles("carol", shown.roles(), EnumSet.of(Role.ANNOTATOR, Role.CYTOGENETICIST));
            store.users().switchTo("alice");
            ConflictException e = assertThrows(ConflictException.class, () -> store.users()
                    .setRoles("carol", shown.roles(), EnumSet.of(Role.ANNOTATOR, Role.LAB_LEAD)));
            assertEquals("bob", e.changedBy());
            assertTrue(e.getMessage().startsWith("The profile of carol was changed by bob"), e.getMessage());
            assertEquals(
                    EnumSet.of(Role.ANNOTATOR, Role.CYTOGENETICIST),
                    store.users().find("carol").orElseThrow().roles(),
                    "bob's change stands");
        }
    }

    @Test
    void aProfileWithMoreRightsThanTheComputerAccountIsRefused() {
        try (CaseStore store = StoreFixtures.open(dir, "alice")) {
            store.users().create("anna", "Anna", EnumSet.of(Role.ANNOTATOR));
            store.users().create("ben", "Ben", EnumSet.of(Role.ANNOTATOR));
            store.users().create("drlee", "Dr Lee", EnumSet.of(Role.CYTOGENETICIST));
        }
        // anna logged in to the computer: she may work as another annotator, not as a cytogeneticist
        try (CaseStore store = StoreFixtures.open(dir, "anna")) {
            PermissionException e =
                    assertThrows(PermissionException.class, () -> store.users().switchTo("drlee"));
            assertTrue(e.getMessage().contains("anna lacks"), e.getMessage());
            assertEquals("anna", store.users().current().login());
            assertEquals("ben", store.users().switchTo("ben").login());
        }
        // a lab lead's account may take any profile (e.g. to set up a shared workstation)
        try (CaseStore store = StoreFixtures.open(dir, "alice")) {
            assertEquals("drlee", store.users().switchTo("drlee").login());
        }
    }

    @Test
    void signOffLocksTheCaseAndReopenNeedsRoleAndReason() {
        try (CaseStore store = StoreFixtures.open(dir, "alice")) {
            CaseRecord c = StoreFixtures.newCase(store, "CY-7");
            store.users().create("anna", "Anna", EnumSet.of(Role.ANNOTATOR));
            StoreFixtures.setResult(store, c.id(), "46,XX", "normal female karyotype");
            store.users().switchTo("anna");
            assertThrows(PermissionException.class, () -> store.cases().signOff(c.id()));
            store.users().switchTo("alice");
            CaseRecord signed = store.cases().signOff(c.id());
            assertEquals(CaseStatus.SIGNED_OFF, signed.status());
            assertEquals(
                    List.of("alice"),
                    store.cases().signOffs(c.id()).stream().map(SignOff::user).toList());

            CaseLockedException locked = assertThrows(
                    CaseLockedException.class, () -> StoreFixtures.setResult(store, c.id(), "47,XX,+21", "trisomy 21"));
            assertEquals("Case CY-7 is signed off; reopen it to change it", locked.getMessage());
            assertThrows(CaseLockedException.class, () -> store.cases().update(signed));
            assertThrows(CaseLockedException.class, () -> store.cases().signOff(c.id()));
            assertEquals("46,XX", store.cases().find(c.id()).orElseThrow().karyotype());

            store.users().switchTo("anna");
            assertThrows(PermissionException.class, () -> store.cases().reopen(c.id(), "typo in karyotype"));
            store.users().switchTo("alice");
            assertThrows(StoreException.class, () -> store.cases().reopen(c.id(), " "));
            assertEquals(
                    CaseStatus.SIGNED_OFF,
                    store.cases().find(c.id()).orElseThrow().status());
            assertEquals(
                    CaseStatus.OPEN,
                    store.cases().reopen(c.id(), "typo in karyotype").status());
            AuditEntry reopen = store.audit()
                    .forCase(c.id())
                    .get(store.audit().forCase(c.id()).size() - 1);
            assertEquals("case.reopen", reopen.action());
            assertEquals("typo in karyotype", reopen.reason());
            assertEquals("alice", reopen.user());
            StoreFixtures.setResult(store, c.id(), "46,XX", "normal female karyotype, 20 cells");
        }
    }

    @Test
    void headerUpdatesAreAuditedWithBeforeAndAfter() {
        try (CaseStore store = StoreFixtures.open(dir, "alice")) {
            CaseRecord c = StoreFixtures.newCase(store, "CY-8");
            CaseRecord edited = new CaseRecord(
                    c.id(),
                    c.patientId(),
                    c.accession(),
                    "bone marrow",
                    c.referralReason(),
                    c.culture(),
                    "400",
                    c.collected(),
                    LocalDate.of(2024, 5, 3),
                    c.status(),
                    null,
                    null,
                    c.created(),
                    c.version());
            CaseRecord saved = store.cases().update(edited);
            assertEquals("bone marrow", saved.specimen());
            assertEquals(LocalDate.of(2024, 5, 3), saved.received());
            List<AuditEntry> trail = store.audit().forCase(c.id());
            AuditEntry a = trail.get(trail.size() - 1);
            assertEquals("case.update", a.action());
            assertEquals("peripheral blood", AuditJson.read(a.before()).get("specimen"));
            assertEquals("bone marrow", AuditJson.read(a.after()).get("specimen"));
            assertEquals(1, store.cases().listForPatient(c.patientId()).size());
            assertThrows(StoreException.class, () -> StoreFixtures.newCase(store, "CY-8"), "accession is unique");
        }
    }
}
