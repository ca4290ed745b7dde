package org.karyo.app.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.annotation.ChromosomeLabel;
import org.karyo.annotation.Vertex;
import org.karyo.core.geometry.RotatedBox;

/** A workstation's SQLite store moved onto the lab server: every row, every image, checked. */
class TestStoreMigration {

    @TempDir
    Path dir;

    @BeforeAll
    static void serverOnly() {
        org.junit.jupiter.api.Assumptions.assumeTrue(StoreFixtures.onServer(), "runs on the PostgreSQL test server");
    }

    @Test
    void aFiftyCaseStoreMovesWithEveryRowAndImage() throws Exception {
        Path db = dir.resolve("ws/cases.db");
        Path images = dir.resolve("ws/images");
        try (CaseStore s = CaseStore.open(db, images, "alice")) {
            for (int i = 0; i < 50; i++) {
                CaseRecord c = StoreFixtures.newCase(s, "M-" + i);
                for (int k = 0; k < 2; k++) {
                    Path img =
                            StoreFixtures.writeImage(dir.resolve("in/" + i + "-" + k + ".png"), 64, 48, 8, i * 10L + k);
                    Cell cell = s.cells().importImage(c.id(), img);
                    for (int b = 0; b < 5; b++) {
                        s.boxes().add(cell.id(), RotatedBox.of(5 + b, 6, 20, 6, 0.5 * b), "box.add");
                    }
                    s.polygons()
                            .add(
                                    cell.id(),
                                    ChromosomeLabel.C1,
                                    List.of(new Vertex(1, 1), new Vertex(9, 1), new Vertex(9, 9)),
                                    false,
                                    "polygon.add");
                }
                StoreFixtures.setResult(s, c.id(), "46,XX", "normal " + i);
            }
        }
        String url = StoreFixtures.serverUrl(dir.resolve("server"));
        List<StoreMigration.Table> moved = StoreMigration.copy(db, images, url, "alice");
        Map<String, Long> rows =
                moved.stream().collect(Collectors.toMap(StoreMigration.Table::name, StoreMigration.Table::rows));
        assertEquals(50, rows.get("cases"));
        assertEquals(100, rows.get("cells"));
        assertEquals(500, rows.get("boxes"));
        assertEquals(100, rows.get("polygons"));
        assertEquals(100, rows.get("images"));
        assertTrue(rows.get("audit") > 800, "audit rows: " + rows.get("audit"));

        Path otherCache = dir.resolve("other-workstation/images");
        try (CaseStore server = CaseStore.openServer(url, otherCache, "alice")) {
            assertEquals(50, server.cases().listAll().size());
            Cell c = server.cells().list(server.cases().listAll().get(7).id()).get(1);
            assertTrue(Files.exists(c.storedImage()), "fetched into the local cache");
            assertEquals(c.sha256(), ImageCopies.sha256(c.storedImage()));
            assertEquals(5, server.boxes().list(c.id()).size());
            StoreFixtures.newCase(server, "AFTER-MOVE"); // ids go on after the moved ones
        }
        StoreException again = assertThrows(StoreException.class, () -> StoreMigration.copy(db, images, url, "alice"));
        assertTrue(again.getMessage().contains("is not empty"), again.getMessage());
    }

    @Test
    void anImageTamperedOnTheServerIsRefusedOnRead() throws Exception {
        String url = StoreFixtures.serverUrl(dir);
        long cellId;
        try (CaseStore a = CaseStore.openServer(url, dir.resolve("a"), "alice")) {
            cellId = StoreFixtures.newCell(a, dir, "IMG-1", 3).id();
            a.inTransaction(() -> Sql.update(a.connection(), "UPDATE images SET content = ?", new byte[] {1, 2, 3}));
        }
        try (CaseStore b = CaseStore.openServer(url, dir.resolve("b"), "bob")) {
            StoreException e =
                    assertThrows(StoreException.class, () -> b.cells().find(cellId));
            assertTrue(e.getMessage().contains("fails its SHA-256 check"), e.getMessage());
        }
    }

    @Test
    void theStoreMigrateCommandMovesAndReportsEveryTable() throws Exception {
        Path db = dir.resolve("ws/cases.db");
        try (CaseStore s = CaseStore.open(db, dir.resolve("ws/images"), "alice")) {
            StoreFixtures.newCell(s, dir, "CLI-1", 5);
        }
        String url = StoreFixtures.serverUrl(dir.resolve("server"));
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = System.out;
        System.setOut(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
        int code;
        try {
            code = org.karyo.app.cli.Karyo.commandLine()
                    .execute("store", "migrate", "--from", "sqlite", db.toString(), "--to", url);
        } finally {
            System.setOut(out);
        }
        String text = buf.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, code, text);
        assertTrue(text.contains("every table checked") && text.lines().anyMatch(l -> l.startsWith("cells ")), text);
        StoreException e = assertThrows(
                StoreException.class,
                () -> CaseStore.openServer("postgresql://karyo:secret@localhost/karyo", dir.resolve("c"), "alice"));
        assertTrue(e.getMessage().contains("~/.pgpass") && !e.getMessage().contains("secret"), e.getMessage());
    }
}
