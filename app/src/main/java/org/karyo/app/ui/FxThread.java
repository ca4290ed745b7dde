package org.karyo.app.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;

/** Runs code on the JavaFX thread from another thread and waits for it (benchmarks, tools, tests). */
public final class FxThread {

    /** Code that may throw. */
    public interface Action {
        void run() throws Exception;
    }

    private FxThread() {}

    public static <T> T call(Callable<T> c) throws Exception {
        if (Platform.isFxApplicationThread()) {
            return c.call();
        }
        AtomicReference<T> out = new AtomicReference<>();
        AtomicReference<Exception> err = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                out.set(c.call());
            } catch (Exception e) {
                err.set(e);
            } finally {
                done.countDown();
            }
        });
        done.await();
        if (err.get() != null) {
            throw err.get();
        }
        return out.get();
    }

    public static void run(Action a) throws Exception {
        call(() -> {
            a.run();
            return null;
        });
    }
}
