package org.karyo.app.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.app.Workspace;
import org.karyo.app.store.CaseRecord;
import org.karyo.app.store.Cell;
import org.karyo.app.store.Patient;
import org.karyo.core.logging.LogFiles;

/**
 * A detection run leaves in the log what a problem report needs (model, hash, execution provider,
 * timings, a failed cell's full stack trace) and nothing that identifies the patient: not the
 * name, identifier or birth date, not the case's accession number, not the image's file name.
 */
class TestDetectionLog {

    static final Path HOME =
            Path.of(System.getProperty("karyo.home", "..")).toAbsolutePath().normalize();
    static final Path DEMO = HOME.resolve("assets/demo/DEMO-0001");

    @TempDir
    Path data;

    @AfterEach
    void stop() {
        LogFiles.uninstall();
    }

    @Test
    void logsModelTimingsAndTracesButNoPatientIdentifiers() throws Exception {
        System.setProperty("karyo.home", HOME.toString());
        Path logs = LogFiles.install(data.resolve("logs"));
        // an image named after the patient, as laboratories' exports often are
        Path named = data.resolve("in/DOE_JANE_MRN-771234_cell1.png");
        Files.createDirectories(named.getParent());
        Files.copy(DEMO.resolve("cell-01.png"), named);
        Path named2 = data.resolve("in/DOE_JANE_MRN-771234_cell2.png");
        Files.copy(DEMO.resolve("cell-02.png"), named2);
        try (Workspace ws = Workspace.open(data.resolve("ws"), "tech", null, false)) {
            Patient p = ws.store().patients().create("MRN-771234", "DOE^JANE", LocalDate.of(1983, 4, 29), "female");
            CaseRecord c =
                    ws.store().cases().create(p.id(), "CYT-26-4711", "Peripheral blood", null, null, null, null, null);
            Cell good = ws.store().cells().importImage(c.id(), named);
            Cell broken = ws.store().cells().importImage(c.id(), named2);
            // the stored copy of the second cell damaged after import: detection fails on it
            Files.write(broken.storedImage(), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0});
            ModelProvenance model = ws.detectors().provenance();
            CaseDetection.Summary s = CaseDetection.run(
                    ws.store(),
                    ws.detectors(),
                    ws.store().cells().list(c.id()),
                    false,
                    new CaseDetection.Listener() {
                        @Override
                        public void cellDone(Cell cell, int count, int done, int total) {}

                        @Override
                        public void cellFailed(Cell cell, String message, int done, int total) {}
                    },
                    () -> false);
            assertEquals(1, s.detected());
            assertEquals(1, s.failed());
            LogFiles.flush();
            String log = Files.readString(logs.resolve("karyo-0.log"));

            assertTrue(log.contains("sha256 " + model.sha256()), log);
            assertTrue(log.contains(model.name()) && log.contains(model.provider()), log);
            assertTrue(log.contains("cell " + good.id() + " (case " + c.id() + "): "), log);
            assertTrue(log.matches("(?s).*ms load [0-9.]+ preprocess [0-9.]+ model [0-9.]+.*"), log);
            assertTrue(log.contains("WARNING org.karyo.app.detect.CaseDetection"), log);
            assertTrue(log.contains("cell " + broken.id() + " (case " + c.id() + ") failed"), log);
            assertTrue(
                    log.matches("(?s).*\\tat org\\.karyo\\.app\\.detect\\.CaseDetection\\.run.*"),
                    "the failed cell's full stack trace: " + log);

            for (String identifying :
                    List.of("DOE", "JANE", "MRN-771234", "1983-04-29", "CYT-26-4711", "cell1.png", "cell2.png")) {
                assertFalse(log.contains(identifying), () -> identifying + " in the log:\n" + log);
            }
        }
    }
}
