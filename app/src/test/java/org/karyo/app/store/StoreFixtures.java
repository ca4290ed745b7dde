package org.karyo.app.store;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;

/** Test helpers: a store in a temp folder, real images written with ImageIO, a patient with one case. */
public final class StoreFixtures {

    private StoreFixtures() {
    }

    public static CaseStore open(Path dir, String user) {
        return CaseStore.open(dir.resolve("karyo.db"), dir.resolve("images"), user);
    }

    /** A grey image with seeded noise (so different seeds give different bytes); 8 or 16 bits. */
    public static Path writeImage(Path file, int width, int height, int bits, long seed) throws IOException {
        BufferedImage img = new BufferedImage(width, height,
                bits == 16 ? BufferedImage.TYPE_USHORT_GRAY : BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = img.getRaster();
        Random rnd = new Random(seed);
        int max = bits == 16 ? 4095 : 255; // 12 bits used, as microscope cameras do
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                r.setSample(x, y, 0, rnd.nextInt(max + 1));
            }
        }
        String name = file.getFileName().toString();
        String format = name.endsWith(".tif") || name.endsWith(".tiff") ? "tiff" : "png";
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!ImageIO.write(img, format, file.toFile())) {
            throw new IOException("no ImageIO writer for " + format);
        }
        return file;
    }

    public static CaseRecord newCase(CaseStore store, String accession) {
        Patient p = store.patients().findByIdentifier("P-" + accession).orElseGet(() ->
                store.patients().create("P-" + accession, "Test Patient", LocalDate.of(2020, 1, 2), "F"));
        return store.cases().create(p.id(), accession, "peripheral blood", "developmental delay", "PHA 72 h",
                "550", LocalDate.of(2024, 5, 1), LocalDate.of(2024, 5, 2));
    }

    /** A case with one imported 8-bit cell. */
    public static Cell newCell(CaseStore store, Path dir, String accession, long seed) throws IOException {
        CaseRecord c = newCase(store, accession);
        Path img = writeImage(dir.resolve("in/" + accession + "-" + seed + ".png"), 64, 48, 8, seed);
        return store.cells().importImage(c.id(), img);
    }

    /** The current row versions of boxes, as a screen that just listed them holds. */
    public static Map<Long, Long> boxVersions(CaseStore store, Collection<Long> ids) {
        Map<Long, Long> v = new HashMap<>();
        for (long id : ids) {
            v.put(id, store.boxes().find(id).orElseThrow().version());
        }
        return v;
    }

    /** The current row versions of outlines. */
    public static Map<Long, Long> polygonVersions(CaseStore store, Collection<Long> ids) {
        Map<Long, Long> v = new HashMap<>();
        for (long id : ids) {
            v.put(id, store.polygons().find(id).orElseThrow().version());
        }
        return v;
    }

    /** Saves a case's result over its current version (a screen that just loaded it). */
    public static CaseRecord setResult(CaseStore store, long caseId, String karyotype, String interpretation) {
        long v = store.cases().find(caseId).orElseThrow().version();
        return store.cases().setKaryotype(caseId, v, karyotype, interpretation);
    }
}
