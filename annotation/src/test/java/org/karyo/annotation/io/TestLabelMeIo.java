package org.karyo.annotation.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.annotation.AnnotatedImage;
import org.karyo.annotation.ChromosomeLabel;
import org.karyo.annotation.InstancePolygon;
import org.karyo.annotation.Vertex;
import org.karyo.core.SharedData;
import org.karyo.core.groundtruth.AnnotationFileException;
import org.karyo.core.groundtruth.GroundTruthSet;
import org.karyo.core.groundtruth.LabelMeReader;
import org.karyo.core.image.OpenCv;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

class TestLabelMeIo {

    @TempDir
    Path tmp;

    /** Awkward values on purpose: many decimals, every label, groups, flags, sparse ids. */
    static AnnotatedImage sample(Path image, long seed) {
        Random rnd = new Random(seed);
        List<InstancePolygon> instances = new java.util.ArrayList<>();
        int id = 3;
        for (ChromosomeLabel l : ChromosomeLabel.values()) {
            double[] xy = new double[2 * (3 + rnd.nextInt(30))];
            for (int i = 0; i < xy.length; i++) {
                xy[i] = rnd.nextDouble() * 3000;
            }
            InstancePolygon p = InstancePolygon.ofFlat(id, l, xy);
            if (l.number() % 3 == 0) {
                p = p.withGroupId(l.number() / 3);
            }
            if (l.number() % 5 == 0) {
                p = new InstancePolygon(p.id(), p.label(), p.points(), p.groupId(), Map.of("checked", true));
            }
            instances.add(p);
            id += 1 + rnd.nextInt(3);
        }
        return new AnnotatedImage(
                image,
                3200,
                2200,
                instances,
                "Dr. Anna Müller",
                Instant.parse("2024-03-01T10:15:30.123Z"),
                Instant.parse("2024-03-02T08:00:00Z"));
    }

    @Test
    void roundTripIsLossless() throws Exception {
        AnnotatedImage a = sample(tmp.resolve("images/cell 1.png"), 1);
        Path json = tmp.resolve("ann/cell 1.json");
        LabelMeIo.write(a, json);
        String text = Files.readString(json);
        assertTrue(text.contains("\"imagePath\" : \"../images/cell 1.png\""), "relative image path");
        assertTrue(text.contains("\"imageData\" : null"));
        LabelMeDocument d = LabelMeIo.read(json);
        assertEquals(a, d.annotation());
        assertEquals(List.of(), d.notes());
        assertFalse(d.hasEmbeddedImage());
        // Written again, byte for byte the same file.
        Path again = tmp.resolve("ann/again.json");
        LabelMeIo.write(d.annotation(), again);
        assertEquals(text, Files.readString(again));
        // The inference module's reader (karyo eval) reads what we write.
        GroundTruthSet set = LabelMeReader.read(json);
        assertEquals(a.instances().size(), set.images().get(0).objects().size());
    }

    @Test
    void readsAutoKary2022Files() throws Exception {
        Path dir = SharedData.dir("formats/autokary2022-labelme/dataset");
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertEquals(15, files.size());
        int total = 0;
        Map<ChromosomeLabel, Integer> perLabel = new EnumMap<>(ChromosomeLabel.class);
        for (Path f : files) {
            LabelMeDocument d = LabelMeIo.read(f);
            AnnotatedImage a = d.annotation();
            assertEquals(3200, a.width());
            assertEquals(2200, a.height());
            assertTrue(
                    a.instances().size() >= 34 && a.instances().size() <= 46,
                    f + ": " + a.instances().size());
            assertEquals(List.of(), d.notes(), f.toString());
            assertTrue(a.image().toString().endsWith(f.getFileName().toString().replace(".json", ".png")));
            total += a.instances().size();
            for (InstancePolygon p : a.instances()) {
                perLabel.merge(p.label(), 1, Integer::sum);
                assertTrue(p.size() >= 3);
            }
            // ids 1..n in file order
            assertEquals(1, a.instances().get(0).id());
            assertEquals(
                    a.instances().size(),
                    a.instances().get(a.instances().size() - 1).id());
        }
        assertEquals(642, total, "the MANIFEST counts 642 instances");
        assertFalse(perLabel.containsKey(ChromosomeLabel.CHROMOSOME), "every AutoKary2022 shape is classified");
        assertTrue(perLabel.get(ChromosomeLabel.X) > 15, "label 23 is X");
        assertTrue(perLabel.getOrDefault(ChromosomeLabel.Y, 0) > 0, "label 24 is Y");
        assertTrue(perLabel.get(ChromosomeLabel.C1) >= 28);
    }

