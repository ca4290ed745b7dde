package org.karyo.trainingbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding a Python with torch, with fake interpreters (shell scripts) as candidates. */
class TestPythonEnvironment {

    static final Duration T = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    @Test
    void aPythonWithoutTorchGivesTheExactInstallCommand() throws Exception {
        Path noTorch = Fixtures.script(
                tmp,
                "python3",
                """
                echo 'Traceback (most recent call last):' >&2
                echo "ModuleNotFoundError: No module named 'torch'" >&2
                exit 1
                """);
        TrainingUnavailableException e = assertThrows(
                TrainingUnavailableException.class,
                () -> PythonEnvironment.find(
                        List.of(
                                new PythonEnvironment.Candidate("$KARYO_PYTHON", noTorch),
                                new PythonEnvironment.Candidate("Debian's python3", tmp.resolve("absent/python3"))),
                        T));
        String m = e.getMessage();
        assertTrue(m.contains("apt-get install python3-torch"), m);
        assertTrue(m.contains("$KARYO_PYTHON (" + noTorch + "): torch is not installed"), m);
        assertTrue(m.contains(tmp.resolve("absent/python3") + "): not found"), m);
        assertTrue(m.contains("KARYO_PYTHON"), "names the other way out: " + m);
    }

    @Test
    void aPythonWithTorchButWithoutPillowSaysSo() throws Exception {
        Path noPil = Fixtures.script(
                tmp,
                "python3",
                """
                echo "ModuleNotFoundError: No module named 'PIL'" >&2
                exit 1
                """);
        TrainingUnavailableException e = assertThrows(
                TrainingUnavailableException.class,
                () -> PythonEnvironment.find(List.of(new PythonEnvironment.Candidate("Debian's python3", noPil)), T));
        assertTrue(e.getMessage().contains("Pillow is not installed"), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install python3-torch python3-pil"), e.getMessage());
    }

    @Test
    void theFirstPythonThatImportsTorchIsUsed() throws Exception {
        Path broken = Fixtures.script(tmp, "broken", "echo 'Segmentation fault' >&2; exit 139\n");
        Path good = Fixtures.script(
                tmp,
                "good",
                """
                [ "$1" = "-c" ] || exit 3
                echo 'a warning on stdout first'
                echo '{"torch": "1.13.0", "cuda": true}'
                """);
        PythonEnvironment env = PythonEnvironment.find(
                List.of(new PythonEnvironment.Candidate("a", broken), new PythonEnvironment.Candidate("b", good)), T);
        assertEquals(good, env.python());
        assertEquals("1.13.0", env.torchVersion());
        assertTrue(env.cuda());
    }

    @Test
    void aHangingInterpreterTimesOut() throws Exception {
        Path hang = Fixtures.script(tmp, "hang", "exec sleep 30\n");
        TrainingUnavailableException e = assertThrows(
                TrainingUnavailableException.class,
                () -> PythonEnvironment.find(
                        List.of(new PythonEnvironment.Candidate("slow", hang)), Duration.ofMillis(500)));
        assertTrue(e.getMessage().contains("did not finish within"), e.getMessage());
    }

    @Test
    void karyoPythonIsTheOnlyCandidateWhenSetElseDebianThenPath() throws Exception {
        assertEquals(
                List.of(new PythonEnvironment.Candidate("$KARYO_PYTHON", Path.of("/opt/venv/bin/python"))),
                PythonEnvironment.defaultCandidates(
                        Map.of("KARYO_PYTHON", "/opt/venv/bin/python", "PATH", "/usr/bin")));
        Fixtures.script(tmp.resolve("bin"), "python3", "exit 1\n");
        List<PythonEnvironment.Candidate> c =
                PythonEnvironment.defaultCandidates(Map.of("PATH", tmp.resolve("bin") + ":/usr/bin"));
        assertEquals(Path.of("/usr/bin/python3"), c.get(0).python());
        assertEquals(tmp.resolve("bin/python3"), c.get(1).python());
        assertFalse(PythonEnvironment.defaultCandidates(Map.of("PATH", "/nonexistent"))
                .isEmpty());
    }

    @Test
    void onThisMachineEitherTorchIsFoundOrTheMessageSaysWhatToInstall() {
        try {
            PythonEnvironment env = PythonEnvironment.find(
                    PythonEnvironment.defaultCandidates(System.getenv()), PythonEnvironment.PROBE_TIMEOUT);
            assertFalse(env.torchVersion().isBlank());
        } catch (TrainingUnavailableException e) {
            assertTrue(e.getMessage().contains("apt-get install python3-torch"), e.getMessage());
        }
    }
}
