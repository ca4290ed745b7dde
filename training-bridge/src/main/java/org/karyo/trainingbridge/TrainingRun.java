package org.karyo.trainingbridge;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A training run in a child process. Its stdout is parsed into {@link TrainingEvent}s for the
 * listeners; stdout and stderr are both appended, line by line and flushed, to
 * {@code RUN_DIR/trainer.log}, so a crash (of the child or of Karyo) leaves the log up to its last
 * line. {@link #cancel()} sends SIGTERM, on which the trainer finishes its step and saves a
 * checkpoint; a child still alive after the grace period is killed.
 */
public final class TrainingRun {

    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);
    public static final String LOG_FILE = "trainer.log";
    /** After the child exits, how long its streams may stay open (held by a grandchild) before we stop reading. */
    private static final long DRAIN_MS = 5000;

    private final TrainerCommand command;
    private final Process process;
    private final Duration grace;
    private final List<TrainingListener> listeners;
    private final Path logFile;
    private final BufferedWriter log;
    private final Object dispatchLock = new Object();
    private final RunState state = new RunState();
    private final AtomicBoolean cancelRequested = new AtomicBoolean();
    private volatile boolean forced;
    private final CompletableFuture<TrainingOutcome> outcome = new CompletableFuture<>();

    private TrainingRun(
            TrainerCommand command,
            Process process,
            Duration grace,
            List<TrainingListener> listeners,
            Path logFile,
            BufferedWriter log) {
        this.command = command;
        this.process = process;
        this.grace = grace;
        this.listeners = listeners;
        this.logFile = logFile;
        this.log = log;
    }

    public static TrainingRun start(TrainerCommand command, TrainingListener... listeners) throws IOException {
        return start(command, DEFAULT_GRACE, listeners);
    }

    /** Starts the child; listeners are given here so that not even the first event can be missed. */
    public static TrainingRun start(TrainerCommand command, Duration grace, TrainingListener... listeners)
            throws IOException {
        Files.createDirectories(command.runDir());
        Path logFile = command.runDir().resolve(LOG_FILE);
        BufferedWriter log = Files.newBufferedWriter(
                logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder pb =
                new ProcessBuilder(command.argv()).directory(command.workDir().toFile());
        pb.environment().putAll(command.environment());
        Process p;
        try {
            log.write("# karyo " + Instant.now() + ": starting " + String.join(" ", command.argv()) + "\n");
            log.flush();
            p = pb.start();
        } catch (IOException e) {
            log.write("# karyo: could not start: " + e.getMessage() + "\n");
            log.close();
            throw new IOException("cannot start the trainer (" + command.argv().get(0) + "): " + e.getMessage(), e);
        }
        p.getOutputStream().close(); // the trainer reads no input: EOF rather than a wait, should it try
        TrainingRun run = new TrainingRun(command, p, grace, List.of(listeners), logFile, log);
        run.writeLog("# karyo: pid " + p.pid());
        run.begin();
        return run;
    }

    private void begin() {
        Thread out = reader(process.getInputStream(), TrainingEvent.Source.STDOUT);
        Thread err = reader(process.getErrorStream(), TrainingEvent.Source.STDERR);
        Thread monitor = new Thread(() -> finish(out, err), "trainer-monitor-" + process.pid());
        monitor.setDaemon(true);
        monitor.start();
    }

    private Thread reader(InputStream in, TrainingEvent.Source source) {
        Thread t = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                        for (String line; (line = r.readLine()) != null; ) {
                            writeLog(line);
                            TrainingEvent e = source == TrainingEvent.Source.STDOUT
                                    ? TrainingEvent.parse(line)
                                    : TrainingEvent.log(line, source);
                            if (source == TrainingEvent.Source.STDERR) {
                                state.stderr(line);
                            }
                            state.track(e);
                            dispatch(e);
                        }
                    } catch (IOException ex) {
                        // the stream was closed under us (child gone, or we stopped draining): nothing more to read
                    }
                },
                "trainer-" + source.name().toLowerCase(Locale.ROOT) + "-" + process.pid());
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void dispatch(TrainingEvent e) {
        synchronized (dispatchLock) {
            for (TrainingListener l : listeners) {
                try {
                    l.onEvent(e);
                } catch (RuntimeException ex) {
                    writeLog("# karyo: a progress listener failed on a '" + e.type() + "' event: " + ex);
                }
            }
        }
    }

    private void writeLog(String line) {
        synchronized (log) {
            try {
                log.write(line);
                log.newLine();
                log.flush();
            } catch (IOException ignored) {
                // a full disk must not stop the run; the events still reach the listeners
            }
        }
    }

    private void finish(Thread out, Thread err) {
        try {
            int code = waitUninterruptibly();
            out.join(DRAIN_MS);
            err.join(DRAIN_MS);
            TrainingOutcome o = state.outcome(code, cancelRequested.get(), forced, command, grace.toSeconds(), logFile);
            writeLog("# karyo " + Instant.now() + ": exit code " + code + ", " + o.status());
            synchronized (log) {
                log.close();
            }
            outcome.complete(o);
        } catch (Throwable t) {
            outcome.completeExceptionally(t);
        }
    }

    private int waitUninterruptibly() {
        while (true) {
            try {
                return process.waitFor();
            } catch (InterruptedException ignored) {
                // only this daemon thread waits here; keep waiting for the child
            }
        }
    }

    /**
     * Asks the trainer to stop: SIGTERM now, SIGKILL (to it and its children) if it is still
     * running after the grace period. Returns at once; {@link #await()} gives the outcome.
     */
    public void cancel() {
        if (!cancelRequested.compareAndSet(false, true) || !process.isAlive()) {
            return;
        }
        writeLog("# karyo " + Instant.now() + ": cancel requested, SIGTERM sent");
        // through the handle: Process.destroy() would also close our end of the pipes, losing what
        // the trainer says while it stops (its checkpoint and its 'done' event)
        process.toHandle().destroy();
        Thread killer = new Thread(
                () -> {
                    try {
                        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                            writeLog("# karyo: still running " + grace.toSeconds() + " s after SIGTERM, killing it");
                            forced = true;
                            process.descendants().forEach(ProcessHandle::destroyForcibly);
                            process.toHandle().destroyForcibly();
                        }
                    } catch (InterruptedException ignored) {
                        Thread.currentThread().interrupt();
                    }
                },
                "trainer-kill-" + process.pid());
        killer.setDaemon(true);
        killer.start();
    }

    public boolean cancelRequested() {
        return cancelRequested.get();
    }

    public boolean isRunning() {
        return !outcome.isDone();
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return logFile;
    }

    public TrainerCommand command() {
        return command;
    }

    /** Completes once the child has exited and its output is read: for callers that must not block. */
    public CompletableFuture<TrainingOutcome> onExit() {
        return outcome.copy();
    }

    public TrainingOutcome await() throws InterruptedException {
        try {
            return outcome.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("training monitor failed", e.getCause());
        }
    }

    public Optional<TrainingOutcome> await(Duration timeout) throws InterruptedException {
        try {
            return Optional.of(outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("training monitor failed", e.getCause());
        }
    }
}
