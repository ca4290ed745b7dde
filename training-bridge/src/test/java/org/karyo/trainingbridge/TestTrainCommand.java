package org.karyo.trainingbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.inference.model.KaryoData;

/**
 * {@code karyo train} end to end on the Java side, with a fake Python that answers the torch probe
 * and plays the trainer (events, export of the contract fixture, val_split.json).
 */
@Timeout(120)
class TestTrainCommand {

    @TempDir
    Path tmp;

    String saved;
    Path data, trainerDir, fakePython;

    @BeforeEach
    void setUp() throws Exception {
        saved = System.getProperty(KaryoData.PROPERTY);
        System.setProperty(KaryoData.PROPERTY, tmp.resolve("karyo-data").toString());
        data = tmp.resolve("dataset");
        Fixtures.labelMe(data.resolve("val/x.json"), "x.png", true, false);
        trainerDir = tmp.resolve("trainer");
        Files.createDirectories(trainerDir.resolve("deepchm"));
        Files.writeString(trainerDir.resolve("deepchm/train.py"), "# the fake python below plays it\n");
        fakePython = Fixtures.script(
                tmp.resolve("bin"),
                "python",
                """
                if [ "$1" = "-c" ]; then echo '{"torch": "0.0-fake", "cuda": false}'; exit 0; fi
                [ "$1 $2 $3" = "-u -m deepchm.train" ] || { echo "unexpected: $*" >&2; exit 2; }
                while [ $# -gt 0 ]; do
                  case "$1" in --data) data=$2; shift;; --out) out=$2; shift;; --export) export=$2; shift;; esac
                  shift
                done
                mkdir -p "$out"
                echo "{\\"root\\": \\"$data\\", \\"annotations\\": [\\"val/x.json\\"]}" > "$out/val_split.json"
                echo '{"event": "start", "dataset": {"train_images": 0, "val_images": 1, "instances": 2}, "device": "cpu"}'
                echo '{"event": "step", "epoch": 1, "step": 1, "steps_total": 1, "loss": {"total": 1.5}, "eta_s": 0}'
                echo 'some log line' >&2
                echo '{"event": "validation", "epoch": 1, "step": 1, "metrics": {"loss": 1.2, "ap": 0.125, "f1": 0.25}}'
                cp "%s" "$export"
                echo "{\\"event\\": \\"export\\", \\"path\\": \\"$export\\", \\"bytes\\": 1}"
                echo '{"event": "done", "status": "ok", "step": 1, "best_val_loss": 1.2}'
                """
                        .formatted(Fixtures.TINY.toAbsolutePath()));
    }

    @AfterEach
    void restore() {
        TestModelLocatorRegistry.restore(KaryoData.PROPERTY, saved);
    }

    @Test
    void trainsEvaluatesRegistersAndActivates() throws Exception {
        ModelRegistry registry = ModelRegistry.atDefaultLocation();
        RegisteredModel old = registry.register(Fixtures.tinyModelVersion(tmp, "0.0.1"), null, "earlier");
        registry.activate(old.id());
        Path run = tmp.resolve("run1");
        TestModelsCli.Run r = TestModelsCli.karyo(
                "train",
                "--data",
                data.toString(),
                "--out",
                run.toString(),
                "--epochs",
                "1",
                "--python",
                fakePython.toString(),
                "--trainer-dir",
                trainerDir.toString(),
                "--activate");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("epoch 1  step 1/1  loss 1.5000"), r.out());
        assertTrue(r.out().contains("validation (epoch 1, step 1): loss 1.2000  AP 12.5 %  F1 25.0 %"), r.out());
        RegisteredModel m = registry.active().orElseThrow();
        assertTrue(r.out().contains("registered " + m.id()) && r.out().contains("active model: " + m.id()), r.out());
        assertTrue(r.out().contains("active " + old.id()), "compared with the active model: " + r.out());
        assertEquals(run.toAbsolutePath().toString(), m.source());
        JsonNode metrics = m.metrics();
        assertEquals(0.125, metrics.at("/trainer/ap").asDouble());
        assertEquals(1, metrics.at("/evaluation/images").asInt(), metrics.toString());
        assertEquals(2, metrics.at("/evaluation/groundTruth").asInt());
        assertTrue(metrics.at("/evaluation_set/notes").toString().contains("embedded imageData"), metrics.toString());
        assertEquals(metrics.at("/evaluation/ap").asDouble(), m.ap().getAsDouble(), "the Java figure wins");
        String log = Files.readString(run.resolve("trainer.log"));
        assertTrue(log.contains("some log line") && log.contains("--epochs 1"), log);
    }

    @Test
    void withoutTorchItSaysWhatToInstall() throws Exception {
        Path noTorch = Fixtures.script(
                tmp.resolve("bin2"), "python3", "echo \"ModuleNotFoundError: No module named 'torch'\" >&2; exit 1\n");
        TestModelsCli.Run r = TestModelsCli.karyo(
                "train",
                "--data",
                data.toString(),
                "--python",
                noTorch.toString(),
                "--trainer-dir",
                trainerDir.toString());
        assertEquals(4, r.exit());
        assertTrue(r.err().contains("apt-get install python3-torch"), r.err());
    }

    @Test
    void aFailedTrainingRegistersNothing() throws Exception {
        Path crashing = Fixtures.script(
                tmp.resolve("bin3"),
                "python",
                """
                if [ "$1" = "-c" ]; then echo '{"torch": "0.0-fake", "cuda": false}'; exit 0; fi
                echo 'ValueError: bad crop' >&2
                exit 1
                """);
        TestModelsCli.Run r = TestModelsCli.karyo(
                "train",
                "--data",
                data.toString(),
                "--out",
                tmp.resolve("run2").toString(),
                "--python",
                crashing.toString(),
                "--trainer-dir",
                trainerDir.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("ValueError: bad crop"), r.err());
        assertEquals(0, ModelRegistry.atDefaultLocation().list().size());
        assertEquals(
                2,
                TestModelsCli.karyo("train", "--data", tmp.resolve("nope").toString())
                        .exit());
    }
}
