package org.karyo.annotation.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.annotation.AnnotatedImage;
import org.karyo.annotation.ChromosomeLabel;
import org.karyo.annotation.InstancePolygon;
import org.karyo.core.groundtruth.AnnotationFileException;
import org.karyo.core.groundtruth.CocoReader;
import org.karyo.core.groundtruth.GroundTruthSet;

class TestCocoIo {

    @TempDir
    Path tmp;

    @Test
    void exportImportRoundTrip() throws Exception {
        List<AnnotatedImage> images = List.of(
                TestLabelMeIo.sample(tmp.resolve("images/a.png"), 1),
                TestLabelMeIo.sample(tmp.resolve("images/b.tif"), 2),
                AnnotatedImage.of(tmp.resolve("images/empty.png"), 640, 480, List.of()));
        Path json = tmp.resolve("coco/instances.json");
        CocoIo.write(images, json);
        CocoIo.CocoDocument d = CocoIo.read(json);
        assertEquals(images, d.images());
        assertEquals(List.of(), d.notes());
        // The inference module's COCO reader (karyo eval) reads it too, labels included.
        GroundTruthSet set = CocoReader.read(json, tmp.resolve("images"));
        assertEquals(
                images.get(0).instances().size(), set.images().get(0).objects().size());
        assertEquals("X", set.images().get(0).objects().get(23).label());
    }

    @Test
    void importsOtherToolsFiles() throws Exception {
        Path json = tmp.resolve("other.json");
        Files.writeString(
                json,
                """
                {"images": [{"id": 7, "file_name": "m.png", "width": 645, "height": 517}],
                 "categories": [{"id": 1, "name": "chr1"}, {"id": 2, "name": "chrX"}, {"id": 3, "name": "debris"}],
                 "annotations": [
                  {"id": 1, "image_id": 7, "category_id": 1, "segmentation": [[0,0,10,0,10,10], [20,20,30,20,30,30]]},
                  {"id": 2, "image_id": 7, "category_id": 2, "bbox": [5, 5, 10, 20]},
                  {"id": 3, "image_id": 7, "category_id": 3, "segmentation": {"counts": "abc", "size": [517, 645]}},
                  {"id": 4, "image_id": 7, "category_id": 3, "segmentation": [40,40,50,40,50,50]}]}
                """);
        CocoIo.CocoDocument d = CocoIo.read(json);
        List<InstancePolygon> in = d.images().get(0).instances();
        assertEquals(4, in.size());
        assertEquals(
                List.of(ChromosomeLabel.C1, ChromosomeLabel.C1, ChromosomeLabel.X, ChromosomeLabel.CHROMOSOME),
                in.stream().map(InstancePolygon::label).toList());
        assertEquals(200, in.get(2).area(), 1e-9);
        assertEquals(List.of(1, 2, 3, 4), in.stream().map(InstancePolygon::id).toList());
        assertEquals(4, d.notes().size(), d.notes().toString());

        Path bad = tmp.resolve("bad.json");
        Files.writeString(
                bad,
                "{\"images\": [{\"id\": 1, \"width\": 5, \"height\": 5}], \"annotations\": "
                        + "[{\"image_id\": 2, \"segmentation\": [[0,0,1,0,1,1]]}]}");
        AnnotationFileException e = assertThrows(AnnotationFileException.class, () -> CocoIo.read(bad));
        assertTrue(e.getMessage().contains("unknown image_id '2'"), e.getMessage());
    }
}
