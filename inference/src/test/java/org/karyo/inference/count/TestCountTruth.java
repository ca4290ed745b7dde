package org.karyo.inference.count;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.core.SharedData;

/** Reading the true counts of real cells: the shared sets' files, and every way a truth file can be wrong. */
class TestCountTruth {

    @TempDir
    Path tmp;

    @Test
    void readsTheKaryogramCountsOfTheCabinhCase() throws Exception {
        CountTruth t = CountTruth.read(SharedData.dir("real/cabinh-case-8129A/counts.csv"));
        assertEquals("cabinh-case-8129A", t.set());
        assertEquals(10, t.counts().size());
        assertEquals(OptionalInt.of(46), t.countOf(Path.of("a/8129A.001.A.TIF")));
        assertEquals(OptionalInt.of(46), t.countOf(Path.of("elsewhere/8129A.001.A.tif")), "extension case ignored");
        assertEquals(OptionalInt.of(46), t.countOf(Path.of("8129A.001.A.png")), "matched without extension");
        assertEquals(OptionalInt.empty(), t.countOf(Path.of("8129A.002.A.TIF")));
    }

    @Test
    void readsTheSecondLaboratorysCountsAndLeavesItsRawFrameOut() throws Exception {
        Path dir = SharedData.dir("real/tuanvision-cytovision");
        CountTruth t = CountTruth.read(dir.resolve("counts.csv"));
        assertEquals(3, t.counts().size());
        int matched = 0;
        try (var files = Files.list(dir.resolve("a"))) {
            for (Path f : files.toList()) {
                if (t.countOf(f).isPresent()) {
                    matched++;
                    assertEquals(46, t.countOf(f).getAsInt());
                }
            }
        }
        assertEquals(3, matched, "3 of the 4 frames have a karyogram; the raw frame has no row");
    }

    @Test
    void readsTheSlideKaryotypesOfAdirWithQuotedCommas() throws Exception {
        CountTruth t = CountTruth.read(SharedData.dir("real/adir-mfish-186/karyotypes.csv"));
        assertEquals(186, t.counts().size());
        assertEquals(OptionalInt.of(46), t.countOf(Path.of("A0101XYD.tif")));
        assertEquals(OptionalInt.of(45), t.countOf(Path.of("A020402D.tif")), "45,XY,-2");
        assertEquals(OptionalInt.of(44), t.countOf(Path.of("A030125D.tif")), "44,XX,-8,-13");
        for (int c : t.counts().values()) {
            assertTrue(c >= 32 && c <= 50, "README: 32-50 chromosomes, got " + c);
        }
    }

    @Test
    void columnsInAnyOrderQuotedFieldsCrlfAndBom() throws Exception {
        Path f = write("\uFEFFkaryotype,count,cell\r\n\"46,XY\",46,a.png\r\n\"45,X\",45,\"b \"\"x\"\".tif\"\r\n\r\n");
        CountTruth t = CountTruth.read(f);
        assertEquals(OptionalInt.of(46), t.countOf(Path.of("a.tif")));
        assertEquals(OptionalInt.of(45), t.countOf(Path.of("b \"x\".png")));
        assertEquals(2, t.counts().size());
    }

    @Test
    void badTruthFilesAreRefusedNamingFileLineAndReason() throws Exception {
        assertMessage(tmp.resolve("absent.csv"), "file not found");
        assertMessage(tmp, "is a folder");
        assertMessage(write(""), "empty file");
        assertMessage(write("image,n\na.png,46\n"), "must name the columns cell and count");
        assertMessage(write("cell,count\n"), "no cell rows");
        assertMessage(
                write("cell,count\na.png,forty-six\n"),
                "line 2: count 'forty-six' of cell a.png is not a whole number");
        assertMessage(write("cell,count\na.png,46\nb.png\n"), "line 3: 1 field(s)");
        assertMessage(write("cell,count\na.png,0\n"), "outside 1-200");
        assertMessage(write("cell,count\na.png,46\n,46\n"), "line 3: no cell name");
        assertMessage(write("cell,count\na.png,46\na.tif,45\n"), "cell a.tif appears twice, with counts 46 and 45");
        assertMessage(write("cell,count\n\"a.png,46\n"), "quoted field is never closed");
        Path binary = tmp.resolve("binary.csv");
        Files.write(binary, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff, (byte) 0xfe});
        assertMessage(binary, "not a text (UTF-8) CSV file");
    }

    @Test
    void aRepeatedRowWithTheSameCountIsAccepted() throws Exception {
        CountTruth t = CountTruth.read(write("cell,count\na.png,46\na.png,46\n"));
        assertEquals(1, t.counts().size());
    }

    @Test
    void aHugeFileIsRefusedBeforeReading() throws Exception {
        Path big = tmp.resolve("big.csv");
        try (var ch = java.nio.channels.FileChannel.open(
                big, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {'x'}), CountTruth.MAX_BYTES + 1); // sparse
        }
        assertMessage(big, "too large");
    }

    private Path write(String text) throws Exception {
        Path f = Files.createTempFile(tmp, "truth", ".csv");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private static void assertMessage(Path file, String expected) {
        CountTruthException e = assertThrows(CountTruthException.class, () -> CountTruth.read(file));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), "names the file: " + e.getMessage());
    }
}
