package org.karyo.inference.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.core.logging.LogFiles;

/** `karyo count` logs the model (hash, provider) and per-image timings, naming images by number only. */
class TestCountLog {

    @TempDir
    Path tmp;

    @AfterEach
    void stop() {
        LogFiles.uninstall();
    }

    @Test
    void logsModelHashAndTimingsButNoFileNames() throws Exception {
        Path logs = LogFiles.install(tmp.resolve("logs"));
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        Files.copy(TestDefaultModelOnDemoCase.DEMO.resolve("DEMO-0001/cell-01.png"), in.resolve("SMITH_JOHN_0815.png"));
        Files.write(in.resolve("SMITH_JOHN_0816.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0});
        TestCli.Run r = TestCli.karyo("count", "--model", TestDefaultModelOnDemoCase.MODEL.toString(), in.toString());
        LogFiles.flush();
        String log = Files.readString(logs.resolve("karyo-0.log"));
        assertTrue(log.matches("(?s).*model deepchm-\\S+ \\S+ sha256 [0-9a-f]{64}, CPU.*"), log + "\n" + r.err());
        assertTrue(
                log.matches("(?s).*image \\[\\d/2\\]: \\d+ boxes; ms load [0-9.]+ preprocess [0-9.]+ model [0-9.]+.*"),
                log);
        assertTrue(log.contains("WARNING org.karyo.inference.cli.CountCommand") && log.contains("not read"), log);
        assertTrue(log.contains("(message withheld"), log);
        assertFalse(log.contains("SMITH") || log.contains("JOHN") || log.contains("0815") || log.contains("0816"), log);
    }
}
