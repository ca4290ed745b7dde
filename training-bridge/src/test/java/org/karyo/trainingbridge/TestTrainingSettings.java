package org.karyo.trainingbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestTrainingSettings {

    @TempDir
    Path tmp;

    @Test
    void onlyWhatIsSetIsPassedAndTheExportGoesIntoTheRunFolder() {
        TrainingSettings s =
                TrainingSettings.builder(Path.of("/d/data"), Path.of("/d/run")).build();
        assertEquals(List.of("--data", "/d/data", "--out", "/d/run", "--export", "/d/run/model.onnx"), s.arguments());
    }

    @Test
    void everySettingMapsToTheTrainersFlagInTheTrainersOrder() {
        TrainingSettings s = TrainingSettings.builder(Path.of("/d/data"), Path.of("/d/run"))
                .name("deepchm-r34")
                .option("--sampler", "ohem")
                .option("--no-sgach", true)
                .option("--no-dasmp", true)
                .option("--no-hdlos", false)
                .preset("lite")
                .option("--backbone", "resnet34")
                .option("--width", 0.5)
                .option("--anchor-scales", List.of(2.0, 3.5, 6.0))
                .epochs(12)
                .stepsPerEpoch(200)
                .maxSteps(1000L)
                .option("--crop", 256)
                .input("512x768")
                .option("--device", "cuda")
                .option("--lr", 1e-4)
                .option("--version", "0.2.0")
                .resume(true)
                .build();
        assertEquals(
                List.of(
                        "--data",
                        "/d/data",
                        "--out",
                        "/d/run",
                        "--preset",
                        "lite",
                        "--backbone",
                        "resnet34",
                        "--width",
                        "0.5",
                        "--input",
                        "512x768",
                        "--anchor-scales",
                        "2,3.5,6",
                        "--epochs",
                        "12",
                        "--steps-per-epoch",
                        "200",
                        "--max-steps",
                        "1000",
                        "--crop",
                        "256",
                        "--device",
                        "cuda",
                        "--lr",
                        "0.0001",
                        "--sampler",
                        "ohem",
                        "--no-sgach",
                        "--no-dasmp",
                        "--name",
                        "deepchm-r34",
                        "--version",
                        "0.2.0",
                        "--resume",
                        "--export",
                        "/d/run/model.onnx"),
                s.arguments());
    }

    @Test
    void relativeFoldersBecomeAbsoluteBecauseTheTrainerRunsElsewhere() {
        TrainingSettings s =
                TrainingSettings.builder(Path.of("data"), Path.of("runs/a")).build();
        assertTrue(s.dataDir().isAbsolute() && s.runDir().isAbsolute());
        assertEquals(Path.of("").toAbsolutePath().resolve("runs/a/model.onnx"), s.exportPath());
    }

    @Test
    void valuesOfTheWrongTypeOrChoiceAndUnknownOptionsAreRefusedWithTheirName() {
        TrainingSettings.Builder b = TrainingSettings.builder(Path.of("/d"), Path.of("/r"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.option("--device", "tpu"))
                .getMessage()
                .contains("--device 'tpu'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.option("--epochs", 1.5))
                .getMessage()
                .contains("--epochs takes a whole number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.option("--lr", "fast"))
                .getMessage()
                .contains("--lr"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.option("--anchor-scales", "2,,5"))
                .getMessage()
                .contains("--anchor-scales"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.option("--no-nms", true))
                .getMessage()
                .contains("no option --no-nms"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.option("--no-sgach", "yes"))
                .getMessage()
                .contains("switch"));
        // the launcher's own: the folders, the export and --resume are not settings
        assertThrows(
                IllegalArgumentException.class,
                () -> new TrainingSettings(Path.of("/d"), Path.of("/r"), java.util.Map.of("--export", "x"), false));
    }

    @Test
    void theRealTrainerCommandRunsPythonUnbufferedInTheTrainerFolder() throws Exception {
        Path trainer = tmp.resolve("python");
        Files.createDirectories(trainer.resolve("deepchm"));
        Files.writeString(trainer.resolve("deepchm/train.py"), "");
        PythonEnvironment py = new PythonEnvironment(Path.of("/usr/bin/python3"), "1.13", false);
        TrainingSettings s = TrainingSettings.builder(tmp.resolve("data"), tmp.resolve("run"))
                .epochs(1)
                .build();
        TrainerCommand c = TrainerCommand.deepchm(py, s, trainer);
        List<String> argv = c.argv();
        int py0 = argv.indexOf("/usr/bin/python3");
        assertEquals(List.of("/usr/bin/python3", "-u", "-m", "deepchm.train"), argv.subList(py0, py0 + 4));
        assertEquals(s.arguments(), argv.subList(py0 + 4, argv.size()));
        assertEquals(trainer, c.workDir());
        assertEquals(s.runDir(), c.runDir());
        TrainingUnavailableException e = assertThrows(
                TrainingUnavailableException.class, () -> TrainerCommand.deepchm(py, s, tmp.resolve("elsewhere")));
        assertTrue(e.getMessage().contains("deepchm/train.py"), e.getMessage());
    }
}
