package org.karyo.inference.cli;

/** Exit codes shared by every {@code karyo} subcommand, whichever module contributes it. */
public final class ExitCodes {

    public static final int OK = 0, SOME_FAILED = 1, USAGE = 2, NO_MODEL = 3;

    private ExitCodes() {}
}
