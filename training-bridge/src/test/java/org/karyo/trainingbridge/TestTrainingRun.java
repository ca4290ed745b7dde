package org.karyo.trainingbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Process handling with fake trainers (shell scripts): no torch needed. */
@Timeout(60)
class TestTrainingRun {

    @TempDir
    Path tmp;

    final List<TrainingEvent> events = Collections.synchronizedList(new ArrayList<>());

    TrainingRun start(String body, Duration grace, TrainingListener... more) throws IOException {
        Path script = Fixtures.script(tmp, "trainer.sh", body);
        TrainerCommand cmd =
                new TrainerCommand(List.of("/bin/sh", script.toString()), tmp, tmp.resolve("run"), Map.of());
        List<TrainingListener> all = new ArrayList<>(List.of(events::add));
        all.addAll(List.of(more));
        return TrainingRun.start(cmd, grace, all.toArray(TrainingListener[]::new));
    }

    List<String> types(TrainingEvent.Source source) {
        synchronized (events) {
            return events.stream()
                    .filter(e -> e.source() == source)
                    .map(TrainingEvent::type)
                    .toList();
        }
    }

    @Test
    void parsesEventsInOrderAndKeepsEverythingInTheLog() throws Exception {
        TrainingRun run = start(
                """
                echo '{"event": "start", "run_dir": "run", "dataset": {"train_images": 8, "val_images": 2}}'
                echo 'loading data' >&2
                echo '{"event": "step", "epoch": 1, "step": 1, "steps_total": 3, "loss": {"total": 2.5}}'
                echo 'not json at all'
                echo '{"event": "step", "epoch": 1, "step": 2, "steps_total": 3, "loss": {"total": 2.0}}'
                echo '{"event": "step", "epoch": 1, "step": 3, "steps_total": 3, "loss": {"total": 1.5}}'
                echo '{"event": "validation", "epoch": 1, "step": 3, "metrics": {"loss": 1.4, "ap": 0.25}}'
                echo '{"event": "checkpoint", "path": "run/checkpoints/last.pt", "step": 3, "best": true}'
                echo onnx > model.onnx
                echo '{"event": "export", "path": "model.onnx", "sha256": "x", "bytes": 5}'
                echo '{"event": "done", "status": "ok", "step": 3, "best_val_loss": 1.4}'
                """,
                TrainingRun.DEFAULT_GRACE);
        TrainingOutcome o = run.await();
        assertEquals(TrainingOutcome.Status.OK, o.status(), o.message());
        assertEquals(
                List.of("start", "step", "log", "step", "step", "validation", "checkpoint", "export", "done"),
                types(TrainingEvent.Source.STDOUT));
        assertEquals(List.of("log"), types(TrainingEvent.Source.STDERR));
        TrainingEvent notJson = events.stream()
                .filter(e -> e.isLog() && e.source() == TrainingEvent.Source.STDOUT)
                .findFirst()
                .orElseThrow();
        assertEquals("not json at all", notJson.line());
        List<Long> steps = events.stream()
                .filter(e -> e.is(TrainingEvent.STEP))
                .map(e -> e.step().getAsLong())
                .toList();
        assertEquals(List.of(1L, 2L, 3L), steps);
        TrainingEvent first = events.stream()
                .filter(e -> e.source() == TrainingEvent.Source.STDOUT)
                .findFirst()
                .orElseThrow();
        assertEquals(8, first.data().path("dataset").path("train_images").asInt());
        assertEquals(0, o.exitCode());
        assertEquals(3, o.lastStep());
        assertEquals(tmp.resolve("model.onnx"), o.exportedModel());
        assertEquals(0.25, o.lastValidation().path("ap").asDouble());
        String log = Files.readString(o.log());
        assertEquals(tmp.resolve("run/trainer.log"), o.log());
        assertTrue(
                log.contains("loading data") && log.contains("not json at all") && log.contains("\"event\": \"done\""),
                log);
    }

