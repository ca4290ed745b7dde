package org.karyo.app.ui;

import java.nio.file.Path;
import javafx.application.Application;

/**
 * Starts the review workstation. A plain class, not an {@link Application}: JavaFX from the class
 * path needs its launcher to be something else (see KaryoApplication).
 */
public final class KaryoGui {

    /** How the window opens: data folder (null = the user's default), model (null = active/bundled). */
    public record Options(Path dataDir, Path model, boolean cpu, String user) {
        public static Options defaults() {
            return new Options(null, null, false, null);
        }
    }

    static volatile Options options = Options.defaults();

    private KaryoGui() {}

    public static void main(String[] args) {
        launch(Options.defaults());
    }

    /** Blocks until the window is closed. */
    public static void launch(Options o) {
        options = o;
        Application.launch(KaryoApplication.class);
    }
}