    @Test
    void standardFileWithEmbeddedImageOldShapesAndOddLabels() throws Exception {
        OpenCv.ensureLoaded();
        Mat img = new Mat(30, 40, CvType.CV_8UC1, new Scalar(200));
        MatOfByte png = new MatOfByte();
        Imgcodecs.imencode(".png", img, png);
        String data = Base64.getEncoder().encodeToString(png.toArray());
        Files.write(tmp.resolve("e.png"), png.toArray());
        Path json = tmp.resolve("e.json");
        Files.writeString(
                json,
                """
                {"version": "4.5.6", "imagePath": "C:\\\\scans\\\\e.png", "imageData": "%s",
                 "imageHeight": 30, "imageWidth": 40, "shapes": [
                  {"label": "nucleus", "points": [[1, 1], [9, 1], [9, 9]]},
                  {"label": 7, "points": [[10, 10], [20, 10], [20, 20]], "group_id": 2, "shape_type": "polygon"},
                  {"label": "chrX", "points": [[1, 20], [8, 28]], "shape_type": "rectangle"},
                  {"label": "ruler", "points": [[0, 0], [10, 10]], "shape_type": "line"}]}
                """
                        .formatted(data));
        LabelMeDocument d = LabelMeIo.read(json);
        List<InstancePolygon> in = d.annotation().instances();
        assertEquals(3, in.size());
        assertEquals(ChromosomeLabel.CHROMOSOME, in.get(0).label());
        assertEquals(ChromosomeLabel.C7, in.get(1).label());
        assertEquals(2, in.get(1).groupId());
        assertEquals(ChromosomeLabel.X, in.get(2).label());
        assertEquals(
                List.of(new Vertex(1, 20), new Vertex(8, 20), new Vertex(8, 28), new Vertex(1, 28)),
                in.get(2).points());
        assertEquals(2, d.notes().size(), d.notes().toString());
        assertTrue(d.notes().get(0).contains("'nucleus'"));
        assertTrue(d.notes().get(1).contains("'line'"));
        assertEquals(tmp.resolve("e.png").toAbsolutePath(), d.annotation().image(), "Windows path: bare name beside");
        Mat back = d.readImage();
        assertEquals(40, back.cols());
        assertEquals(200, back.get(5, 5)[0]);
        back.release();
        img.release();
        png.release();
        assertNull(d.annotation().annotator());
    }

    @Test
    void malformedFilesSayWhichAndWhy() throws Exception {
        Map<String, String> cases = Map.of(
                "{\"shapes\": [",
                "not valid JSON",
                "[1, 2]",
                "JSON object at the top level",
                "{\"imagePath\": \"a.png\"}",
                "missing 'shapes'",
                "{\"shapes\": [{\"label\": \"1\", \"points\": [[1, \"a\"]]}], \"imageWidth\": 5, \"imageHeight\": 5}",
                "shape 0, point 0 y must be a finite number",
                "{\"shapes\": [{\"label\": \"1\", \"points\": [[1, 2, 3]]}], \"imageWidth\": 5, \"imageHeight\": 5}",
                "shape 0, point 0: expected [x, y]",
                "{\"shapes\": [], \"imageWidth\": -5, \"imageHeight\": 5}",
                "positive whole number",
                "{\"shapes\": [], \"imagePath\": \"missing.png\"}",
                "no image file to measure");
        int i = 0;
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path f = tmp.resolve("bad" + i++ + ".json");
            Files.writeString(f, c.getKey());
            AnnotationFileException e = assertThrows(AnnotationFileException.class, () -> LabelMeIo.read(f));
            assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
            assertTrue(e.getMessage().contains(c.getValue()), e.getMessage());
            assertEquals(f, e.file());
        }
        assertThrows(AnnotationFileException.class, () -> LabelMeIo.read(tmp.resolve("nope.json")));
    }

    @Test
    void repeatedIdsAreRenumberedWithANote() throws Exception {
        Path f = tmp.resolve("ids.json");
        Files.writeString(
                f,
                """
                {"imageWidth": 50, "imageHeight": 50, "shapes": [
                 {"label": "1", "points": [[1, 1], [9, 1], [9, 9]], "karyo_id": 4},
                 {"label": "2", "points": [[1, 1], [9, 1], [9, 9]], "karyo_id": 4},
                 {"label": "3", "points": [[1, 1], [9, 1], [9, 9]]}]}
                """);
        LabelMeDocument d = LabelMeIo.read(f);
        assertEquals(
                List.of(4, 5, 6),
                d.annotation().instances().stream().map(InstancePolygon::id).toList());
        assertEquals(1, d.notes().size());
    }
}
