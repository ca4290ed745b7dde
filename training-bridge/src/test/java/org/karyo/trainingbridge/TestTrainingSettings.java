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
    void everySettingMapsToTheTrainersFlag() {
        TrainingSettings s = TrainingSettings.builder(Path.of("/d/data"), Path.of("/d/run"))
                .preset("lite")
                .backbone("resnet34")
                .width(0.5)
                .anchorScales(List.of(2.0, 3.5, 6.0))
                .epochs(12)
                .stepsPerEpoch(200)
                .maxSteps(1000L)
                .crop(256)
                .input("512x768")
                .device("cuda")
                .threads(4)
                .seed(7L)
                .valFraction(0.2)
                .lr(1e-4)
                .lrDecay(0.96)
                .sampler("ohem")
                .disable("sgach")
                .disable("dasmp")
                .resume(true)
                .name("deepchm-r34")
                .version("0.2.0")
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
                        "--input",
                        "512x768",
                        "--device",
                        "cuda",
                        "--threads",
                        "4",
                        "--seed",
                        "7",
                        "--val-fraction",
                        "0.2",
                        "--lr",
                        "0.0001",
                        "--lr-decay",
                        "0.96",
                        "--sampler",
                        "ohem",
                        "--no-dasmp",
                        "--no-sgach",
                        "--resume",
                        "--export",
                        "/d/run/model.onnx",
                        "--name",
                        "deepchm-r34",
                        "--version",
                        "0.2.0"),
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
    void badValuesAreRefusedWithTheirName() {
        TrainingSettings.Builder b = TrainingSettings.builder(Path.of("/d"), Path.of("/r"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class, () -> b.device("tpu").build())
                .getMessage()
                .contains("device 'tpu'"));
        assertThrows(IllegalArgumentException.class, () -> TrainingSettings.builder(Path.of("/d"), Path.of("/r"))
                .epochs(0)
                .build());
        assertThrows(IllegalArgumentException.class, () -> TrainingSettings.builder(Path.of("/d"), Path.of("/r"))
                .valFraction(1.0)
                .build());
        assertThrows(IllegalArgumentException.class, () -> TrainingSettings.builder(Path.of("/d"), Path.of("/r"))
                .input("512")
                .build());
        assertThrows(IllegalArgumentException.class, () -> TrainingSettings.builder(Path.of("/d"), Path.of("/r"))
                .disable("nms")
                .build());
        assertTrue(assertThrows(
                        IllegalArgumentException.class, () -> TrainingSettings.builder(Path.of("/d"), Path.of("/r"))
                                .anchorScales(List.of(2.0, 0.0))
                                .build())
                .getMessage()
                .contains("anchor scale"));
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
