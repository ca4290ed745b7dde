package org.karyo.inference.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data folder per operating system, and its creation on first start (docs/install.md). */
class TestKaryoDataLocations {

    static Path dir(String os, Map<String, String> env) {
        Map<String, String> props = Map.of("os.name", os, "user.home", "/home/u");
        return KaryoData.dir(props::get, env);
    }

    @Test
    void windowsUsesAppData() {
        assertEquals(
                Path.of("C:\\Users\\u\\AppData\\Roaming", "Karyo"),
                dir("Windows 11", Map.of("APPDATA", "C:\\Users\\u\\AppData\\Roaming")));
        assertEquals(
                Path.of("/home/u", "AppData", "Roaming", "Karyo"),
                dir("Windows 10", Map.of()),
                "without APPDATA: its usual place under the profile");
        assertEquals(
                Path.of("/d/karyo"),
                dir("Windows 11", Map.of("APPDATA", "C:\\x", "KARYO_DATA", "/d/karyo")),
                "KARYO_DATA wins on every system");
    }

    @Test
    void macUsesApplicationSupport() {
        assertEquals(
                Path.of("/home/u/Library/Application Support/Karyo"), dir("Mac OS X", Map.of("XDG_DATA_HOME", "/xdg")));
    }

    @Test
    void linuxFollowsXdg() {
        assertEquals(Path.of("/xdg/karyo"), dir("Linux", Map.of("XDG_DATA_HOME", "/xdg")));
        assertEquals(Path.of("/home/u/.local/share/karyo"), dir("Linux", Map.of()));
        assertEquals(Path.of("/home/u/.local/share/karyo"), dir("Linux", Map.of("APPDATA", "/not/used")));
    }

    @Test
    void firstStartCreatesTheFoldersAndKeepsExistingData(@TempDir Path tmp) throws Exception {
        String saved = System.getProperty(KaryoData.PROPERTY);
        Path data = tmp.resolve("fresh/karyo");
        System.setProperty(KaryoData.PROPERTY, data.toString());
        try {
            assertEquals(data, KaryoData.ensureCreated());
            assertTrue(Files.isDirectory(data.resolve("models")));
            assertTrue(Files.isDirectory(KaryoData.logs()));
            Path kept = Files.writeString(data.resolve("models/active"), "m1");
            KaryoData.ensureCreated();
            assertEquals("m1", Files.readString(kept), "a second start leaves the data as it is");
        } finally {
            if (saved == null) {
                System.clearProperty(KaryoData.PROPERTY);
            } else {
                System.setProperty(KaryoData.PROPERTY, saved);
            }
        }
    }
}
