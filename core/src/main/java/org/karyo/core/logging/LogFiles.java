package org.karyo.core.logging;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Sends Karyo's {@link System.Logger} records (which the JDK routes to {@code java.util.logging})
 * to a rotating file in the data folder's {@code logs/}: {@code karyo-0.log} is the newest, up to
 * {@value #COUNT} files of {@value #LIMIT_BYTES} bytes each, so a laboratory reporting a problem
 * has full stack traces to send while the folder never grows without bound. No extra library:
 * the JDK's own handler rotates. Only loggers under {@code org.karyo} write there, and not to the
 * console, so command-line output stays what the commands print.
 *
 * <p>What is logged never names a patient: code logs case and cell numbers, model names, hashes
 * and timings, never patient names, identifiers or the original file names of images.
 */
public final class LogFiles {

    /** File name pattern; {@code %g} is the generation, 0 the newest. */
    public static final String PATTERN = "karyo-%g.log";

    public static final int LIMIT_BYTES = 5 * 1024 * 1024;
    public static final int COUNT = 5;

    /** Held strongly: java.util.logging forgets a logger's configuration once nothing references it. */
    private static final Logger KARYO = Logger.getLogger("org.karyo");

    private static Handler handler;
    private static Path folder;

    private LogFiles() {}

    /**
     * Starts writing the log to {@code dir} (created owner-only on POSIX when missing); calling it
     * again with another folder moves the log there (tests, a workspace opened elsewhere).
     */
    public static synchronized Path install(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        if (abs.equals(folder)) {
            return abs;
        }
        if (!Files.isDirectory(abs)) {
            Files.createDirectories(abs);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(abs, PosixFilePermissions.fromString("rwx------"));
            }
        }
        FileHandler h = new FileHandler(abs.resolve(PATTERN).toString(), LIMIT_BYTES, COUNT, true);
        h.setEncoding(StandardCharsets.UTF_8.name());
        h.setFormatter(new LineFormatter());
        h.setLevel(Level.ALL);
        uninstall();
        KARYO.setUseParentHandlers(false);
        KARYO.setLevel(Level.INFO);
        KARYO.addHandler(h);
        handler = h;
        folder = abs;
        return abs;
    }

    /** Stops writing to the file (closing it) and gives the records back to the JDK's default handling. */
    public static synchronized void uninstall() {
        if (handler != null) {
            KARYO.removeHandler(handler);
            handler.close();
            handler = null;
            folder = null;
            KARYO.setUseParentHandlers(true);
        }
    }

    /** The folder the log is written to, or null when {@link #install} was not called. */
    public static synchronized Path folder() {
        return folder;
    }

    /** Makes what was logged so far reach the file (tests, before showing the folder). */
    public static synchronized void flush() {
        if (handler != null) {
            handler.flush();
        }
    }

    /**
     * A copy of {@code e} and its causes with every message withheld (class names and stack frames
     * kept), for logging failures whose messages may quote a patient's name or identifier (the
     * case store's "a patient with identifier ... already exists").
     */
    public static Throwable withheld(Throwable e) {
        if (e == null) {
            return null;
        }
        Throwable copy = new WithheldMessage(e.getClass().getName(), withheld(e.getCause()));
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }

    /** Stands in for an exception whose message is not written to the log. */
    static final class WithheldMessage extends Exception {
        private static final long serialVersionUID = 1L;

        private final String type;

        WithheldMessage(String type, Throwable cause) {
            super("message withheld: it may identify a patient", cause);
            this.type = type;
        }

        /** The original type in place of this class's name, as printStackTrace shows it. */
        @Override
        public String getLocalizedMessage() {
            return getMessage();
        }

        /** Printed as {@code <original class> (message withheld...)} in stack traces. */
        @Override
        @SuppressWarnings("OverrideThrowableToString") // the original type must show, not this class
        public String toString() {
            return type + " (" + getMessage() + ")";
        }
    }

    /** One line per record: UTC time, level, logger, thread, message; then the full stack trace. */
    static final class LineFormatter extends Formatter {
        @Override
        public String format(LogRecord r) {
            StringBuilder sb = new StringBuilder(160)
                    .append(Instant.ofEpochMilli(r.getMillis()))
                    .append(' ')
                    .append(r.getLevel().getName())
                    .append(' ')
                    .append(r.getLoggerName())
                    .append(" [")
                    .append(Thread.currentThread().getName())
                    .append("] ")
                    .append(formatMessage(r))
                    .append(System.lineSeparator());
            if (r.getThrown() != null) {
                StringWriter trace = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(trace));
                sb.append(trace);
            }
            return sb.toString();
        }
    }
}
