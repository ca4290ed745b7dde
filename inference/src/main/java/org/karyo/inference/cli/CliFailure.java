package org.karyo.inference.cli;

/** Ends a command with a message and an exit code, without a stack trace. */
final class CliFailure extends RuntimeException {
    final int exitCode;

    CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }
}
