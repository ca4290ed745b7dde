package org.karyo.trainingbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.inference.cli.Subcommands;
import org.karyo.inference.metrics.EvaluationReport;
import org.karyo.inference.onnx.OnnxMetadataFile;
import picocli.CommandLine;

/** The exported model evaluated by the Java detector on the trainer's validation split. */
class TestPostExportEvaluation {

    @TempDir
    Path tmp;

    Path data, model;

    @BeforeEach
    void dataset() throws Exception {
        data = tmp.resolve("dataset");
        Fixtures.labelMe(data.resolve("a/embedded.json"), "embedded.png", true, false);
        Fixtures.labelMe(data.resolve("b/beside.json"), "beside.png", false, false);
        Files.write(data.resolve("b/beside.png"), Fixtures.png());
        Fixtures.labelMe(data.resolve("c/empty.json"), "empty.png", true, true);
        Fixtures.labelMe(data.resolve("d/nothing.json"), "nothing.png", false, false);
        model = Fixtures.tinyModel(tmp.resolve("model"));
    }

    Path split(String root, String... annotations) throws IOException {
        Path f = tmp.resolve("run/val_split.json");
        Files.createDirectories(f.getParent());
        Files.writeString(f, AtomicFiles.jsonLine(java.util.Map.of("root", root, "annotations", List.of(annotations))));
        return f;
    }

    @Test
    void evaluatesListedFilesIncludingEmbeddedImagesAndSaysWhatItSkipped() throws Exception {
        Path split = split(data.toString(), "a/embedded.json", "b/beside.json", "c/empty.json", "d/nothing.json");
        List<String> progress = new ArrayList<>();
        PostExportEvaluation.Result r = PostExportEvaluation.evaluate(model, split, false, progress::add);
        assertEquals(4, r.listed());
        assertEquals(2, r.evaluated());
        assertEquals(2, r.report().images());
        assertEquals(4, r.report().groundTruth());
        assertEquals(2, progress.size(), String.valueOf(progress));
        assertTrue(progress.get(0).startsWith("[1/2] a/embedded: 2 ground truth"), progress.get(0));
        String notes = String.join("\n", r.notes());
        assertTrue(notes.contains("1 image(s) read from embedded imageData"), notes);
        assertTrue(notes.contains("1 image(s) without annotations skipped"), notes);
        assertTrue(notes.contains("1 image(s) skipped: no image file and no embedded imageData"), notes);
        var metrics = AtomicFiles.JSON.createObjectNode();
        r.into(metrics);
        assertEquals(4, metrics.at("/evaluation/groundTruth").asInt());
        assertEquals(2, metrics.at("/evaluation_set/evaluated").asInt());
    }

    @Test
    void reportsExactlyWhatKaryoEvalReports() throws Exception {
        Path only = tmp.resolve("only-b");
        Files.createDirectories(only);
        Files.copy(data.resolve("b/beside.json"), only.resolve("beside.json"));
        Files.copy(data.resolve("b/beside.png"), only.resolve("beside.png"));
        // a root relative to the split file's folder
        PostExportEvaluation.Result r =
                PostExportEvaluation.evaluate(model, split("../only-b", "beside.json"), false, l -> {});
        Path json = tmp.resolve("eval.json");
        CommandLine cl = Subcommands.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(
                "eval",
                "--data",
                only.toString(),
                "--format",
                "labelme",
                "--model",
                model.toString(),
                "--cpu",
                "--json",
                json.toString());
        assertEquals(0, exit, err.toString());
        assertEquals(EvaluationReport.fromJson(Files.readString(json)), r.report());
    }

    @Test
    void aSplitWithNothingToEvaluateSaysWhy() throws Exception {
        IOException e = assertThrows(
                IOException.class,
                () -> PostExportEvaluation.evaluate(
                        model,
                        split(data.toString(), "c/empty.json", "d/nothing.json", "missing.json"),
                        false,
                        l -> {}));
        assertTrue(e.getMessage().contains("none of the 3 validation images"), e.getMessage());
        assertTrue(e.getMessage().contains("missing.json"), e.getMessage());
        Path bad = Files.writeString(tmp.resolve("bad_split.json"), "{\"files\": []}");
        assertThrows(IOException.class, () -> PostExportEvaluation.evaluate(model, bad, false, l -> {}));
    }

