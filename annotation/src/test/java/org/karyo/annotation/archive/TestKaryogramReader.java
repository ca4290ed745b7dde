package org.karyo.annotation.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.karyo.annotation.ChromosomeLabel;
import org.karyo.core.SharedData;

/** The karyogram reader on the real exports of two laboratories, and on what is not a karyogram. */
class TestKaryogramReader {

    private static int[] perClass(Karyogram k) {
        int[] n = new int[25];
        k.cutOuts().forEach(c -> n[c.label().number()]++);
        return n;
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void readsEveryCabinHKaryogramAs46XY() throws Exception {
        for (Path f : files(SharedData.dir("real/cabinh-case-8129A/k"))) {
            GreyImage g = GreyImage.read(f);
            Karyogram k = KaryogramReader.read(g.pixels(), g.width(), g.height());
            int[] n = perClass(k);
            assertEquals(46, k.count(), f.getFileName().toString());
            for (int c = 1; c <= 22; c++) {
                assertEquals(2, n[c], f.getFileName() + " class " + c);
            }
            assertEquals(1, n[ChromosomeLabel.X.number()], f.getFileName() + " X");
            assertEquals(1, n[ChromosomeLabel.Y.number()], f.getFileName() + " Y");
            assertEquals(24, k.slots().size());
        }
    }

    @Test
    void readsTheOtherLaboratorysKaryogramsWithTheirSexChromosomes() throws Exception {
        // counts.csv: 100955NVG.017 and 98917NVG.002 are 46,XX; 5180104844.020 is 46,XY
        for (Path f : files(SharedData.dir("real/tuanvision-cytovision/k"))) {
            GreyImage g = GreyImage.read(f);
            Karyogram k = KaryogramReader.read(g.pixels(), g.width(), g.height());
            int[] n = perClass(k);
            boolean male = f.getFileName().toString().startsWith("5180104844");
            assertEquals(46, k.count(), f.getFileName().toString());
            assertEquals(male ? 1 : 2, n[ChromosomeLabel.X.number()], f.getFileName() + " X");
            assertEquals(male ? 1 : 0, n[ChromosomeLabel.Y.number()], f.getFileName() + " Y");
        }
    }

    @Test
    void aMetaphaseIsNotAKaryogram() throws Exception {
        GreyImage g = GreyImage.read(SharedData.dir("real/cabinh-case-8129A/a/8129A.001.A.TIF"));
        ArchiveException e =
                assertThrows(ArchiveException.class, () -> KaryogramReader.read(g.pixels(), g.width(), g.height()));
        assertTrue(e.getMessage().contains("not a karyogram"), e.getMessage());
    }

    @Test
    void aBlankPageIsNotAKaryogram() {
        int[] white = new int[400 * 300];
        Arrays.fill(white, 255);
        ArchiveException e = assertThrows(ArchiveException.class, () -> KaryogramReader.read(white, 400, 300));
        assertTrue(e.getMessage().contains("blank"), e.getMessage());
    }

    @Test
    void aMissingChromosomeIsReported() throws Exception {
        GreyImage g = GreyImage.read(SharedData.dir("real/cabinh-case-8129A/k/8129A.001.K.TIF"));
        Karyogram full = KaryogramReader.read(g.pixels(), g.width(), g.height());
        CutOut gone = full.cutOuts().stream()
                .filter(c -> c.label() == ChromosomeLabel.C7)
                .findFirst()
                .orElseThrow();
        int[] px = g.pixels().clone();
        for (int y = 0; y < gone.height(); y++) { // paint one chromosome 7 over with paper
            for (int x = 0; x < gone.width(); x++) {
                if (gone.mask()[y * gone.width() + x]) {
                    px[(gone.y0() + y) * g.width() + gone.x0() + x] = 255;
                }
            }
        }
        Karyogram k = KaryogramReader.read(px, g.width(), g.height());
        assertEquals(45, k.count());
        assertTrue(
                k.notes().stream().anyMatch(n -> n.contains("slot 7 holds 1")),
                k.notes().toString());
    }
}
