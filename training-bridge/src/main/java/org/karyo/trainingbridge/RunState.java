package org.karyo.trainingbridge;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * What a run has said so far (last step, export, validation, done, error, the end of stderr), and
 * how its exit is judged. Fed by the reader threads, read by the monitor after joining them.
 */
final class RunState {

    static final int TAIL_LINES = 30;

    private volatile long lastStep = -1;
    private volatile String exportPath;
    private volatile JsonNode lastValidation;
    private volatile String doneStatus;
    private volatile String errorMessage;
    private final Deque<String> stderrTail = new ArrayDeque<>();

    void track(TrainingEvent e) {
        e.step().ifPresent(s -> lastStep = Math.max(lastStep, s));
        switch (e.type()) {
            case TrainingEvent.EXPORT -> exportPath = e.text("path");
            case TrainingEvent.VALIDATION -> lastValidation = e.data().get("metrics");
            case TrainingEvent.DONE -> doneStatus = e.text("status");
            case TrainingEvent.ERROR -> errorMessage = e.text("message");
            default -> {}
        }
    }

    void stderr(String line) {
        synchronized (stderrTail) {
            stderrTail.addLast(line);
            if (stderrTail.size() > TAIL_LINES) {
                stderrTail.removeFirst();
            }
        }
    }

    /**
     * @param cancelled  cancel() was called
     * @param forced     the child was killed after the grace period
     */
    TrainingOutcome outcome(
            int code, boolean cancelled, boolean forced, TrainerCommand command, long graceSeconds, Path log) {
        String steps = lastStep >= 0 ? " at step " + lastStep : " before the first step";
        Path export = exportPath == null
                ? null
                : command.workDir().resolve(exportPath).normalize();
        if (export != null && !Files.isRegularFile(export)) {
            export = null;
        }
        TrainingOutcome.Status status;
        String message;
        if (code == 0 && "ok".equals(doneStatus)) {
            status = TrainingOutcome.Status.OK;
            message = "training finished" + steps + (export == null ? ", but no model was exported" : "");
        } else if (code == 0 && "cancelled".equals(doneStatus)) {
            status = TrainingOutcome.Status.CANCELLED;
            message = "training cancelled" + steps + "; the checkpoint is saved, continue with --resume "
                    + command.runDir();
        } else if (cancelled && (code == 0 || code > 128)) {
            status = TrainingOutcome.Status.CANCELLED;
            message = "training cancelled" + steps
                    + (forced
                            ? "; the trainer did not stop within " + graceSeconds + " s and was killed, so its last "
                                    + "checkpoint may be older"
                            : code > 128 ? "; the trainer stopped without saving a checkpoint" : "");
        } else {
            status = TrainingOutcome.Status.FAILED;
            message = failure(code, log);
        }
        return new TrainingOutcome(status, code, lastStep, export, lastValidation, message, log);
    }

    private String failure(int code, Path log) {
        StringBuilder sb = new StringBuilder();
        if (code == 0) {
            sb.append("the trainer ended without reporting the end of training (no 'done' event)");
        } else if (code > 128) {
            int sig = code - 128;
            sb.append("the trainer was killed by signal ")
                    .append(sig)
                    .append(sig == 9 ? " (SIGKILL: out of memory, or killed from outside)" : "");
        } else if (code == 2) {
            sb.append("the trainer refused its arguments or data (exit code 2)");
        } else {
            sb.append("the trainer crashed (exit code ").append(code).append(')');
        }
        if (lastStep >= 0) {
            sb.append(" after step ").append(lastStep);
        }
        if (errorMessage != null) {
            sb.append(": ").append(errorMessage);
        }
        List<String> tail;
        synchronized (stderrTail) {
            tail = List.copyOf(stderrTail);
        }
        if (!tail.isEmpty()) {
            sb.append("\nlast lines of its error output:");
            tail.forEach(l -> sb.append("\n  ").append(l));
        }
        sb.append("\nfull log: ").append(log);
        return sb.toString();
    }
}