    /** The bundled model and the first 12 cells of the demo case stand in for a trained export and its split. */
    @Test
    void calibratesOnTheSplitRegistersTheCalibratedCopyAndStoresWhatKaryoEvalReportsForIt() throws Exception {
        Path demo = Path.of("../assets/demo/DEMO-0001").toAbsolutePath().normalize();
        Path run = tmp.resolve("run");
        Files.createDirectories(run);
        Path export = Files.copy(Path.of("../assets/models/deepchm-default.onnx"), run.resolve("model.onnx"));
        Path cells = Files.createDirectories(tmp.resolve("cells"));
        List<String> listed = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            String name = String.format("cell-%02d", i);
            listed.add(name + ".json");
            Files.copy(demo.resolve(name + ".json"), cells.resolve(name + ".json"));
            Files.copy(demo.resolve(name + ".png"), cells.resolve(name + ".png"));
        }
        split(cells.toString(), listed.toArray(String[]::new));
        Map<String, String> before = OnnxMetadataFile.read(export);
        TrainingOutcome outcome =
                new TrainingOutcome(TrainingOutcome.Status.OK, 0, 10, export, null, "done", run.resolve("trainer.log"));
        ModelRegistry registry = new ModelRegistry(tmp.resolve("registry"));

        ExportRegistration.Registered reg = ExportRegistration.register(registry, outcome, run, false, true, l -> {});

        PostExportEvaluation.Calibrated cal = reg.evaluation().calibrated();
        assertNotNull(cal, String.valueOf(reg.evaluation().notes()));
        assertEquals(run.resolve("model-calibrated.onnx"), cal.model());
        assertEquals(before, OnnxMetadataFile.read(export), "the export itself is left as the trainer wrote it");
        Map<String, String> md = OnnxMetadataFile.read(reg.model().file());
        assertEquals(Double.toString(cal.score()), md.get("thresholds.score"));
        assertEquals(Double.toString(cal.contain()), md.get("thresholds.contain"));
        assertTrue(md.get("thresholds.calibration").contains("\"images\":12"), md.get("thresholds.calibration"));
        assertEquals(
                Double.parseDouble(before.get("thresholds.score")),
                cal.exported().operating().threshold());
        // calibrated on these cells, it miscounts no more of them than the export's own point
        assertTrue(reg.evaluation().report().operating().meanAbsCountError()
                <= cal.exported().operating().meanAbsCountError());
        assertEquals(cal.score(), reg.model().metrics().at("/calibration/score").asDouble());

        Path json = tmp.resolve("eval.json");
        CommandLine cl = Subcommands.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(
                "eval",
                "--data",
                cells.toString(),
                "--format",
                "labelme",
                "--model",
                reg.model().file().toString(),
                "--cpu",
                "--json",
                json.toString());
        assertEquals(0, exit, err.toString());
        assertEquals(
                EvaluationReport.fromJson(Files.readString(json)),
                reg.evaluation().report());
        assertEquals(
                reg.evaluation().report(),
                AtomicFiles.JSON.treeToValue(reg.model().metrics().get("evaluation"), EvaluationReport.class));
    }

    @Test
    void tooFewValidationCellsKeepTheExportsThresholdsAndSaySo() throws Exception {
        Path split = split(data.toString(), "a/embedded.json", "b/beside.json");
        Path out = tmp.resolve("run/model-calibrated.onnx");
        PostExportEvaluation.Result r = PostExportEvaluation.evaluate(model, split, out, false, l -> {});
        assertNull(r.calibrated());
        assertFalse(Files.exists(out));
        assertEquals(model, r.model(model));
        String notes = String.join("\n", r.notes());
        assertTrue(notes.contains("not calibrated: 2 validation image(s), at least 10 needed"), notes);
    }

    @Test
    void embeddedImageDataIsDecoded() throws Exception {
        Path out = PostExportEvaluation.decodeImageData(data.resolve("a/embedded.json"), tmp.resolve("x.img"));
        assertEquals(-1, Files.mismatch(out, writePng(tmp.resolve("ref.png"))));
        JsonNode none = AtomicFiles.JSON
                .readTree(data.resolve("b/beside.json").toFile())
                .get("imageData");
        assertTrue(none.isNull());
        assertEquals(null, PostExportEvaluation.decodeImageData(data.resolve("b/beside.json"), tmp.resolve("y.img")));
    }

    static Path writePng(Path p) throws IOException {
        return Files.write(p, Fixtures.png());
    }
}
