package org.karyo.trainingbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The trainer's Python passes ruff (Astral's WebAssembly build from npm, run by Node.js through
 * tools/ruff/run_ruff.py with pyproject.toml's rules) and flake8 (pyflakes + pycodestyle; rules in training-bridge/python/.flake8,
 * the same as pyproject.toml's ruff section). Debian packages flake8, not ruff. Skipped with a reason
 * where flake8 is not installed, except in CI ({@code CI=true}), where .ci/run installs it and a
 * missing linter must fail rather than pass unseen.
 */
class TestPythonLint {

    @Test
    void trainerSourcesPassFlake8() throws Exception {
        boolean installed =
                TestPythonSide.run(List.of(TestPythonSide.PYTHON.toString(), "-m", "flake8", "--version"), 60)
                                .exit()
                        == 0;
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(installed, "flake8 is not installed (apt-get install flake8): Python lint skipped");
        }
        TestPythonSide.Result r =
                TestPythonSide.run(List.of(TestPythonSide.PYTHON.toString(), "-m", "flake8", "."), 300);
        assertEquals(0, r.exit(), "flake8 findings (training-bridge/python):\n" + r.output());
    }

    @Test
    void trainerSourcesPassRuff() throws Exception {
        List<String> command = List.of(TestPythonSide.PYTHON.toString(), "tools/ruff/run_ruff.py");
        TestPythonSide.Result r = TestPythonSide.run(command, 300);
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(
                    r.exit() != 2, "ruff is not installed (npm ci in training-bridge/python/tools/ruff)");
        }
        assertEquals(0, r.exit(), "ruff findings (training-bridge/python):\n" + r.output());
    }
}
