package org.karyo.core.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestLogFiles {

    private static final System.Logger LOG = System.getLogger("org.karyo.core.logging.TestLogFiles");

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        LogFiles.uninstall();
    }

    @Test
    void writesRecordsWithFullStackTracesToTheNewestFile() throws IOException {
        Path logs = LogFiles.install(dir.resolve("logs"));
        LOG.log(System.Logger.Level.INFO, "model {0} sha256 {1}", "deepchm-lite", "abc123");
        LOG.log(
                System.Logger.Level.WARNING,
                "cell 7 failed",
                new IllegalStateException("outer", new java.io.IOException("inner cause")));
        LOG.log(System.Logger.Level.DEBUG, "below INFO: not written");
        LogFiles.flush();
        String log = Files.readString(logs.resolve("karyo-0.log"));
        assertTrue(log.contains("INFO org.karyo.core.logging.TestLogFiles"), log);
        assertTrue(log.contains("model deepchm-lite sha256 abc123"), log);
        assertTrue(log.contains("java.lang.IllegalStateException: outer"), log);
        assertTrue(log.contains("Caused by: java.io.IOException: inner cause"), log);
        assertTrue(
                Pattern.compile("\\tat org\\.karyo\\.core\\.logging\\.TestLogFiles\\.")
                        .matcher(log)
                        .find(),
                "stack frames are written: " + log);
        assertFalse(log.contains("below INFO"), log);
    }

    @Test
    void onlyKaryoLoggersWriteThere() throws IOException {
        Path logs = LogFiles.install(dir.resolve("logs"));
        System.getLogger("com.example.Other").log(System.Logger.Level.WARNING, "someone else's warning");
        LOG.log(System.Logger.Level.INFO, "ours");
        LogFiles.flush();
        String log = Files.readString(logs.resolve("karyo-0.log"));
        assertTrue(log.contains("ours"));
        assertFalse(log.contains("someone else's warning"));
    }

    @Test
    void theFolderIsTheOwnersOnly() throws IOException {
        Path logs = LogFiles.install(dir.resolve("new/logs"));
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(logs)));
        }
    }

    @Test
    void rotatesSoTheFolderStaysBounded() throws IOException {
        Path logs = LogFiles.install(dir.resolve("logs"));
        String line = "x".repeat(10_000);
        for (int i = 0; i < (LogFiles.LIMIT_BYTES / 10_000) * (LogFiles.COUNT + 1); i++) {
            LOG.log(System.Logger.Level.INFO, line);
        }
        LogFiles.flush();
        try (var files = Files.list(logs)) {
            long logFiles = files.filter(f -> f.getFileName().toString().endsWith(".log"))
                    .count();
            assertEquals(LogFiles.COUNT, logFiles);
        }
        try (var files = Files.list(logs)) {
            long total = files.mapToLong(f -> f.toFile().length()).sum();
            assertTrue(total <= (long) LogFiles.COUNT * LogFiles.LIMIT_BYTES + 20_000, "total " + total);
        }
    }

    @Test
    void withheldKeepsTypesAndFramesButNoMessages() {
        Exception e = new IllegalStateException(
                "a patient with identifier MRN-771234 already exists", new RuntimeException("DOE^JANE"));
        Throwable w = LogFiles.withheld(e);
        java.io.StringWriter out = new java.io.StringWriter();
        w.printStackTrace(new java.io.PrintWriter(out));
        String text = out.toString();
        assertFalse(text.contains("MRN-771234"), text);
        assertFalse(text.contains("DOE"), text);
        assertTrue(text.contains("java.lang.IllegalStateException (message withheld"), text);
        assertTrue(text.contains("Caused by: java.lang.RuntimeException (message withheld"), text);
        assertTrue(
                text.contains("at org.karyo.core.logging.TestLogFiles.withheldKeepsTypesAndFramesButNoMessages"), text);
    }

    @Test
    void theVersionIsTheOneSetInThePom() {
        // filtered from the parent pom's <version>; a build that forgot the filtering leaves "${project.version}"
        assertEquals(System.getProperty("karyo.pom.version"), KaryoVersion.get());
        assertTrue(KaryoVersion.get().matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), KaryoVersion.get());
    }
}
