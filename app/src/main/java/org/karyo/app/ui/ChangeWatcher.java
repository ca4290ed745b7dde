package org.karyo.app.ui;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.karyo.app.store.AuditEntry;
import org.karyo.app.store.CaseStore;
import org.karyo.app.store.ChangeFeed;

/**
 * Shows what other workstations change without a restart: polls the store's {@link ChangeFeed}
 * every {@link ChangeFeed#DELAY} on a background thread and hands other users' changes to the FX
 * thread, which re-reads what is on screen. A poll that fails (server unreachable) is tried again.
 */
final class ChangeWatcher implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "karyo-change-watcher");
        t.setDaemon(true);
        return t;
    });

    private final ScheduledFuture<?> polling;

    ChangeWatcher(CaseStore store, Consumer<List<AuditEntry>> onFxThread) {
        ChangeFeed feed = ChangeFeed.from(store);
        long ms = ChangeFeed.DELAY.toMillis();
        polling = timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        List<AuditEntry> changes = feed.poll();
                        if (!changes.isEmpty()) {
                            Platform.runLater(() -> onFxThread.accept(changes));
                        }
                    } catch (RuntimeException e) {
                        // unreachable server or a busy database: the next poll tries again
                    }
                },
                ms,
                ms,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        polling.cancel(false);
        timer.shutdownNow();
    }
}
