package org.karyo.core.groundtruth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one COCO parser both readers share: segmentation kinds, categories and its refusals. */
class TestCocoFile {

    @TempDir
    Path tmp;

    @Test
    void decodesEverySegmentationKind() throws Exception {
        Path json = Files.writeString(
                tmp.resolve("c.json"),
                """
                {"images": [{"id": 1}], "categories": [{"id": 3, "name": "3"}, {"id": 9}],
                 "annotations": [
                   {"image_id": 1, "segmentation": [[0,0, 4,0, 4,4], [5,5, 9,5, 9,9]]},
                   {"image_id": 1, "segmentation": [0,0, 2,0, 2,2]},
                   {"image_id": 1, "segmentation": {"counts": "abc", "size": [4, 4]}},
                   {"image_id": 1, "bbox": [1, 1, 2, 2]}]}""");
        List<CocoFile.Segmentation> segs = CocoFile.read(json, c -> {
            var out = new java.util.ArrayList<CocoFile.Segmentation>();
            for (int i = 0; i < c.annotations().size(); i++) {
                out.add(c.segmentation(c.annotations().get(i), "annotation " + i));
            }
            assertEquals("3", c.categoryNames().get("3"));
            assertTrue(c.categoryNames().containsKey("9"));
            assertEquals(null, c.categoryNames().get("9"));
            return out;
        });
        assertEquals(2, segs.get(0).polygons().size()); // a multi-polygon
        assertArrayEquals(
                new double[] {0, 0, 2, 0, 2, 2}, segs.get(1).polygons().get(0)); // a bare flat list
        assertTrue(segs.get(2).rle());
        assertTrue(segs.get(3).none()); // only a bbox: the caller decides
    }

    @Test
    void refusalsNameTheFileAndThePlace() throws Exception {
        Path notCoco = Files.writeString(tmp.resolve("n.json"), "{\"shapes\": []}");
        assertTrue(assertThrows(AnnotationFileException.class, () -> CocoFile.read(notCoco, c -> c))
                .getMessage()
                .equals(notCoco + ": not a COCO file ('images' and 'annotations' lists expected)"));
        Path odd = Files.writeString(
                tmp.resolve("o.json"),
                """
                {"images": [], "annotations": [{"segmentation": [[1, 2, 3]]}]}""");
        String m = assertThrows(
                        AnnotationFileException.class,
                        () -> CocoFile.read(
                                odd, c -> c.segmentation(c.annotations().get(0), "annotation 0")))
                .getMessage();
        assertEquals(odd + ": annotation 0, polygon 0: expected an even-length list of numbers", m);
        // A fault the reader's own code missed still comes back as one line naming the file.
        String npe = assertThrows(
                        AnnotationFileException.class,
                        () -> CocoFile.read(odd, c -> c.root().get("absent").asText()))
                .getMessage();
        assertTrue(npe.startsWith(odd + ": malformed (NullPointerException"), npe);
    }
}
