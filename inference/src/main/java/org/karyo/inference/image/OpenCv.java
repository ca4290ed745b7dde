package org.karyo.inference.image;

/** Loads OpenCV's native library (bundled in the openpnp jar) once per process. */
public final class OpenCv {

    private static volatile boolean loaded;

    private OpenCv() {
    }

    public static void ensureLoaded() {
        if (!loaded) {
            synchronized (OpenCv.class) {
                if (!loaded) {
                    nu.pattern.OpenCV.loadLocally();
                    loaded = true;
                }
            }
        }
    }
}
