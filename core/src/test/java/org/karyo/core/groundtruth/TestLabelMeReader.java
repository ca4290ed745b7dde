package org.karyo.core.groundtruth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.core.SharedData;
import org.karyo.core.geometry.AxisBox;
import org.karyo.core.geometry.RotatedBox;

class TestLabelMeReader {

    @TempDir
    Path tmp;

    /** A standard LabelMe file: a rotated polygon, a rectangle, a line and a 2-point polygon. */
    private static String standard(String imageData) {
        double[] c = RotatedBox.of(50, 40, 30, 10, 30).corners();
        return String.format(
                Locale.ROOT,
                """
                {"version": "5.2.1", "flags": {}, "imagePath": "img/a.png", %s
                 "imageHeight": 100, "imageWidth": 200,
                 "shapes": [
                  {"label": "7", "points": [[%f, %f], [%f, %f], [%f, %f], [%f, %f]], "group_id": null,
                   "shape_type": "polygon", "flags": {}},
                  {"label": "X", "points": [[120, 80], [100, 60]], "shape_type": "rectangle"},
                  {"label": "ruler", "points": [[0, 0], [10, 10]], "shape_type": "line"},
                  {"label": "3", "points": [[5, 5], [6, 6]], "shape_type": "polygon"}
                 ]}""",
                imageData,
                c[0],
                c[1],
                c[2],
                c[3],
                c[4],
                c[5],
                c[6],
                c[7]);
    }

    @Test
    void standardFileRoundTripWithAndWithoutImageData() throws Exception {
        Files.writeString(tmp.resolve("plain.json"), standard(""));
        Files.writeString(tmp.resolve("embedded.json"), standard("\"imageData\": \"iVBORw0KGgoAAAANSUhEUgAAAAE=\","));
        GroundTruthSet set = LabelMeReader.read(tmp);
        assertEquals(2, set.images().size());
        assertFalse(set.horizontal());
        for (GroundTruthImage im : set.images()) {
            assertEquals(200, im.width());
            assertEquals(100, im.height());
            assertEquals(tmp.resolve("img/a.png").toAbsolutePath(), im.imagePath());
            assertFalse(im.imageAvailable());
            assertEquals(2, im.objects().size());
            GroundTruthObject poly = im.objects().get(0);
            assertEquals("7", poly.label());
            assertEquals(4, poly.polygon().size());
            assertNull(poly.axis());
            assertBox(RotatedBox.of(50, 40, 30, 10, 30), poly.box());
            GroundTruthObject rect = im.objects().get(1);
            assertEquals(new AxisBox(100, 60, 120, 80), rect.axis());
            assertEquals("X", rect.label());
        }
        assertEquals(set.images().get(0).objects(), set.images().get(1).objects());
        assertEquals(4, set.notes().size(), set.notes().toString()); // a line and a degenerate polygon per file
        assertTrue(
                set.notes().get(0).contains("embedded: skipped 1 'line' shape(s)"),
                set.notes().toString());
    }

    @Test
    void imagePathsFromWindowsAndTheAutoKaryLayout() throws Exception {
        Path ann = Files.createDirectories(tmp.resolve("annotations"));
        Files.createDirectories(tmp.resolve("images"));
        Files.write(tmp.resolve("images/b.png"), new byte[] {1});
        assertEquals(
                tmp.resolve("images/b.png").toAbsolutePath(),
                LabelMeFile.resolveImage(ann.resolve("b.json"), "..\\images\\b.png"));
        // Bare name next to the JSON is absent, the sibling images/ folder has it.
        assertEquals(
                tmp.resolve("images/b.png").toAbsolutePath(), LabelMeFile.resolveImage(ann.resolve("b.json"), "b.png"));
        // Nowhere: the written path is kept.
        assertEquals(ann.resolve("c.png").toAbsolutePath(), LabelMeFile.resolveImage(ann.resolve("c.json"), "c.png"));
        assertNull(LabelMeFile.resolveImage(ann.resolve("c.json"), ""));
    }

