package org.karyo.app.store;

import java.time.Duration;
import java.util.List;

/**
 * What other workstations changed: the audit entries written by other users since the last poll.
 * Every change to a case is audited in its own transaction, so the audit trail is the change
 * log. The workstation polls it every {@link #DELAY} (both engines; no server push needed).
 */
public final class ChangeFeed {

    /** How often the workstation looks for other users' changes: they appear within this delay. */
    public static final Duration DELAY = Duration.ofSeconds(2);

    private final CaseStore store;
    private long last;

    private ChangeFeed(CaseStore store, long last) {
        this.store = store;
        this.last = last;
    }

    /** A feed starting now: changes made before are already on screen. */
    public static ChangeFeed from(CaseStore store) {
        return new ChangeFeed(
                store, store.read(() -> Sql.count(store.connection(), "SELECT coalesce(max(id), 0) FROM audit")));
    }

    /** The entries written since the last poll by anyone but the current user, oldest first. */
    public synchronized List<AuditEntry> poll() {
        List<AuditEntry> all = store.audit().after(last);
        if (!all.isEmpty()) {
            last = all.get(all.size() - 1).id();
        }
        String me = store.users().currentLogin();
        return all.stream().filter(e -> !me.equals(e.user())).toList();
    }
}
