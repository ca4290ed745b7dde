package org.karyo.annotation;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the training bridge's Python (deepchm) from tests; skips the test, with the reason, where it cannot. */
public final class Python {

    public static final Path EXE = Path.of("/usr/bin/python3");
    /** Surefire runs in the module folder. */
    public static final Path DEEPCHM =
            Path.of("../training-bridge/python").toAbsolutePath().normalize();

    private Python() {}

    /** Skips unless /usr/bin/python3 imports every module named. */
    public static void assumeModules(String... modules) {
        assumeTrue(Files.isExecutable(EXE), EXE + " not found: the Python comparison is skipped");
        assumeTrue(Files.isDirectory(DEEPCHM.resolve("deepchm")), DEEPCHM + " not found");
        String imports = "import " + String.join(", ", modules);
        try {
            Result r = run(imports);
            assumeTrue(
                    r.exit == 0,
                    EXE + " lacks " + String.join("/", modules) + " (apt-get install python3-torch): "
                            + r.output.strip());
        } catch (IOException e) {
            assumeTrue(false, "cannot run " + EXE + ": " + e.getMessage());
        }
    }

    public record Result(int exit, String output) {}

    /** Runs {@code python3 -c code ...args} with deepchm importable; stdout and stderr together. */
    public static Result run(String code, String... args) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of(EXE.toString(), "-c", code));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PYTHONPATH", DEEPCHM.toString());
        Process p = pb.start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("python timed out");
            }
            return new Result(p.exitValue(), out);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
