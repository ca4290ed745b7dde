package org.karyo.app.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of every reader of outside input: images, annotation files, models. In
 * {@code mvn verify}: a few hundred inputs of each kind (seed 20) in well under 3 minutes. The
 * larger run of docs/reliability.md uses the same code with more inputs and the activation cases:
 * <pre>
 * mvn -B -q -pl app -am test -Dtest=TestFuzz -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dkaryo.fuzz.images=1000 -Dkaryo.fuzz.annotations=1000 -Dkaryo.fuzz.models=200 \
 *     -Dkaryo.fuzz.activation=true -Dkaryo.fuzz.seed=2026 [-Dkaryo.fuzz.corrupted=6]
 * </pre>
 * Every outcome is either accepted or refused with a message naming the file; a crash, a hang, a
 * message without the file name, a truncated image or a broken model accepted fails the test.
 */
class TestFuzz {

    static final Path DEMO = Path.of("../assets/demo/DEMO-0001");
    static final Path TINY = Path.of("../inference/src/test/resources/models/deepchm-tiny-random.onnx");
    static final Path DEFAULT = Path.of("../assets/models/deepchm-default.onnx");

    @TempDir
    Path tmp;

    @Test
    void noCrashNoHangAndEveryRefusalNamesItsFile() throws Exception {
        long seed = Long.getLong("karyo.fuzz.seed", 20);
        int images = Integer.getInteger("karyo.fuzz.images", 300);
        int annotations = Integer.getInteger("karyo.fuzz.annotations", 300);
        int models = Integer.getInteger("karyo.fuzz.models", 60);
        String shared = System.getProperty("karyo.shared.data", "../../shared/data");
        Path real = Path.of(shared).resolve("real/cabinh-case-8129A/a/8129A.001.A.TIF");

        List<FuzzTally> tallies = new ArrayList<>();
        tallies.add(ImageFuzz.run(
                ImageFuzz.seeds(DEMO.resolve("cell-01.png"), real, tmp.resolve("seeds")),
                images,
                seed,
                tmp.resolve("images")));
        tallies.add(AnnotationFuzz.run(DEMO, annotations, seed, tmp.resolve("annotations")));
        tallies.add(ModelFuzz.files(TINY, models, seed, tmp.resolve("models")));
        tallies.add(ModelFuzz.tampered(TINY, DEFAULT, Math.max(3, models / 3), seed, tmp.resolve("tampered")));
        if (Boolean.getBoolean("karyo.fuzz.activation")) {
            int corrupted = Integer.getInteger("karyo.fuzz.corrupted", 6);
            tallies.add(ModelFuzz.activation(DEFAULT, TINY, corrupted, seed, tmp.resolve("activation")));
        }
        StringBuilder report = new StringBuilder();
        for (FuzzTally t : tallies) {
            report.append(t.summary()).append('\n');
            t.failures.stream()
                    .limit(20)
                    .forEach(f -> report.append("  ").append(f).append('\n'));
            if (t.inputs <= 20) {
                t.refusals.forEach(f -> report.append("  refused ").append(f).append('\n'));
            }
        }
        System.out.print(report);
        String out = System.getProperty("karyo.fuzz.report");
        if (out != null) {
            Files.writeString(Path.of(out), report);
        }
        for (FuzzTally t : tallies) {
            assertEquals(0, t.failed(), report.toString());
            assertTrue(t.inputs == 0 || t.refused > 0, t.what + ": the mutations must reach the refusals");
        }
    }
}
