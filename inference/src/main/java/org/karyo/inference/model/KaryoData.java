package org.karyo.inference.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Where Karyo keeps its per-user data (case database, model registry, training runs, logs),
 * always in the user's standard application-data folder and never beside the program, so that
 * upgrades and uninstalls keep it: the {@code karyo.data} system property (tests, embedding
 * applications), else {@code $KARYO_DATA}, else per operating system
 * <ul>
 * <li>Windows: {@code %APPDATA%\Karyo}</li>
 * <li>macOS: {@code ~/Library/Application Support/Karyo}</li>
 * <li>Linux and others: {@code $XDG_DATA_HOME/karyo}, else {@code ~/.local/share/karyo}</li>
 * </ul>
 * (docs/install.md).
 */
public final class KaryoData {

    public static final String PROPERTY = "karyo.data";
    public static final String ENV = "KARYO_DATA";

    private KaryoData() {}

    public static Path dir() {
        return dir(System::getProperty, System.getenv());
    }

    /** The model registry folder, {@code <data>/models}. */
    public static Path models() {
        return dir().resolve("models");
    }

    /** The log folder, {@code <data>/logs}. */
    public static Path logs() {
        return dir().resolve("logs");
    }

    /**
     * Creates the data folder with its model registry and log folders when missing (first start);
     * existing content is never changed, but its permissions become owner-only ({@link PrivateFiles}:
     * folders 0700, files 0600), also for data folders earlier versions left world-readable.
     */
    public static Path ensureCreated() throws IOException {
        Path dir = dir();
        PrivateFiles.directory(dir);
        PrivateFiles.directory(dir.resolve("models"));
        PrivateFiles.directory(dir.resolve("logs"));
        PrivateFiles.tree(dir);
        return dir;
    }

    /** The rule of {@link #dir()} on given system properties ({@code os.name}, {@code user.home}) and environment. */
    public static Path dir(UnaryOperator<String> properties, Map<String, String> env) {
        String p = properties.apply(PROPERTY);
        if (p != null && !p.isBlank()) {
            return Path.of(p);
        }
        String e = env.get(ENV);
        if (e != null && !e.isBlank()) {
            return Path.of(e);
        }
        String os = properties.apply("os.name");
        String home = properties.apply("user.home");
        if (os != null && os.startsWith("Windows")) {
            String appData = env.get("APPDATA");
            return appData != null && !appData.isBlank()
                    ? Path.of(appData, "Karyo")
                    : Path.of(home, "AppData", "Roaming", "Karyo");
        }
        if (os != null && os.startsWith("Mac")) {
            return Path.of(home, "Library", "Application Support", "Karyo");
        }
        String xdg = env.get("XDG_DATA_HOME");
        // the XDG spec says relative values are invalid and must be ignored
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "karyo");
        }
        return Path.of(home, ".local", "share", "karyo");
    }
}
