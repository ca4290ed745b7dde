package org.karyo.app;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a child that prints "committed ..." after each commit, and SIGKILLs it mid-stream. */
public final class KillAfter {

    private KillAfter() {}

    /** The child's "committed" lines, split on spaces; the child is killed after {@code n} of them. */
    public static List<String[]> run(ProcessBuilder child, int n) throws Exception {
        Process p = child.start();
        List<String[]> committed = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("committed ")) {
                    committed.add(line.split(" "));
                    if (committed.size() == n) {
                        // SIGKILL through the handle: the lines already in the pipe stay readable
                        p.toHandle().destroyForcibly();
                    }
                }
            }
        } finally {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        return committed;
    }
}
