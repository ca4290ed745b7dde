package org.karyo.inference.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** karyo karyotype with boxes from a results file, the shipped classifier and bad input. */
class TestKaryotypeCommand {

    static final Path CLASSIFIER = Path.of("..", "assets", "models", "karyo-classifier.onnx");
    static final Path CELL = Path.of("..", "assets", "demo", "DEMO-0001", "cell-01.png");

    @TempDir
    Path tmp;

    private Path boxes(String body) throws Exception {
        Path f = tmp.resolve("results.json");
        Files.writeString(f, body);
        return f;
    }

    @Test
    void writesTheKaryogramAndTheProposalForGivenBoxes() throws Exception {
        assumeTrue(Files.isRegularFile(CLASSIFIER) && Files.isRegularFile(CELL), "no classifier or demo cell");
        // three boxes on the demo cell: wherever they lie, each gets a placement
        Path json = boxes("{\"images\":[{\"file\":\"cell-01.png\",\"boxes\":["
                + "{\"cx\":200,\"cy\":200,\"w\":40,\"h\":12,\"angle\":30,\"score\":0.9},"
                + "{\"cx\":300,\"cy\":250,\"w\":30,\"h\":10,\"angle\":100,\"score\":0.9},"
                + "{\"cx\":5,\"cy\":5,\"w\":8,\"h\":8,\"angle\":0,\"score\":0.9}]}]}");
        Path png = tmp.resolve("k.png");
        TestCli.Run r = TestCli.karyo(
                "karyotype",
                CELL.toString(),
                "--boxes",
                json.toString(),
                "--out",
                png.toString(),
                "--json",
                "--classifier",
                CLASSIFIER.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(ImageIO.read(png.toFile()).getWidth() > 100);
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(3, j.get("placements").size());
        assertTrue(j.get("iscn").asText().matches("\\d+,.*"), j.get("iscn").asText());
        assertEquals(j.get("chromosomes").asInt() + j.get("unsure").asInt(), 3);
    }

    @Test
    void aMalformedBoxesFileIsNamedNotACrash() throws Exception {
        assumeTrue(Files.isRegularFile(CLASSIFIER) && Files.isRegularFile(CELL), "no classifier or demo cell");
        Path json = boxes("{\"images\":[{\"file\":\"cell-01.png\",\"boxes\":[{\"cx\":\"a\"}]}]}");
        TestCli.Run r = TestCli.karyo(
                "karyotype",
                CELL.toString(),
                "--boxes",
                json.toString(),
                "--out",
                tmp.resolve("k.png").toString(),
                "--classifier",
                CLASSIFIER.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("results.json") && r.err().contains("box 1"), r.err());
    }

    @Test
    void aDetectorGivenAsClassifierIsRefused() throws Exception {
        assumeTrue(Files.isRegularFile(CELL), "no demo cell");
        Path det = org.karyo.inference.ModelFixtures.copy(org.karyo.inference.ModelFixtures.TINY, tmp);
        TestCli.Run r = TestCli.karyo(
                "karyotype", CELL.toString(), "--out", tmp.resolve("k.png").toString(), "--classifier", det.toString());
        assertEquals(ExitCodes.NO_MODEL, r.exit());
        assertTrue(r.err().contains("karyo-classify-1"), r.err());
    }
}
