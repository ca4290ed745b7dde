package org.karyo.app.report;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The laboratory's details as the settings dialog edits them, in the same
 * {@code <data folder>/laboratory.properties} that {@link LaboratoryFile} reads for the report:
 * name, address, logo (path of a PNG or JPEG) and accreditation (e.g. "ISO 15189:2022, UKAS 1234").
 * Sign-off asks for them when the name or address is missing.
 */
public record LaboratorySettings(String name, String address, String logo, String accreditation) {

    /** The settings in {@code dataDir}, blank fields null; all null when the file is absent or unreadable. */
    public static LaboratorySettings read(Path dataDir) {
        Path f = dataDir.resolve(LaboratoryFile.FILE);
        Properties p = new Properties();
        if (Files.isRegularFile(f)) {
            try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                return new LaboratorySettings(null, null, null, null);
            }
        }
        return new LaboratorySettings(get(p, "name"), get(p, "address"), get(p, "logo"), get(p, "accreditation"));
    }

    /** Name and address are what a report cannot go out without. */
    public boolean complete() {
        return name != null && address != null;
    }

    /** Writes the settings (readable by the owner only, as the rest of the data folder). */
    public void write(Path dataDir) throws IOException {
        Properties p = new Properties();
        put(p, "name", name);
        put(p, "address", address);
        put(p, "logo", logo);
        put(p, "accreditation", accreditation);
        Path f = dataDir.resolve(LaboratoryFile.FILE);
        Path tmp = dataDir.resolve(LaboratoryFile.FILE + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "Karyo laboratory settings");
        }
        Files.move(
                tmp,
                f,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String get(Properties p, String k) {
        String v = p.getProperty(k);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static void put(Properties p, String k, String v) {
        if (v != null && !v.isBlank()) {
            p.setProperty(k, v.strip());
        }
    }
}
