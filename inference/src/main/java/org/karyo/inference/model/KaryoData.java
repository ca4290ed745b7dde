package org.karyo.inference.model;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Where Karyo keeps its per-user data (model registry, training runs): the {@code karyo.data}
 * system property (tests, embedding applications), else {@code $KARYO_DATA}, else
 * {@code $XDG_DATA_HOME/karyo}, else {@code ~/.local/share/karyo} (docs/training.md).
 */
public final class KaryoData {

    public static final String PROPERTY = "karyo.data";
    public static final String ENV = "KARYO_DATA";

    private KaryoData() {
    }

    public static Path dir() {
        return dir(System::getProperty, System.getenv());
    }

    /** The model registry folder, {@code <data>/models}. */
    public static Path models() {
        return dir().resolve("models");
    }

    /** The rule of {@link #dir()} on given system properties and environment. */
    public static Path dir(UnaryOperator<String> properties, Map<String, String> env) {
        String p = properties.apply(PROPERTY);
        if (p != null && !p.isBlank()) {
            return Path.of(p);
        }
        String e = env.get(ENV);
        if (e != null && !e.isBlank()) {
            return Path.of(e);
        }
        String xdg = env.get("XDG_DATA_HOME");
        // the XDG spec says relative values are invalid and must be ignored
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "karyo");
        }
        return Path.of(properties.apply("user.home"), ".local", "share", "karyo");
    }
}
