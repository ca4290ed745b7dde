package org.karyo.app.ui.annotate;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javafx.scene.control.Button;

/** Small helpers of the annotation tabs: buttons, error messages in words. */
final class Actions {

    private Actions() {}

    static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setFocusTraversable(false);
        b.setOnAction(e -> action.run());
        return b;
    }

    /** The innermost message worth showing (wrappers of async failures carry none of their own). */
    static String rootMessage(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null
                && (r.getMessage() == null || r instanceof CompletionException || r instanceof ExecutionException)) {
            r = r.getCause();
        }
        return r.getMessage() == null ? r.getClass().getSimpleName() : r.getMessage();
    }
}
