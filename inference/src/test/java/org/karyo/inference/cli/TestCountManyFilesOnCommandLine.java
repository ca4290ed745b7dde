package org.karyo.inference.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20 (never a crash): {@code karyo count} given ~25 or more image files as separate
 * arguments died with SIGSEGV before counting anything. The ONNX Runtime's start-up matches a
 * regex against /proc/self/cmdline, recursing with its length, and overflowed the main thread's
 * 1 MiB stack. Only a separate process has a command line of its own, so this test starts one:
 * 30 images with long paths (about 4 KB of arguments, more than the crash needed) and the main
 * thread's stack pinned to 1 MiB, java's default.
 */
class TestCountManyFilesOnCommandLine {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path MODEL = ROOT.resolve("assets/models/deepchm-default.onnx");
    static final Path CELL = ROOT.resolve("assets/demo/DEMO-0001/cell-01.png");
    static final int FILES = 30;

    @TempDir
    Path tmp;

    @Test
    void countsThirtyImagesGivenAsSeparatePathsWithoutCrashing() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("a-laboratory-folder-with-a-rather-long-name/patient-case"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xss1m",
                "-cp",
                System.getProperty("java.class.path"),
                CountInChildJvm.class.getName(),
                "count",
                "--model",
                MODEL.toString()));
        for (int i = 1; i <= FILES; i++) {
            Path copy = dir.resolve(String.format("metaphase-cell-%02d-copied-from-the-demo-case.png", i));
            Files.copy(CELL, copy);
            command.add(copy.toString());
        }
        int argumentBytes = String.join(" ", command.subList(8, command.size())).length();
        assertTrue(argumentBytes > 3000, "the image paths alone are " + argumentBytes + " bytes");

        Path out = tmp.resolve("child.out"), err = tmp.resolve("child.err");
        Process p = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the child still runs after 10 minutes");
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        // 139 / 134 here was the crash: a signal, no output, no message
        assertEquals(ExitCodes.OK, p.exitValue(), "exit " + p.exitValue() + "\n" + stderr + stdout);
        assertTrue(stdout.contains("Cells counted: " + FILES), stdout);
        for (int i = 1; i <= FILES; i++) {
            assertTrue(stdout.contains(String.format("[%2d/%d]", i, FILES)), "image " + i + " counted:\n" + stdout);
        }
    }
}
