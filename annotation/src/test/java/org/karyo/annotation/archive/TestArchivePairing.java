package org.karyo.annotation.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pairing metaphases with karyograms by export name; what is left over is listed, not dropped silently. */
class TestArchivePairing {

    @TempDir
    Path dir;

    private void touch(String... names) throws Exception {
        for (String n : names) {
            Path p = dir.resolve(n);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "x");
        }
    }

    @Test
    void pairsCytoVisionNamesAcrossFoldersAndListsTheRest() throws Exception {
        touch(
                "a/8129A.001.A.TIF",
                "k/8129A.001.K.TIF",
                "a/8129A.004.A.TIF",
                "k/8129A.013.K.tif",
                "notes.png",
                "x/cell7_metaphase.png",
                "x/cell7_karyogram.png",
                "readme.txt");
        ArchivePairing.Result r = ArchivePairing.pair(dir, ArchivePairing.DEFAULT_RULES);
        assertEquals(
                List.of("8129A.001", "cell7"),
                r.pairs().stream().map(ArchivePairing.Pair::cell).toList());
        assertEquals(dir.resolve("a/8129A.001.A.TIF"), r.pairs().get(0).metaphase());
        assertEquals(dir.resolve("k/8129A.001.K.TIF"), r.pairs().get(0).karyogram());
        assertEquals(3, r.unpaired().size(), r.unpaired().toString());
        assertTrue(r.unpaired().stream().anyMatch(u -> u.contains("8129A.004.A.TIF") && u.contains("no karyogram")));
        assertTrue(r.unpaired().stream().anyMatch(u -> u.contains("8129A.013.K.tif") && u.contains("no metaphase")));
        assertTrue(r.unpaired().stream().anyMatch(u -> u.contains("notes.png") && u.contains("no pairing rule")));
    }

    @Test
    void aLaboratorysOwnRule() throws Exception {
        touch("P12-c3-met.jpg", "P12-c3-kar.jpg");
        ArchivePairing.Result r = ArchivePairing.pair(dir, List.of("(?<cell>.+)-(?<kind>met|kar)\\.jpg"));
        assertEquals(1, r.pairs().size());
        assertEquals("P12-c3", r.pairs().get(0).cell());
        assertThrows(IllegalArgumentException.class, () -> ArchivePairing.pair(dir, List.of("(?<cell>.+)\\.jpg")));
    }
}
