package org.karyo.inference.onnx;

import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one ONNX Runtime environment of the process, created on a thread with a stack large enough
 * for the runtime's start-up.
 *
 * <p>Why: creating the environment (the first {@code OrtEnvironment.getEnvironment()}) runs the
 * runtime's telemetry set-up, which matches a {@code std::regex} against {@code /proc/self/cmdline}.
 * That match recurses once per few characters of the command line (about 250 bytes of native
 * stack per command-line byte, measured with gdb on onnxruntime 1.29.0), so {@code karyo count}
 * with ~25 image paths on its command line overflowed the 1 MiB stack of Java's main thread and
 * the process died with SIGSEGV before counting anything, without even an hs_err file. The stack
 * here grows with the command line instead of limiting how many files may be given.
 */
public final class OrtRuntime {

    /** Room for the runtime's start-up besides the command-line match. */
    static final long BASE_STACK_BYTES = 16L << 20;

    /** Four times the ~250 bytes per command-line byte that the match was measured to use. */
    static final long STACK_BYTES_PER_COMMAND_LINE_BYTE = 1024;

    private static OrtEnvironment environment;

    private OrtRuntime() {}

    /** The process's environment; the first call creates it (and loads the native runtime). */
    public static synchronized OrtEnvironment environment() {
        if (environment == null) {
            environment = createOnLargeStack(stackBytes(commandLineBytes()));
        }
        return environment;
    }

    /** The stack for a command line of {@code commandLineBytes} bytes. */
    static long stackBytes(long commandLineBytes) {
        return BASE_STACK_BYTES + STACK_BYTES_PER_COMMAND_LINE_BYTE * Math.max(0, commandLineBytes);
    }

    /** Length of this process's command line as the runtime reads it; 0 where there is no /proc. */
    static long commandLineBytes() {
        try {
            return Files.readAllBytes(Path.of("/proc/self/cmdline")).length;
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return 0;
        }
    }

    private static OrtEnvironment createOnLargeStack(long stackBytes) {
        AtomicReference<OrtEnvironment> created = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(
                null,
                () -> {
                    try {
                        created.set(OrtEnvironment.getEnvironment());
                    } catch (RuntimeException | Error e) { // e.g. the native library cannot be loaded
                        failure.set(e);
                    }
                },
                "karyo-onnxruntime-start",
                stackBytes);
        t.setDaemon(true);
        t.start();
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                // the start-up cannot be cancelled half-way; finish it, keep the interrupt
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable f = failure.get();
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error e) {
            throw e;
        }
        return created.get();
    }
}
