package org.karyo.inference.cli;

/**
 * {@code karyo count} and friends as their own process, for tests that depend on the process
 * itself (its command line, its main thread), not only on the command's code.
 */
final class CountInChildJvm {

    private CountInChildJvm() {}

    public static void main(String[] args) {
        System.exit(Subcommands.commandLine().execute(args));
    }
}
