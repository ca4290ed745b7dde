package org.karyo.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.karyo.app.detect.DetectorSource;
import org.karyo.app.store.CaseStore;
import org.karyo.app.store.StoreSettings;
import org.karyo.inference.model.KaryoData;

/**
 * The workstation's data on this machine: the case database and its image copies in the user's
 * data folder ({@link KaryoData}), and the detector. Never beside the program.
 */
public final class Workspace implements AutoCloseable {

    public static final String DATABASE = "cases.db";
    public static final String IMAGES = "images";
    /**
     * System property naming a lab-server store ({@code postgresql://host/db}) instead of the data
     * folder's SQLite file ({@code karyo gui --db ...}); the data folder then keeps the image cache.
     * Without it, the store the settings dialog saved ({@link StoreSettings}) is opened.
     */
    public static final String SERVER_PROPERTY = "karyo.db";

    private final Path dir;
    private final CaseStore store;
    private final DetectorSource detectors;

    private Workspace(Path dir, CaseStore store, DetectorSource detectors) {
        this.dir = dir;
        this.store = store;
        this.detectors = detectors;
    }

    /**
     * Opens (creating on first use) the workspace in {@code dir}.
     *
     * @param model a model file, or null for the registry's active model / the bundled default
     */
    public static Workspace open(Path dir, String osUser, Path model, boolean preferGpu) throws IOException {
        return open(dir, osUser, model, preferGpu, null);
    }

    /**
     * As {@link #open(Path, String, Path, boolean)}, on the lab server {@code server}
     * ({@code postgresql://...}, the command line's {@code --db}) when not null.
     */
    public static Workspace open(Path dir, String osUser, Path model, boolean preferGpu, String server)
            throws IOException {
        Files.createDirectories(dir);
        if (server == null || server.isBlank()) {
            server = System.getProperty(SERVER_PROPERTY);
        }
        if (server == null || server.isBlank()) {
            // the settings dialog's choice; --db on the command line wins
            server = StoreSettings.read(dir).url();
        }
        CaseStore store = server != null && !server.isBlank()
                ? CaseStore.openServer(server, dir.resolve(IMAGES), osUser)
                : CaseStore.open(dir.resolve(DATABASE), dir.resolve(IMAGES), osUser);
        return new Workspace(dir, store, DetectorSource.of(model, preferGpu));
    }

    public static Workspace openDefault(Path model, boolean preferGpu) throws IOException {
        return open(KaryoData.dir(), System.getProperty("user.name", "user"), model, preferGpu);
    }

    /** The case database of the default workspace ({@code <data folder>/cases.db}); it may not exist yet. */
    public static Path defaultDatabase() {
        return KaryoData.dir().resolve(DATABASE);
    }

    public Path dir() {
        return dir;
    }

    public CaseStore store() {
        return store;
    }

    public DetectorSource detectors() {
        return detectors;
    }

    @Override
    public void close() {
        detectors.close();
        store.close();
    }
}