    @Test
    void malformedFilesNameTheFileAndTheProblem() throws Exception {
        Path broken = tmp.resolve("broken.json");
        Files.writeString(broken, "{\"shapes\": [");
        AnnotationFileException e = assertThrows(AnnotationFileException.class, () -> LabelMeReader.read(broken));
        assertTrue(e.getMessage().contains("broken.json") && e.getMessage().contains("not valid JSON"), e.getMessage());
        assertEquals(broken, e.file());

        assertProblem("{\"imagePath\": \"x.png\", \"shapes\": []}", "'imageWidth' / 'image_width'");
        assertProblem("{\"imageWidth\": 10, \"imageHeight\": 10}", "missing 'shapes'");
        assertProblem(
                "{\"imageWidth\": 10, \"imageHeight\": 10, \"shapes\": [{\"label\": \"1\"}]}",
                "missing 'points' in shape 0");
        assertProblem(
                "{\"imageWidth\": 10, \"imageHeight\": 10, \"shapes\": [{\"points\": [[1, 2], [\"a\", 3]]}]}",
                "shape 0, point 1 x");
        assertProblem("{\"imageWidth\": -5, \"imageHeight\": 10, \"shapes\": []}", "positive whole number");
        assertProblem("[1, 2]", "JSON object");
        assertProblem("", "JSON object");
    }

    private void assertProblem(String content, String expected) throws IOException {
        Path f = tmp.resolve("bad.json");
        Files.writeString(f, content);
        AnnotationFileException e =
                assertThrows(AnnotationFileException.class, () -> LabelMeReader.readFile(f, "bad", new ArrayList<>()));
        assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void lenientReadKeepsTheGoodFiles() throws Exception {
        Files.createDirectories(tmp.resolve("sub"));
        Files.writeString(tmp.resolve("sub/good.json"), standard(""));
        Files.writeString(tmp.resolve("bad.json"), "{\"imageWidth\": 10}");
        assertThrows(AnnotationFileException.class, () -> LabelMeReader.read(tmp));
        LabelMeReader.Lenient r = LabelMeReader.readLenient(tmp);
        assertEquals(1, r.set().images().size());
        assertEquals("sub/good", r.set().images().get(0).name());
        assertEquals(1, r.errors().size());
        assertEquals(tmp.resolve("bad.json"), r.errors().get(0).file());
        AnnotationFileException none = assertThrows(
                AnnotationFileException.class,
                () -> LabelMeReader.readLenient(Files.createDirectories(tmp.resolve("empty"))));
        assertTrue(none.getMessage().contains("no LabelMe .json"), none.getMessage());
    }

    /** The AutoKary2022 dialect: snake-case keys, 15 files, 642 polygons, images not shipped. */
    @Test
    void autoKary2022Files() throws Exception {
        Path dir = SharedData.dir("formats/autokary2022-labelme");
        GroundTruthSet set = LabelMeReader.read(dir);
        assertEquals(15, set.images().size());
        assertEquals(
                10,
                set.images().stream()
                        .filter(i -> i.name().startsWith("dataset/train/"))
                        .count());
        Map<String, Integer> labels = new TreeMap<>();
        for (GroundTruthImage im : set.images()) {
            assertEquals(3200, im.width());
            assertEquals(2200, im.height());
            assertTrue(
                    im.objects().size() >= 34 && im.objects().size() <= 46,
                    im.name() + ": " + im.objects().size());
            assertEquals(
                    im.name().substring(im.name().lastIndexOf('/') + 1) + ".png",
                    im.imagePath().getFileName().toString());
            assertFalse(im.imageAvailable());
            for (GroundTruthObject o : im.objects()) {
                labels.merge(o.label(), 1, Integer::sum);
                RotatedBox b = o.box();
                assertTrue(b.cx() > 0 && b.cx() < 3200 && b.cy() > 0 && b.cy() < 2200, b.toString());
                assertTrue(b.h() > 5 && b.w() < 800, b.toString()); // a chromosome, not a slip
                assertTrue(o.polygon().area() <= b.area() + 1e-6);
            }
        }
        assertEquals(642, set.objectCount());
        assertTrue(set.notes().isEmpty(), set.notes().toString());
        for (String l : labels.keySet()) {
            int n = Integer.parseInt(l);
            assertTrue(n >= 1 && n <= 24, l);
        }
    }

    private static void assertBox(RotatedBox want, RotatedBox got) {
        assertEquals(want.cx(), got.cx(), 1e-6);
        assertEquals(want.cy(), got.cy(), 1e-6);
        assertEquals(want.w(), got.w(), 1e-6);
        assertEquals(want.h(), got.h(), 1e-6);
        assertEquals(want.angle(), got.angle(), 1e-6);
    }

    @Test
    void otherJsonBesideTheAnnotationsIsSkippedWithANote() throws Exception {
        Files.writeString(tmp.resolve("a.json"), standard(""));
        Files.writeString(tmp.resolve("dataset.json"), "{\"format\": \"karyo-dataset-1\", \"images\": []}");
        GroundTruthSet set = LabelMeReader.read(tmp);
        assertEquals(1, set.images().size());
        assertTrue(
                set.notes().stream().anyMatch(n -> n.startsWith("dataset:") && n.contains("not a LabelMe")),
                set.notes().toString());
    }
}
