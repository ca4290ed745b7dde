package org.karyo.inference.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.core.SharedData;
import org.karyo.inference.ModelFixtures;
import picocli.CommandLine;

/** The command line on real images from ../shared/data, with the random-weight contract fixture. */
class TestCli {

    @TempDir
    Path tmp;

    Path model;

    @BeforeEach
    void fixture() throws Exception {
        model = ModelFixtures.copy(ModelFixtures.TINY, tmp);
    }

    record Run(int exit, String out, String err) {}

    static Run karyo(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = Subcommands.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void refusesToCountWithAnUntrainedModel() {
        Path img = SharedData.dir("real/cabinh-case-8129A/a/8129A.001.A.TIF");
        Run r = karyo("count", "--model", model.toString(), img.toString());
        assertEquals(ExitCodes.NO_MODEL, r.exit);
        assertTrue(r.err.contains("untrained"), r.err);
        assertEquals("", r.out, "nothing may be counted");
    }

    @Test
    void saysPlainlyWhenNoModelIsInstalled() {
        Run r = karyo("count", "--model", tmp.resolve("absent.onnx").toString(), "x.png");
        assertEquals(ExitCodes.NO_MODEL, r.exit);
        assertTrue(r.err.contains("model file not found"), r.err);
    }

    @Test
    void refusesAWrongModelFileWithItsReason() throws Exception {
        Path wrong = tmp.resolve("wrong.onnx");
        Files.writeString(wrong, "{\"not\": \"a model\"}");
        Run r = karyo("count", "--model", wrong.toString(), "x.png");
        assertEquals(ExitCodes.NO_MODEL, r.exit);
        assertTrue(r.err.contains("not a loadable ONNX model"), r.err);
    }

    @Test
    void countsRealImagesAndReportsBadFilesWithoutStopping() throws Exception {
        Path caseDir = SharedData.dir("real/cabinh-case-8129A/a");
        Path junk = Files.writeString(tmp.resolve("junk.tif"), "not an image");
        Path empty = Files.createFile(tmp.resolve("empty.png"));
        Path json = tmp.resolve("r.json"), csv = tmp.resolve("r.csv");
        Run r = karyo(
                "count",
                "--model",
                model.toString(),
                "--allow-untrained",
                "--loc",
                "0.01",
                "--score",
                "0.02",
                "--out",
                json.toString(),
                "--csv",
                csv.toString(),
                caseDir.toString(),
                junk.toString(),
                empty.toString(),
                tmp.resolve("missing.png").toString());
        assertEquals(ExitCodes.SOME_FAILED, r.exit, r.err);
        assertTrue(r.out.contains("[ 1/13]"), "progress prefix: " + r.out);
        assertTrue(r.out.contains("junk.tif\tERROR: junk.tif: not a PNG, TIFF, JPEG or BMP image"), r.out);
        assertTrue(r.out.contains("empty file"), r.out);
        assertTrue(r.out.contains("file not found"), r.out);
        assertTrue(r.out.contains("Cells counted: 10 (3 file(s) could not be read)"), r.out);
        assertTrue(r.out.contains("Modal number:"), r.out);
        assertTrue(r.err.contains("UNTRAINED"), "an untrained model is flagged: " + r.err);

        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals("deepchm-tiny-random", root.at("/model/name").asText());
        assertEquals(64, root.at("/model/sha256").asText().length());
        JsonNode first = root.at("/images/0");
        assertEquals(693, first.get("width").asInt());
        assertEquals(first.get("count").asInt(), first.get("boxes").size());
        assertTrue(first.get("count").asInt() > 0, "low thresholds on random weights give boxes");
        for (JsonNode b : first.get("boxes")) {
            double angle = b.get("angle").asDouble();
            assertTrue(angle >= 0
                    && angle < 180
                    && b.get("w").asDouble() >= b.get("h").asDouble());
        }
        assertTrue(first.at("/timings_ms/model").asDouble() > 0);
        assertEquals(10, root.at("/summary/cells").asInt());
        assertEquals(3, root.at("/summary/failed").asInt());

        List<String> rows = Files.readAllLines(csv);
        assertEquals(14, rows.size());
        assertEquals("file,status,count,error", rows.get(0));
        assertTrue(rows.stream().anyMatch(l -> l.contains("junk.tif,error,,")));
    }

    @Test
    void truncatedBlankAndBombImagesAreReportedByNameNeverCounted() throws Exception {
        org.karyo.core.image.OpenCv.ensureLoaded();
        Path real = SharedData.dir("real/cabinh-case-8129A/a/8129A.001.A.TIF");
        org.opencv.core.Mat m = org.opencv.imgcodecs.Imgcodecs.imread(real.toString());
        Path whole = tmp.resolve("cell.jpg");
        org.opencv.imgcodecs.Imgcodecs.imwrite(whole.toString(), m);
        byte[] jpg = Files.readAllBytes(whole);
        Path cut = Files.write(tmp.resolve("cut.jpg"), java.util.Arrays.copyOf(jpg, jpg.length * 2 / 3));
        org.opencv.core.Mat grey =
                new org.opencv.core.Mat(400, 500, org.opencv.core.CvType.CV_8UC1, new org.opencv.core.Scalar(200));
        Path blank = tmp.resolve("blank.png");
        org.opencv.imgcodecs.Imgcodecs.imwrite(blank.toString(), grey);
        byte[] png = Files.readAllBytes(blank);
        java.nio.ByteBuffer.wrap(png).putInt(16, 23000).putInt(20, 46000);
        Path bomb = Files.write(tmp.resolve("bomb.png"), png);
        Run r = karyo(
                "count",
                "--model",
                model.toString(),
                "--allow-untrained",
                "--loc",
                "0.01",
                "--score",
                "0.02",
                whole.toString(),
                cut.toString(),
                blank.toString(),
                bomb.toString());
        assertEquals(ExitCodes.SOME_FAILED, r.exit, r.err);
        assertTrue(r.out.contains("cut.jpg\tERROR: cut.jpg: truncated or corrupt JPEG file"), r.out);
        assertTrue(r.out.contains("blank.png\tERROR: blank.png: blank or constant image"), r.out);
        assertTrue(r.out.contains("no chromosomes found: is this a metaphase?"), r.out);
        assertTrue(r.out.contains("bomb.png\tERROR: bomb.png: the PNG header declares 23000 x 46000"), r.out);
        assertTrue(r.out.contains("Cells counted: 1 (3 file(s) could not be read)"), r.out);
    }

    @Test
    void thresholdPeerCountsScoredAgainstTheKaryogramsWithJson() throws Exception {
        Path caseDir = SharedData.dir("real/cabinh-case-8129A/a");
        Path truth = SharedData.dir("real/cabinh-case-8129A/counts.csv");
        Path extra = tmp.resolve("frame.png");
        Files.copy(caseDir.resolve("8129A.001.A.TIF"), tmp.resolve("8129A.001.A.TIF"));
        Files.copy(caseDir.resolve("8129A.001.A.TIF"), extra); // a cell the truth file does not name
        Path json = tmp.resolve("r.json");
        Run r = karyo(
                "count",
                "--method",
                "threshold",
                "--truth",
                truth.toString(),
                "--out",
                json.toString(),
                tmp.resolve("8129A.001.A.TIF").toString(),
                extra.toString());
        assertEquals(ExitCodes.OK, r.exit, r.err);
        assertTrue(r.err.contains("method: threshold"), r.err);
        assertTrue(r.out.contains("Against the true counts:"), r.out);
        assertTrue(r.out.contains("cabinh-case-8129A            cells    1"), r.out);
        assertTrue(r.out.contains("1 counted cell(s) have no row in the truth file(s), not scored:"), r.out);
        assertTrue(r.out.contains("frame.png"), r.out);
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals("threshold", root.at("/model/method").asText());
        int counted = root.at("/images/0/count").asInt();
        assertTrue(counted > 20 && counted < 80, "a real cell's components: " + counted);
        assertEquals(counted - 46, root.at("/truth/sets/0/per_cell/0/error").asInt());
        assertEquals(
                Math.abs(counted - 46),
                root.at("/truth/overall/mean_absolute_error").asDouble(),
                1e-9);
        assertEquals(
                "frame.png",
                Path.of(root.at("/truth/without_truth/0").asText())
                        .getFileName()
                        .toString());
    }

    @Test
    void aBadTruthFileStopsTheCountBeforeAnyImageNamingIt() throws Exception {
        Path img = SharedData.dir("real/cabinh-case-8129A/a/8129A.001.A.TIF");
        Path bad = Files.writeString(tmp.resolve("bad.csv"), "cell,count\n8129A.001.A.TIF,many\n");
        Run r = karyo("count", "--method", "threshold", "--truth", bad.toString(), img.toString());
        assertEquals(ExitCodes.USAGE, r.exit);
        assertTrue(
                r.err.contains(bad.toString()) && r.err.contains("line 2") && r.err.contains("not a whole number"),
                r.err);
        assertEquals("", r.out, "nothing counted");
        Run missing = karyo(
                "count",
                "--model",
                model.toString(),
                "--truth",
                tmp.resolve("none.csv").toString(),
                img.toString());
        assertEquals(ExitCodes.USAGE, missing.exit);
        assertTrue(missing.err.contains("none.csv: file not found"), missing.err);
    }

    @Test
    void evalReportsThePapersMetricsOnRealYoloBoxes() throws Exception {
        Path data = SharedData.dir("real/kosuke-giemsa-yolo/data");
        Path json = tmp.resolve("m.json");
        Path errors = tmp.resolve("errors.csv");
        Path truth = Files.writeString(tmp.resolve("counts.csv"), "cell,count\n1.tif,58\n2.PNG,60\n");
        Run r = karyo(
                "eval",
                "--data",
                data.toString(),
                "--format",
                "yolo",
                "--model",
                model.toString(),
                "--loc",
                "0.01",
                "--json",
                json.toString(),
                "--errors",
                errors.toString(),
                "--truth",
                truth.toString());
        assertEquals(ExitCodes.OK, r.exit, r.err);
        assertTrue(r.out.contains("8 images, 465 ground-truth objects"), r.out);
        assertTrue(r.out.contains("WCR"), r.out);
        assertTrue(r.out.contains("errors at the operating threshold"), r.out);
        JsonNode m = new ObjectMapper().readTree(json.toFile());
        assertEquals(465, m.get("groundTruth").asInt());
        // one row per image; its FP and FN columns add up to the report's operating-point totals
        List<String> rows = Files.readAllLines(errors);
        assertEquals(9, rows.size());
        assertTrue(rows.get(0).startsWith("image,ground_truth,predicted,tp,fp,fn,"), rows.get(0));
        int gt = 0, fp = 0, fn = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",", -1);
            gt += Integer.parseInt(f[1]);
            fp += Integer.parseInt(f[4]);
            fn += Integer.parseInt(f[5]);
        }
        assertEquals(465, gt);
        assertEquals(m.at("/operating/fp").asInt(), fp);
        assertEquals(m.at("/operating/fn").asInt(), fn);
        // --truth: the counts at the operating threshold (the errors file's "predicted") against the truth file
        assertTrue(r.out.contains("Against the true counts:"), r.out);
        assertTrue(r.out.contains("6 counted cell(s) have no row in the truth file(s)"), r.out);
        assertEquals(2, m.at("/truth/overall/cells").asInt());
        String first = rows.get(1); // image 1, the first in name order
        assertTrue(first.split(",", -1)[0].matches("(.*/)?1(\\.png)?"), first);
        int predicted = Integer.parseInt(first.split(",", -1)[2]);
        assertEquals(predicted - 58, m.at("/truth/sets/0/per_cell/0/error").asInt());
    }

    @Test
    void evalSaysWhenTheImagesAreNotThere() {
        Path data = SharedData.dir("formats/autokary2022-labelme/dataset");
        Run r = karyo("eval", "--data", data.toString(), "--format", "labelme", "--model", model.toString());
        assertEquals(ExitCodes.USAGE, r.exit);
        assertTrue(r.err.contains("nothing to evaluate"), r.err);
    }

    @Test
    void benchTimesEveryStageAndComparesNms() throws Exception {
        Path img = SharedData.dir("real/cabinh-case-8129A/a/8129A.001.A.TIF");
        Path layouts = SharedData.dir("formats/autokary2022-labelme/dataset/val");
        Path json = tmp.resolve("b.json");
        Run r = karyo(
                "bench",
                "--model",
                model.toString(),
                "--images",
                img.toString(),
                "--runs",
                "1",
                "--layouts",
                layouts.toString(),
                "--nms-sizes",
                "300",
                "--json",
                json.toString());
        assertEquals(ExitCodes.OK, r.exit, r.err);
        for (String stage : List.of("load", "preprocess", "model", "SGAch+decode", "NMS", "OpenCV")) {
            assertTrue(r.out.contains(stage), stage + " in " + r.out);
        }
        JsonNode b = new ObjectMapper().readTree(json.toFile());
        assertEquals(5, b.at("/postprocess_real_density/spreads").size());
        assertEquals(300, b.at("/nms/0/boxes").asInt());
    }
}
