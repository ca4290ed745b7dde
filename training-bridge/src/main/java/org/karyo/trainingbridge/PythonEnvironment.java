package org.karyo.trainingbridge;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Python interpreter that imports torch, found as: {@code $KARYO_PYTHON} when set (an explicit
 * choice is never silently replaced by another interpreter), else Debian's {@code /usr/bin/python3},
 * else the first python3 on PATH.
 *
 * @param python the interpreter to run the trainer with
 */
public record PythonEnvironment(Path python, String torchVersion, boolean cuda) {

    public static final String ENV = "KARYO_PYTHON";
    public static final Duration PROBE_TIMEOUT = Duration.ofSeconds(90); // importing torch is slow on a busy machine
    // Pillow too: the trainer reads and composes images with it (a separate Debian package)
    static final String PROBE = "import torch, json, PIL; print(json.dumps({'torch': torch.__version__, "
            + "'cuda': torch.cuda.is_available()}))";
    public static final String INSTALL_HINT =
            """
            Install Debian's PyTorch and Pillow:  sudo apt-get install python3-torch python3-pil
              It is seen by /usr/bin/python3 only: a python3 earlier on PATH (pyenv, conda, a virtualenv) does not see it.
            Or point KARYO_PYTHON at a Python that has torch (for example a virtualenv after 'pip install torch').""";

    public PythonEnvironment {
        python = python.toAbsolutePath(); // the trainer runs in another folder; symlinks (venvs) are kept
    }

    /** One interpreter to try; {@code origin} says where it came from, for the message. */
    public record Candidate(String origin, Path python) {}

    public static PythonEnvironment find() throws TrainingUnavailableException {
        return find(defaultCandidates(System.getenv()), PROBE_TIMEOUT);
    }

    public static List<Candidate> defaultCandidates(Map<String, String> env) {
        String explicit = env.get(ENV);
        if (explicit != null && !explicit.isBlank()) {
            return List.of(new Candidate("$" + ENV, Path.of(explicit)));
        }
        List<Candidate> out = new ArrayList<>();
        Path debian = Path.of("/usr/bin/python3");
        out.add(new Candidate("Debian's python3", debian));
        Path onPath = onPath("python3", env.get("PATH"));
        if (onPath != null && !sameFile(onPath, debian)) {
            out.add(new Candidate("python3 on PATH", onPath));
        }
        return out;
    }

    /** The first candidate that imports torch, or an exception listing why each failed and what to install. */
    public static PythonEnvironment find(List<Candidate> candidates, Duration timeout)
            throws TrainingUnavailableException {
        StringBuilder why = new StringBuilder();
        for (Candidate c : candidates) {
            try {
                return probe(c.python(), timeout);
            } catch (ProbeFailure e) {
                why.append(String.format("  %s (%s): %s%n", c.origin(), c.python(), e.getMessage()));
            }
        }
        if (candidates.isEmpty()) {
            why.append("  no python3 found\n");
        }
        throw new TrainingUnavailableException(
                "Training needs Python 3 with PyTorch, and none was found:\n" + why + INSTALL_HINT);
    }

    /** Why one interpreter cannot be used. */
    static final class ProbeFailure extends Exception {
        ProbeFailure(String message) {
            super(message);
        }
    }

    static PythonEnvironment probe(Path python, Duration timeout) throws ProbeFailure {
        if (!Files.isRegularFile(python)) {
            throw new ProbeFailure("not found");
        }
        if (!Files.isExecutable(python)) {
            throw new ProbeFailure("not executable");
        }
        Process p;
        try {
            p = new ProcessBuilder(python.toString(), "-c", PROBE)
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new ProbeFailure("cannot run: " + e.getMessage());
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        // drained on a thread so a chatty interpreter cannot block on a full pipe while we wait
        Thread drain = new Thread(() -> copy(p.getInputStream(), buf), "python-probe");
        drain.setDaemon(true);
        drain.start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new ProbeFailure("'import torch' did not finish within " + timeout.toSeconds() + " s");
            }
            drain.join(2000);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ProbeFailure("interrupted");
        }
        String output;
        synchronized (buf) {
            output = buf.toString(StandardCharsets.UTF_8);
        }
        List<String> lines =
                output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        for (String line : lines) {
            JsonNode n = TrainingEvent.tryJson(line);
            if (n != null && n.hasNonNull("torch")) {
                return new PythonEnvironment(
                        python, n.get("torch").asText(), n.path("cuda").asBoolean(false));
            }
        }
        String last = lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
        if (last.contains("No module named 'torch'")) {
            throw new ProbeFailure("torch is not installed for it (" + last + ")");
        }
        if (last.contains("No module named 'PIL'")) {
            throw new ProbeFailure("Pillow is not installed for it (" + last + ")");
        }
        throw new ProbeFailure("'import torch' failed, exit code " + p.exitValue() + ": " + last);
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] b = new byte[8192];
        try (in) {
            for (int n; (n = in.read(b)) > 0; ) {
                synchronized (out) {
                    out.write(b, 0, n);
                }
            }
        } catch (IOException ignored) {
            // the process ended: what was read is all there is
        }
    }

    static Path onPath(String name, String pathVar) {
        if (pathVar == null) {
            return null;
        }
        for (String dir : pathVar.split(File.pathSeparator, -1)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
