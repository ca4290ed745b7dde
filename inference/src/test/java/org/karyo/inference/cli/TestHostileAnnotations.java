package org.karyo.inference.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.core.groundtruth.AnnotationFileException;
import org.karyo.core.groundtruth.CocoReader;
import org.karyo.core.groundtruth.GroundTruthImage;
import org.karyo.core.groundtruth.LabelMeReader;
import picocli.CommandLine;

/** The malformed files of issue 20: each one line naming the file, exit 2 from the command line, no stack trace. */
class TestHostileAnnotations {

    @TempDir
    Path tmp;

    private Path labelMe(String name, String imagePath, String width, String points) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("set"));
        return Files.writeString(
                dir.resolve(name),
                """
                {"shapes": [{"label": "1", "shape_type": "polygon", "points": %s}],
                 "imagePath": "%s", "imageWidth": %s, "imageHeight": 550}
                """
                        .formatted(points, imagePath, width));
    }

    private static String refusal(Path f) {
        return assertThrows(AnnotationFileException.class, () -> LabelMeReader.readFile(f, "x", new ArrayList<>()))
                .getMessage();
    }

    @Test
    void pathsOutOfTheDatasetAreRefused() throws Exception {
        Path f = labelMe("escape.json", "../../../../etc/passwd", "700", "[[1,1],[9,1],[9,9]]");
        String m = refusal(f);
        assertTrue(m.startsWith(f + ": the image path '../../../../etc/passwd' points outside the dataset"), m);
        Path nul = labelMe("nul.json", "a\\u0000b.png", "700", "[[1,1],[9,1],[9,9]]");
        assertTrue(refusal(nul).contains("control characters"));
        // a sibling images/ folder (one level up) is the AutoKary2022 layout: allowed
        Path ok = labelMe("ok.json", "../images/cell.png", "700", "[[1,1],[9,1],[9,9]]");
        GroundTruthImage g = LabelMeReader.readFile(ok, "ok", new ArrayList<>());
        assertTrue(g.imagePath().startsWith(tmp), g.imagePath().toString());
        // an absolute path from another machine is not followed, only its file name looked up here
        Path abs = labelMe("abs.json", "/etc/hostname", "700", "[[1,1],[9,1],[9,9]]");
        assertEquals(
                tmp.resolve("set/hostname"),
                LabelMeReader.readFile(abs, "a", new ArrayList<>()).imagePath());
    }

    @Test
    void sizesThatWrapAndCoordinatesThatOverflowAreRefused() throws Exception {
        assertTrue(refusal(labelMe("w.json", "c.png", "4294967296", "[[1,1],[9,1],[9,9]]"))
                .contains("'imageWidth' must be a positive whole number up to 1000000, got 4294967296"));
        assertTrue(refusal(labelMe("big.json", "c.png", "700", "[[1e308,1],[9,1],[9,9]]"))
                .contains("must be a finite number within +/-10000000, got 1.0E308"));
    }

    @Test
    void cocoFileNamesStayNearTheImages() throws Exception {
        Path coco = Files.writeString(
                tmp.resolve("instances.json"),
                """
                {"images": [{"id": 1, "file_name": "../../secret.png", "width": 10, "height": 10}],
                 "annotations": [], "categories": []}""");
        AnnotationFileException e = assertThrows(AnnotationFileException.class, () -> CocoReader.read(coco, tmp));
        assertTrue(
                e.getMessage().startsWith(coco + ": image 0: the file name '../../secret.png' points outside"),
                e.getMessage());
        Path noId = Files.writeString(
                tmp.resolve("noid.json"),
                """
                {"images": [{"file_name": "a.png", "width": 10, "height": 10}],
                 "annotations": [{"image_id": 1, "bbox": [1, 1, 3, 3]}], "categories": []}""");
        assertTrue(assertThrows(AnnotationFileException.class, () -> CocoReader.read(noId, tmp))
                .getMessage()
                .startsWith(noId.toString()));
    }

    @Test
    void evalSaysOneLineAndExitsWith2() throws Exception {
        Path f = labelMe("escape.json", "../../../../etc/passwd", "700", "[[1,1],[9,1],[9,9]]");
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = Subcommands.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute("eval", "--data", f.getParent().toString(), "--format", "labelme");
        assertEquals(ExitCodes.USAGE, exit, err.toString());
        assertTrue(err.toString().contains("escape.json: the image path"), err.toString());
        assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }
}
