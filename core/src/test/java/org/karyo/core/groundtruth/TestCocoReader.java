package org.karyo.core.groundtruth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.core.SharedData;
import org.karyo.core.geometry.AxisBox;

class TestCocoReader {

    @TempDir
    Path tmp;

    private static final String SMALL =
            """
            {"images": [{"id": 7, "file_name": "a.png", "width": 100, "height": 80},
                        {"id": 8, "file_name": "b.png", "width": 100, "height": 80}],
             "categories": [{"id": 1, "name": "c01"}, {"id": 2, "name": "c02"}],
             "annotations": [
              {"id": 1, "image_id": 7, "category_id": 1, "bbox": [0, 0, 60, 30],
               "segmentation": [[0, 0, 20, 0, 20, 10, 0, 10], [40, 20, 60, 20, 60, 30, 40, 30], [5, 5, 6, 6]]},
              {"id": 2, "image_id": 7, "category_id": 2, "segmentation": [10, 40, 30, 40, 30, 44, 10, 44]},
              {"id": 3, "image_id": 7, "category_id": 2, "segmentation": {"counts": [1, 2], "size": [80, 100]}},
              {"id": 4, "image_id": 7, "category_id": 9, "bbox": [70, 50, 10, 20]},
              {"id": 5, "image_id": 7, "category_id": 1, "segmentation": [[0, 60, 10, 60, 20, 60]]}
             ]}""";

    @Test
    void eachPolygonIsOneInstance() throws Exception {
        Path json = tmp.resolve("ann.json");
        Files.writeString(json, SMALL);
        GroundTruthSet set = CocoReader.read(json, tmp.resolve("imgs"));
        assertEquals(2, set.images().size());
        GroundTruthImage a = set.images().get(0);
        assertEquals("a.png", a.name());
        assertEquals(tmp.resolve("imgs/a.png"), a.imagePath());
        List<GroundTruthObject> o = a.objects();
        assertEquals(4, o.size()); // 2 of the multi-polygon, the flat one, the bbox-only one
        assertEquals(
                List.of("c01", "c01", "c02", "9"),
                o.stream().map(GroundTruthObject::label).toList());
        assertEquals(20, o.get(0).box().w(), 1e-9);
        assertEquals(10, o.get(0).box().h(), 1e-9);
        assertEquals(50, o.get(1).box().cx(), 1e-9);
        assertNotNull(o.get(2).polygon());
        assertNull(o.get(3).polygon());
        assertEquals(new AxisBox(70, 50, 80, 70), o.get(3).axis());
        assertTrue(set.images().get(1).objects().isEmpty());
        assertEquals(1, set.annotatedOnly().images().size());
        String notes = String.join("\n", set.notes());
        assertTrue(notes.contains("1 RLE segmentation"), notes);
        assertTrue(notes.contains("2 degenerate polygon"), notes); // 2 points, and 3 collinear ones
        assertTrue(notes.contains("1 annotation(s) without polygon"), notes);
        assertTrue(notes.contains("1 of 2 images have no annotation"), notes);
    }

    @Test
    void malformedCocoNamesTheFile() throws Exception {
        Path json = tmp.resolve("bad.json");
        Files.writeString(
                json, SMALL.replace("\"image_id\": 7, \"category_id\": 9", "\"image_id\": 99, \"category_id\": 9"));
        AnnotationFileException e = assertThrows(AnnotationFileException.class, () -> CocoReader.read(json));
        assertTrue(
                e.getMessage().contains("bad.json") && e.getMessage().contains("unknown image_id 99"), e.getMessage());
        Files.writeString(json, SMALL.replace("[40, 20, 60, 20, 60, 30, 40, 30]", "[40, 20, 60]"));
        e = assertThrows(AnnotationFileException.class, () -> CocoReader.read(json));
        assertTrue(e.getMessage().contains("annotation 0, polygon 1"), e.getMessage());
        Files.writeString(json, "{\"images\": [}");
        e = assertThrows(AnnotationFileException.class, () -> CocoReader.read(json));
        assertTrue(e.getMessage().startsWith(json.toString()), e.getMessage());
        Files.writeString(tmp.resolve("other.json"), "{}");
        e = assertThrows(AnnotationFileException.class, () -> CocoReader.read(tmp));
        assertTrue(e.getMessage().contains("several .json"), e.getMessage());
    }

    /**
     * The M-FISH set: 101 images but 12 (A2303, A32xx, A33xx) carry no annotation at all; the others
     * 32..62 usable polygons (4,342 polygons in 2,092 annotations, 19 of them degenerate).
     * One image (V2610) is 768x568, the rest 645x517; sizes must agree with the PNG headers.
     */
    @Test
    void mfishDapiSet() throws Exception {
        Path root = SharedData.dir("real/mfish-dapi-coco/MFISH_semantic_segmentation/MFISH_split/train");
        GroundTruthSet set = CocoReader.read(root);
        assertEquals(101, set.images().size());
        assertEquals(
                root.resolve("train2018").toAbsolutePath(),
                set.images().get(0).imagePath().getParent());
        List<GroundTruthImage> empty =
                set.images().stream().filter(i -> i.objects().isEmpty()).toList();
        assertEquals(12, empty.size());
        assertEquals(
                List.of(
                        "A2303.png",
                        "A3201.png",
                        "A3202.png",
                        "A3203.png",
                        "A3301.png",
                        "A3302.png",
                        "A3303.png",
                        "A3304.png",
                        "A3305.png",
                        "A3306.png",
                        "A3307.png",
                        "A3308.png"),
                empty.stream().map(GroundTruthImage::name).sorted().toList());
        GroundTruthSet annotated = set.annotatedOnly();
        assertEquals(89, annotated.images().size());
        for (GroundTruthImage im : set.images()) {
            assertTrue(im.imageAvailable(), im.name());
            assertEquals(ImageSize.read(im.imagePath()), new ImageSize(im.width(), im.height()), im.name());
        }
        for (GroundTruthImage im : annotated.images()) {
            int n = im.objects().size();
            assertTrue(n >= 32 && n <= 64, im.name() + ": " + n);
            for (GroundTruthObject o : im.objects()) {
                assertTrue(o.box().cx() >= 0 && o.box().cx() <= im.width(), im.name());
                assertTrue(o.label().matches("c\\d\\d"), o.label());
            }
        }
        assertEquals(4342 - 19, set.objectCount());
        String notes = String.join("\n", set.notes());
        assertTrue(notes.contains("19 degenerate polygon"), notes);
        assertTrue(notes.contains("12 of 101 images have no annotation"), notes);
        // Same set from the JSON file itself.
        assertEquals(set, CocoReader.read(root.resolve("annotations/MFISH_chromosomes_train2018.json")));
    }
}
