package org.karyo.core.groundtruth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.core.SharedData;
import org.karyo.core.geometry.AxisBox;

class TestYoloReader {

    @TempDir
    Path tmp;

    @Test
    void boxesAreScaledToTheImageSize() throws Exception {
        Files.createDirectories(tmp.resolve("images"));
        Files.createDirectories(tmp.resolve("labels"));
        ImageIO.write(
                new BufferedImage(40, 30, BufferedImage.TYPE_BYTE_GRAY),
                "png",
                tmp.resolve("images/a.png").toFile());
        ImageIO.write(
                new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB),
                "bmp",
                tmp.resolve("images/b.bmp").toFile());
        Files.writeString(tmp.resolve("labels/a.txt"), "0 0.5 0.5 0.25 0.5\n\n1 0.1 0.1 0 0.1\n2 0.75 0.5 0.1 0.2");
        Files.writeString(tmp.resolve("labels/orphan.txt"), "0 0.5 0.5 0.1 0.1\n");
        Files.writeString(tmp.resolve("data.yaml"), "nc: 2\nnames: ['typeA', \"typeB\"]\n");
        GroundTruthSet set = YoloReader.read(tmp);
        assertTrue(set.horizontal());
        assertEquals(2, set.images().size());
        GroundTruthImage a = set.images().get(0);
        assertEquals(40, a.width());
        assertEquals(30, a.height());
        assertEquals(2, a.objects().size());
        assertEquals(new AxisBox(15, 7.5, 25, 22.5), a.objects().get(0).axis());
        assertEquals(
                List.of("typeA", "2"),
                a.objects().stream().map(GroundTruthObject::label).toList());
        assertEquals(20, a.objects().get(0).box().cx(), 1e-12);
        GroundTruthImage b = set.images().get(1);
        assertEquals(64, b.width());
        assertTrue(b.objects().isEmpty());
        String notes = String.join("\n", set.notes());
        assertTrue(notes.contains("1 image(s) without a label file"), notes);
        assertTrue(notes.contains("1 box(es) with zero width"), notes);
        assertTrue(notes.contains("[orphan]"), notes);
    }

    @Test
    void badLinesNameFileAndLine() throws Exception {
        Files.createDirectories(tmp.resolve("images"));
        Files.createDirectories(tmp.resolve("labels"));
        ImageIO.write(
                new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY),
                "png",
                tmp.resolve("images/a.png").toFile());
        Files.writeString(tmp.resolve("labels/a.txt"), "0 0.5 0.5 0.1 0.1\n0 0.5 0.5 0.1\n");
        AnnotationFileException e = assertThrows(AnnotationFileException.class, () -> YoloReader.read(tmp));
        assertTrue(e.getMessage().contains("a.txt") && e.getMessage().contains("line 2"), e.getMessage());
        Files.writeString(tmp.resolve("labels/a.txt"), "0 0.5 x 0.1 0.1\n");
        e = assertThrows(AnnotationFileException.class, () -> YoloReader.read(tmp));
        assertTrue(e.getMessage().contains("line 1: not a number"), e.getMessage());
        e = assertThrows(AnnotationFileException.class, () -> YoloReader.read(tmp.resolve("labels")));
        assertTrue(e.getMessage().contains("images/ and labels/"), e.getMessage());
    }

    /** Kosuke's Giemsa set: 8 spreads of 1440x1024, 465 boxes; counts above 46 where sisters separated. */
    @Test
    void kosukeGiemsaSet() throws Exception {
        GroundTruthSet set = YoloReader.read(SharedData.dir("real/kosuke-giemsa-yolo/data"));
        assertEquals(8, set.images().size());
        assertEquals(465, set.objectCount());
        assertTrue(set.notes().isEmpty(), set.notes().toString());
        Map<String, Integer> counts = new TreeMap<>();
        for (GroundTruthImage im : set.images()) {
            assertEquals(1440, im.width());
            assertEquals(1024, im.height());
            assertTrue(im.imageAvailable());
            counts.put(im.name(), im.objects().size());
            for (GroundTruthObject o : im.objects()) {
                AxisBox b = o.axis();
                assertTrue(b.x1() >= 0 && b.y1() >= 0 && b.x2() <= 1440 && b.y2() <= 1024, b.toString());
                assertTrue(Set.of("a", "b", "c").contains(o.label()), o.label());
            }
        }
        assertEquals(Map.of("1", 50, "2", 102, "3", 47, "4", 93, "5", 50, "6", 50, "7", 44, "8", 29), counts);
    }
}