    @Test
    void cancelStopsTheTrainerThroughSigtermAndKeepsThePartialLog() throws Exception {
        CountDownLatch stepping = new CountDownLatch(3);
        TrainingRun run = start(
                """
                step=0
                trap 'echo "{\\"event\\": \\"done\\", \\"status\\": \\"cancelled\\", \\"step\\": $step}"; exit 0' TERM
                echo '{"event": "start"}'
                while true; do
                  step=$((step + 1))
                  echo "{\\"event\\": \\"step\\", \\"epoch\\": 1, \\"step\\": $step, \\"steps_total\\": 100000}"
                  sleep 0.05
                done
                """,
                TrainingRun.DEFAULT_GRACE,
                e -> {
                    if (e.is(TrainingEvent.STEP)) {
                        stepping.countDown();
                    }
                });
        assertTrue(stepping.await(20, TimeUnit.SECONDS), "the fake trainer should be stepping");
        assertTrue(run.isRunning());
        run.cancel();
        TrainingOutcome o = run.await();
        assertEquals(TrainingOutcome.Status.CANCELLED, o.status(), o.message());
        assertEquals(0, o.exitCode(), "the trainer handled SIGTERM itself");
        assertTrue(o.lastStep() >= 3, "last step " + o.lastStep());
        assertTrue(o.message().contains("--resume"), o.message());
        assertFalse(ProcessHandle.of(run.pid()).map(ProcessHandle::isAlive).orElse(false), "child gone");
        assertEquals(TrainingEvent.DONE, events.get(events.size() - 1).type());
        String log = Files.readString(o.log());
        assertTrue(log.contains("\"step\": 3,") && log.contains("cancel requested"), log);
    }

