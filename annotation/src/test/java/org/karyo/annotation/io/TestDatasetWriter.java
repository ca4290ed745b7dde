package org.karyo.annotation.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.annotation.AnnotatedImage;
import org.karyo.annotation.ChromosomeLabel;
import org.karyo.annotation.InstancePolygon;
import org.karyo.annotation.Python;
import org.karyo.annotation.Shapes;
import org.karyo.core.groundtruth.AnnotationFileException;
import org.karyo.core.image.OpenCv;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

class TestDatasetWriter {

    @TempDir
    Path tmp;

    /** 5 patients with 1..5 cells each (15 images), two chromosomes per cell. */
    private List<DatasetItem> items() {
        OpenCv.ensureLoaded();
        List<DatasetItem> out = new ArrayList<>();
        Mat img = new Mat(60, 80, CvType.CV_8UC1, new Scalar(220));
        for (int p = 1; p <= 5; p++) {
            for (int c = 1; c <= p; c++) {
                Path file = tmp.resolve("src/P" + p + "/cell" + c + ".png");
                file.getParent().toFile().mkdirs();
                Imgcodecs.imwrite(file.toString(), img);
                List<InstancePolygon> inst = List.of(
                        Shapes.capsule(1, 30, 30, 40, 10, 20 * c),
                        Shapes.capsule(2, 50, 25, 30, 8, 90).withLabel(ChromosomeLabel.X));
                out.add(new DatasetItem(AnnotatedImage.of(file, 80, 60, inst), "P" + p, "P" + p + "-case"));
            }
        }
        img.release();
        return out;
    }

    @Test
    void splitsByPatientAndWritesTheTrainersLayout() throws Exception {
        List<DatasetItem> items = items();
        Path out = tmp.resolve("dataset");
        DatasetWriter.Summary s = DatasetWriter.write(out, items, 0.3, 42);
        assertEquals(15, s.trainImages() + s.valImages());
        assertTrue(s.valImages() >= 3 && s.valImages() <= 6, "about 30 % in val: " + s.valImages());
        Set<String> both = new HashSet<>(s.trainGroups());
        both.retainAll(s.valGroups());
        assertEquals(Set.of(), both, "no patient on both sides");
        JsonNode manifest =
                new ObjectMapper().readTree(out.resolve("dataset.json").toFile());
        assertEquals("karyo-dataset-1", manifest.get("format").asText());
        assertEquals(15, manifest.get("images").size());
        for (JsonNode e : manifest.get("images")) {
            Path json = out.resolve(e.get("annotation").asText());
            assertTrue(Files.isRegularFile(json));
            LabelMeDocument d = LabelMeIo.read(json);
            assertTrue(Files.isRegularFile(d.annotation().image()), "image copied beside the JSON");
            assertEquals(out, d.annotation().image().getParent());
        }
        // Same seed, same split.
        DatasetWriter.Summary again = DatasetWriter.write(tmp.resolve("again"), items, 0.3, 42);
        assertEquals(s.valGroups(), again.valGroups());
    }

    @Test
    void theTrainerLoadsIt() throws Exception {
        Python.assumeModules("numpy", "PIL", "deepchm.data.labelme");
        Path out = tmp.resolve("dataset");
        DatasetWriter.Summary s = DatasetWriter.write(out, items(), 0.3, 7);
        String code =
                """
                import json, sys
                from deepchm.data.labelme import load_dataset
                train, val, summary = load_dataset(sys.argv[1])
                print(json.dumps({"split": summary["split"], "skipped": summary["skipped"],
                  "train": sorted({s.patient for s in train}), "val": sorted({s.patient for s in val}),
                  "instances": summary["instances"], "labels": sorted({l for s in train + val for l in s.labels}),
                  "shape": list(train[0].image().shape)}))
                """;
        Python.Result r = Python.run(code, out.toString());
        assertEquals(0, r.exit(), r.output());
        JsonNode py = new ObjectMapper()
                .readTree(r.output().lines().reduce((a, b) -> b).orElse("{}"));
        assertEquals("dataset.json", py.get("split").asText());
        assertEquals(0, py.get("skipped").size(), py.toString());
        assertEquals(30, py.get("instances").asInt());
        Set<String> train = new HashSet<>(), val = new HashSet<>();
        py.get("train").forEach(n -> train.add(n.asText()));
        py.get("val").forEach(n -> val.add(n.asText()));
        assertEquals(s.trainGroups(), train);
        assertEquals(s.valGroups(), val);
        assertEquals("[\"23\",\"chromosome\"]", py.get("labels").toString());
        assertEquals("[60,80]", py.get("shape").toString());
    }

    @Test
    void refusesToOverwriteOrToWriteWithoutImages() throws Exception {
        Path busy = tmp.resolve("busy");
        Files.createDirectories(busy);
        Files.writeString(busy.resolve("keep.txt"), "x");
        List<DatasetItem> items = items();
        AnnotationFileException e =
                assertThrows(AnnotationFileException.class, () -> DatasetWriter.write(busy, items, 0.2, 1));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
        List<DatasetItem> missing =
                List.of(new DatasetItem(AnnotatedImage.of(tmp.resolve("gone.png"), 10, 10, List.of()), "P", "C"));
        e = assertThrows(AnnotationFileException.class, () -> DatasetWriter.write(tmp.resolve("x"), missing, 0.2, 1));
        assertTrue(e.getMessage().contains("image file not found"), e.getMessage());
        assertTrue(!Files.exists(tmp.resolve("x")), "nothing written when an image is missing");
    }

    @Test
    void splitNeverEmptiesTraining() {
        List<DatasetItem> two = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            two.add(new DatasetItem(AnnotatedImage.of(tmp.resolve(i + ".png"), 5, 5, List.of()), "P" + i, null));
        }
        var side = DatasetWriter.split(two, 0.9, 3);
        assertTrue(side.containsValue("train") && side.containsValue("val"), side.toString());
        var one = DatasetWriter.split(two.subList(0, 1), 0.5, 3);
        assertEquals(List.of("train"), List.copyOf(one.values()));
    }
}
