package org.karyo.core.image;

import java.nio.file.Files;
import java.nio.file.Path;
import org.opencv.core.Core;

/**
 * Loads OpenCV's native library once per process: from the installation's native folder
 * ({@code karyo.native}, set by the packaged launchers, docs/install.md) when it is there, else
 * unpacked from the openpnp jar into the temporary folder (development builds).
 */
public final class OpenCv {

    public static final String NATIVE_DIR = "karyo.native";

    private static volatile boolean loaded;

    private OpenCv() {}

    public static void ensureLoaded() {
        if (!loaded) {
            synchronized (OpenCv.class) {
                if (!loaded) {
                    String dir = System.getProperty(NATIVE_DIR);
                    Path lib = dir == null ? null : Path.of(dir, System.mapLibraryName(Core.NATIVE_LIBRARY_NAME));
                    if (lib != null && Files.isRegularFile(lib)) {
                        System.load(lib.toAbsolutePath().toString());
                    } else {
                        nu.pattern.OpenCV.loadLocally();
                    }
                    loaded = true;
                }
            }
        }
    }
}
