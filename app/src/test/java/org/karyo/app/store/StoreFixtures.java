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

    private StoreFixtures() {}

    /** Which engine the store tests run on: {@code -Dkaryo.test.store=postgresql} for the server, else SQLite. */
    public static final String ENGINE_PROPERTY = "karyo.test.store";

    /**
     * The store of the test folder {@code dir}: an SQLite file in it, or on the test server (run
     * with {@link #ENGINE_PROPERTY} = postgresql) a schema of its own named after the folder.
     */
    public static CaseStore open(Path dir, String user) {
        if (onServer()) {
            return CaseStore.openServer(serverUrl(dir), dir.resolve("images"), user);
        }
        return CaseStore.open(dir.resolve("karyo.db"), dir.resolve("images"), user);
    }

    public static boolean onServer() {
        return "postgresql".equals(System.getProperty(ENGINE_PROPERTY));
    }

    /**
     * The test server's URL (KARYO_TEST_PG_URL, set by {@code .ci/postgres-test-server.sh}) with a
     * schema for {@code dir}, created if new. Without a server the test is skipped with the reason,
     * except in CI (CI=true), where a missing server fails it.
     */
    public static String serverUrl(Path dir) {
        String base = System.getenv("KARYO_TEST_PG_URL");
        if (base == null || base.isBlank()) {
            String why = "no PostgreSQL test server: start one with eval \"$(.ci/postgres-test-server.sh start)\"";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(why + " (CI must run the store tests on the server)");
            }
            org.junit.jupiter.api.Assumptions.abort(why);
        }
        String schema = "t_"
                + Integer.toHexString(dir.toAbsolutePath().toString().hashCode())
                        .replace('-', 'n');
        try (java.sql.Connection c = ServerUrl.parse(base).connect(System.getProperty("user.name"));
                java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        } catch (java.sql.SQLException e) {
            throw new AssertionError("the test server " + base + " is unreachable: " + e.getMessage(), e);
        }
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** A grey image with seeded noise (so different seeds give different bytes); 8 or 16 bits. */
    public static Path writeImage(Path file, int width, int height, int bits, long seed) throws IOException {
        BufferedImage img = new BufferedImage(
                width, height, bits == 16 ? BufferedImage.TYPE_USHORT_GRAY : BufferedImage.TYPE_BYTE_GRAY);
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
        Patient p = store.patients().findByIdentifier("P-" + accession).orElseGet(() -> store.patients()
                .create("P-" + accession, "Test Patient", LocalDate.of(2020, 1, 2), "F"));
        return store.cases()
                .create(
                        p.id(),
                        accession,
                        "peripheral blood",
                        "developmental delay",
                        "PHA 72 h",
                        "550",
                        LocalDate.of(2024, 5, 1),
                        LocalDate.of(2024, 5, 2));
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

    /**
     * Locks a case as signed off without the sign-off checks (the store's primitive, not public):
     * for tests of what a signed-off case refuses or prints, not of signing itself.
     */
    public static CaseRecord signOffUnchecked(CaseStore store, long caseId) {
        return store.cases().signOff(caseId);
    }

    /**
     * Waits until every named workstation process ({@link OtherWorkstation}) has opened its store
     * and waits for the start signal, so that their edits overlap however slowly each JVM starts.
     */
    static void awaitReady(Path dir, Collection<String> users) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
        for (String user : users) {
            while (!Files.exists(dir.resolve("ready-" + user))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("workstation " + user + " did not start within 120 s");
                }
                Thread.sleep(10);
            }
        }
    }
}
