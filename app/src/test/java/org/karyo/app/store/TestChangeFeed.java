package org.karyo.app.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Another workstation's changes reach this one through the audit trail; its own do not come back. */
class TestChangeFeed {

    @TempDir
    Path dir;

    @Test
    void otherUsersChangesArriveOnceAndOwnChangesAreLeftOut() {
        try (CaseStore alice = StoreFixtures.open(dir, "alice")) {
            CaseRecord c = StoreFixtures.newCase(alice, "FEED-1");
            ChangeFeed feed = ChangeFeed.from(alice);
            assertTrue(feed.poll().isEmpty(), "what was there before is on screen already");
            try (CaseStore bob = StoreFixtures.open(dir, "bob")) {
                StoreFixtures.setResult(bob, c.id(), "47,XY,+21", "trisomy 21");
            }
            StoreFixtures.setResult(alice, c.id(), "47,XY,+21", "trisomy 21, confirmed");
            List<AuditEntry> seen = feed.poll();
            assertEquals(
                    List.of("bob"),
                    seen.stream().map(AuditEntry::user).distinct().toList());
            assertTrue(seen.stream().anyMatch(e -> "case.karyotype".equals(e.action()) && e.caseId() == c.id()));
            assertTrue(feed.poll().isEmpty(), "each change arrives once");
        }
    }
}