    @Test
    void aTrainerIgnoringSigtermIsKilledAfterTheGracePeriod() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        TrainingRun run = start(
                """
                trap '' TERM
                echo '{"event": "step", "epoch": 1, "step": 7, "steps_total": 10}'
                while true; do sleep 0.05; done
                """,
                Duration.ofMillis(500),
                e -> started.countDown());
        assertTrue(started.await(20, TimeUnit.SECONDS));
        long t0 = System.nanoTime();
        run.cancel();
        TrainingOutcome o = run.await();
        assertTrue(System.nanoTime() - t0 < 15_000_000_000L, "killed after the grace period, not hung");
        assertEquals(TrainingOutcome.Status.CANCELLED, o.status(), o.message());
        assertEquals(128 + 9, o.exitCode());
        assertTrue(o.message().contains("killed"), o.message());
        assertEquals(7, o.lastStep());
        assertFalse(ProcessHandle.of(run.pid()).map(ProcessHandle::isAlive).orElse(false), "child gone");
        assertTrue(Files.readString(o.log()).contains("killing it"));
    }

    @Test
    void aTrainerThatDiesOfSigtermIsCancelledWithoutCheckpoint() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        TrainingRun run = start(
                """
                echo '{"event": "step", "epoch": 1, "step": 2, "steps_total": 10}'
                exec sleep 30
                """,
                TrainingRun.DEFAULT_GRACE,
                e -> started.countDown());
        assertTrue(started.await(20, TimeUnit.SECONDS));
        run.cancel();
        TrainingOutcome o = run.await();
        assertEquals(TrainingOutcome.Status.CANCELLED, o.status(), o.message());
        assertEquals(128 + 15, o.exitCode());
        assertTrue(o.message().contains("without saving a checkpoint"), o.message());
    }

    @Test
    void aCrashIsAFailureWithTheStderrTailAndTheLogKept() throws Exception {
        TrainingRun run = start(
                """
                echo '{"event": "step", "epoch": 1, "step": 12, "steps_total": 100}'
                echo 'Traceback (most recent call last):' >&2
                echo '  File "deepchm/train.py", line 1, in <module>' >&2
                echo 'RuntimeError: CUDA out of memory, boom' >&2
                exit 1
                """,
                TrainingRun.DEFAULT_GRACE);
        TrainingOutcome o = run.await();
        assertEquals(TrainingOutcome.Status.FAILED, o.status());
        assertEquals(1, o.exitCode());
        assertEquals(12, o.lastStep());
        assertNull(o.exportedModel());
        assertTrue(o.message().contains("crashed (exit code 1) after step 12"), o.message());
        assertTrue(o.message().contains("RuntimeError: CUDA out of memory, boom"), o.message());
        assertTrue(o.message().contains(o.log().toString()), "names the log: " + o.message());
        String log = Files.readString(o.log());
        assertTrue(log.contains("\"step\": 12") && log.contains("Traceback"), log);
    }

    @Test
    void aChildKilledBySignalIsAFailureNamingTheSignal() throws Exception {
        TrainingRun run = start(
                """
                echo '{"event": "step", "epoch": 1, "step": 4, "steps_total": 100}'
                echo 'about to die' >&2
                kill -9 $$
                """,
                TrainingRun.DEFAULT_GRACE);
        TrainingOutcome o = run.await();
        assertEquals(TrainingOutcome.Status.FAILED, o.status());
        assertEquals(137, o.exitCode());
        assertTrue(o.message().contains("killed by signal 9") && o.message().contains("about to die"), o.message());
        assertTrue(Files.readString(o.log()).contains("about to die"));
    }

    @Test
    void theErrorEventAndBadArgumentsAreReported() throws Exception {
        TrainingRun run = start(
                """
                echo '{"event": "error", "message": "no LabelMe files under /nowhere"}'
                exit 2
                """,
                TrainingRun.DEFAULT_GRACE);
        TrainingOutcome o = run.await();
        assertEquals(TrainingOutcome.Status.FAILED, o.status());
        assertEquals(2, o.exitCode());
        assertTrue(
                o.message().contains("refused its arguments or data")
                        && o.message().contains("no LabelMe files under /nowhere"),
                o.message());
    }

    @Test
    void exitZeroWithoutDoneIsNotSuccess() throws Exception {
        TrainingOutcome o = start("echo '{\"event\": \"step\", \"step\": 1}'\n", TrainingRun.DEFAULT_GRACE)
                .await();
        assertEquals(TrainingOutcome.Status.FAILED, o.status());
        assertTrue(o.message().contains("no 'done' event"), o.message());
    }

    @Test
    void aFailingListenerDoesNotStopTheRun() throws Exception {
        TrainingRun run = start(
                """
                echo '{"event": "step", "step": 1}'
                echo '{"event": "step", "step": 2}'
                echo '{"event": "done", "status": "ok", "step": 2}'
                """,
                TrainingRun.DEFAULT_GRACE,
                e -> {
                    throw new IllegalStateException("listener bug");
                });
        TrainingOutcome o = run.await();
        assertEquals(TrainingOutcome.Status.OK, o.status(), o.message());
        assertEquals(3, events.size(), "the other listener still got every event");
        assertTrue(Files.readString(o.log()).contains("listener bug"));
    }

    @Test
    void aMissingProgramFailsToStartWithItsName() {
        TrainerCommand cmd = new TrainerCommand(
                List.of(tmp.resolve("no-such-python").toString()), tmp, tmp.resolve("run"), Map.of());
        IOException e = assertThrows(IOException.class, () -> TrainingRun.start(cmd));
        assertTrue(e.getMessage().contains("no-such-python"), e.getMessage());
    }

    @Test
    void linesAreParsedLeniently() {
        assertEquals(
                "step",
                TrainingEvent.parse("{\"event\": \"step\", \"step\": 5}").type());
        assertEquals(
                5,
                TrainingEvent.parse("{\"event\": \"step\", \"step\": 5}").step().getAsLong());
        assertEquals("step", TrainingEvent.parse("{\"type\": \"step\"}").type());
        TrainingEvent nan =
                TrainingEvent.parse("{\"event\": \"validation\", \"metrics\": {\"loss\": NaN, \"ap\": 0.0}}");
        assertEquals("validation", nan.type(), "Python's json.dumps writes NaN");
        assertTrue(Double.isNaN(nan.data().at("/metrics/loss").asDouble()));
        for (String s : List.of("{\"loss\": 1}", "{broken", "[1, 2]", "", "epoch 1 done", "{\"event\": 3}")) {
            TrainingEvent e = TrainingEvent.parse(s);
            assertTrue(e.isLog(), s);
            assertEquals(s, e.line());
            assertNotNull(e.data());
            assertTrue(e.step().isEmpty());
        }
    }
}
