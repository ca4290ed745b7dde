package org.karyo.app.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.core.geometry.RotatedBox;

/** A figure is drawn once per session unless something drawn on it, or its image file, changed. */
class TestFigureCache {

    @TempDir
    Path dir;

    @AfterEach
    void forget() {
        FigureCache.clear();
    }

    private static ReportCell cell(Path image, List<RotatedBox> boxes, int count) {
        return new ReportCell(1, "c1", "c1.png", null, image, count, count, false, null, boxes, null, "R");
    }

    @Test
    void aFigureIsDrawnAgainOnlyWhenItsBoxesCountColourOrFileChange() throws Exception {
        FigureCache.clear();
        Path img = Files.write(dir.resolve("c1.png"), new byte[] {1, 2, 3});
        List<RotatedBox> boxes = List.of(RotatedBox.of(10, 10, 20, 5, 0));
        AtomicInteger drawn = new AtomicInteger();
        java.util.function.Supplier<byte[]> draw = () -> new byte[] {(byte) drawn.incrementAndGet()};

        byte[] first = FigureCache.jpeg(cell(img, boxes, 1), true, 100, 75, draw);
        assertArrayEquals(first, FigureCache.jpeg(cell(img, boxes, 1), true, 100, 75, draw));
        assertEquals(1, drawn.get(), "the same figure again: kept");

        FigureCache.jpeg(cell(img, List.of(RotatedBox.of(11, 10, 20, 5, 0)), 1), true, 100, 75, draw);
        assertEquals(2, drawn.get(), "a box moved: drawn again");
        FigureCache.jpeg(cell(img, boxes, 2), true, 100, 75, draw);
        assertEquals(3, drawn.get(), "another count: drawn again");
        FigureCache.jpeg(cell(img, boxes, 1), false, 100, 75, draw);
        assertEquals(4, drawn.get(), "off the mode (another colour): drawn again");
        FigureCache.jpeg(cell(img, boxes, 1), true, 200, 150, draw);
        assertEquals(5, drawn.get(), "another size: drawn again");

        Files.setLastModifiedTime(
                img, FileTime.fromMillis(Files.getLastModifiedTime(img).toMillis() + 5_000));
        FigureCache.jpeg(cell(img, boxes, 1), true, 100, 75, draw);
        assertEquals(6, drawn.get(), "the file changed: drawn again");

        FigureCache.jpeg(cell(dir.resolve("gone.png"), boxes, 1), true, 100, 75, draw);
        FigureCache.jpeg(cell(dir.resolve("gone.png"), boxes, 1), true, 100, 75, draw);
        assertEquals(8, drawn.get(), "no image: drawn every time (its panel says why)");
    }
}
