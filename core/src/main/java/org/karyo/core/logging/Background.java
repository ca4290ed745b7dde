package org.karyo.core.logging;

import java.util.concurrent.CompletionStage;

/**
 * Work whose result nobody waits for (an image decoded for the screen, a callback on the UI
 * thread): a failure of it, or of the callback that consumes it, is logged with its stack trace
 * instead of vanishing with an ignored future.
 */
public final class Background {

    private Background() {}

    /** Logs {@code stage}'s failure, if it fails, as {@code what} under {@code owner}'s logger. */
    public static void logFailure(CompletionStage<?> stage, Class<?> owner, String what) {
        stage.whenComplete((result, failure) -> {
            if (failure != null) {
                System.getLogger(owner.getName()).log(System.Logger.Level.WARNING, what, failure);
            }
        });
    }
}
