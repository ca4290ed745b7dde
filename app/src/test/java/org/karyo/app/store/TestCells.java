package org.karyo.app.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestCells {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"a.png,8", "b.png,16", "c.tif,8", "d.tiff,16"})
    void importsRealImagesAsContentAddressedCopies(String name, int bits) throws Exception {
        Path img = StoreFixtures.writeImage(dir.resolve("in/" + name), 70, 50, bits, bits * 7L + name.hashCode());
        try (CaseStore store = StoreFixtures.open(dir, "alice")) {
            CaseRecord c = StoreFixtures.newCase(store, "CY-1");
            Cell cell = store.cells().importImage(c.id(), img);
            assertEquals(70, cell.width());
            assertEquals(50, cell.height());
            assertEquals(name, cell.label());
            assertEquals(1, cell.ordinal());
            assertEquals(CellStatus.NOT_RUN, cell.status());
            assertNull(cell.detectedCount());
            assertEquals(0, cell.count());
            assertTrue(cell.storedImage().startsWith(store.imageDir()));
            assertTrue(cell.storedImage().getFileName().toString().startsWith(cell.sha256()));
            assertEquals(ImageCopies.sha256(img), cell.sha256());
            assertEquals(cell.sha256(), ImageCopies.sha256(cell.storedImage()));
            assertEquals("cell.import", store.audit().forCell(cell.id()).get(0).action());
        }
    }

    @Test
    void writesASmallThumbnailBesideTheStoredCopy() throws Exception {
        Path img = StoreFixtures.writeImage(dir.resolve("in/big.png"), 640, 400, 8, 11);
        try (CaseStore store = StoreFixtures.open(dir, "alice")) {
            Cell cell = store.cells()
                    .importImage(StoreFixtures.newCase(store, "CY-T").id(), img);
            Path thumb = ImageCopies.thumbnailOf(cell.storedImage());
            org.opencv.core.Mat m = org.opencv.imgcodecs.Imgcodecs.imread(
                    thumb.toString(), org.opencv.imgcodecs.Imgcodecs.IMREAD_UNCHANGED);
            assertEquals(ImageCopies.THUMBNAIL_PX, m.cols());
            assertEquals(100, m.rows());
            m.release();
        }
    }

    @Test
    void refusesACorruptFileWithAMessage() throws Exception {
        Path good = StoreFixtures.writeImage(dir.resolve("in/good.png"), 40, 30, 8, 1);
        byte[] bytes = Files.readAllBytes(good);
        Path bad = dir.resolve("in/cell07.png");
        Files.write(bad, java.util.Arrays.copyOf(bytes, 40)); // PNG header, truncated data
        try (CaseStore store = StoreFixtures.open(dir, "alice")) {
            CaseRecord c = StoreFixtures.newCase(store, "CY-1");
            StoreException e =
                    assertThrows(StoreException.class, () -> store.cells().importImage(c.id(), bad));
            assertTrue(e.getMessage().contains("cell07.png"), e.getMessage());
            assertTrue(e.getMessage().contains("truncated or corrupt PNG file"), e.getMessage());
            Path empty = Files.createFile(dir.resolve("in/empty.png"));
            e = assertThrows(StoreException.class, () -> store.cells().importImage(c.id(), empty));
            assertTrue(e.getMessage().contains("empty file"), e.getMessage());
            assertTrue(store.cells().list(c.id()).isEmpty());
        }
    }

    @Test
    void refusesTheSameImageTwiceInACaseButNotInAnotherCase() throws Exception {
        Path img = StoreFixtures.writeImage(dir.resolve("in/m1.png"), 40, 30, 8, 5);
        Path copy = Files.copy(img, dir.resolve("in/renamed.png"));
        try (CaseStore store = StoreFixtures.open(dir, "alice")) {
            CaseRecord c = StoreFixtures.newCase(store, "CY-1");
            Cell first = store.cells().importImage(c.id(), img);
            StoreException e =
                    assertThrows(StoreException.class, () -> store.cells().importImage(c.id(), copy));
            assertTrue(e.getMessage().contains("already in case CY-1 as cell 1 (m1.png)"), e.getMessage());
            CaseRecord other = StoreFixtures.newCase(store, "CY-2");
            Cell again = store.cells().importImage(other.id(), copy);
            assertEquals(first.storedImage(), again.storedImage(), "same bytes are stored once");
            assertEquals(1, store.cells().list(c.id()).size());
        }
    }

    @Test
    void importsAFolderInNameOrderAndReportsBadFiles() throws Exception {
        Path in = dir.resolve("folder");
        StoreFixtures.writeImage(in.resolve("b.png"), 40, 30, 8, 2);
        StoreFixtures.writeImage(in.resolve("a.tif"), 40, 30, 16, 3);
        Files.writeString(in.resolve("c.png"), "not an image");
        Files.writeString(in.resolve("notes.txt"), "ignored");
        try (CaseStore store = StoreFixtures.open(dir, "alice")) {
            CaseRecord c = StoreFixtures.newCase(store, "CY-1");
            FolderImport r = store.cells().importFolder(c.id(), in);
            assertEquals(
                    List.of("a.tif", "b.png"),
                    r.imported().stream().map(Cell::label).toList());
            assertEquals(1, r.problems().size());
            assertTrue(r.problems().get(0).contains("c.png"), r.problems().get(0));
            assertEquals(
                    List.of(1, 2),
                    store.cells().list(c.id()).stream().map(Cell::ordinal).toList());
        }
    }

    @Test
    void excludeNeedsAReasonAndIncludeRestores() throws Exception {
        try (CaseStore store = StoreFixtures.open(dir, "alice")) {
            Cell cell = StoreFixtures.newCell(store, dir, "CY-1", 1);
            assertThrows(StoreException.class, () -> store.cells().exclude(cell.id(), "  "));
            Cell ex = store.cells().exclude(cell.id(), "overlapping chromosomes");
            assertEquals(CellStatus.EXCLUDED, ex.status());
            assertEquals("overlapping chromosomes", ex.exclusionReason());
            AuditEntry a = last(store, cell.id());
            assertEquals("cell.exclude", a.action());
            assertEquals("overlapping chromosomes", a.reason());
            assertEquals("alice", a.user());
            assertThrows(StoreException.class, () -> store.cells().markReviewed(cell.id()));
            Cell in = store.cells().include(cell.id());
            assertEquals(CellStatus.NOT_RUN, in.status());
            assertNull(in.exclusionReason());
            assertEquals(
                    CellStatus.REVIEWED, store.cells().markReviewed(cell.id()).status());
        }
    }

    @Test
    void aSignedOffCaseRefusesImportsAndCellChanges() throws Exception {
        Path img = StoreFixtures.writeImage(dir.resolve("in/late.png"), 40, 30, 8, 9);
        try (CaseStore store = StoreFixtures.open(dir, "alice")) {
            Cell cell = StoreFixtures.newCell(store, dir, "CY-1", 1);
            store.cases().signOff(cell.caseId());
            CaseLockedException e =
                    assertThrows(CaseLockedException.class, () -> store.cells().importImage(cell.caseId(), img));
            assertEquals("Case CY-1 is signed off; reopen it to change it", e.getMessage());
            assertThrows(CaseLockedException.class, () -> store.cells().exclude(cell.id(), "poor banding"));
            assertThrows(CaseLockedException.class, () -> store.cells().markReviewed(cell.id()));
            assertEquals(
                    CellStatus.NOT_RUN,
                    store.cells().find(cell.id()).orElseThrow().status());
        }
    }

    private static AuditEntry last(CaseStore store, long cellId) {
        List<AuditEntry> all = store.audit().forCell(cellId);
        return all.get(all.size() - 1);
    }
}
