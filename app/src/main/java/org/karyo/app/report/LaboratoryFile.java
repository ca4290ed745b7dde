package org.karyo.app.report;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The laboratory printed on every report: {@code <data folder>/laboratory.properties} with
 * {@code name=} and {@code address=} (UTF-8). Without it the report says plainly that the name is
 * not set instead of printing nothing, so an unconfigured installation is noticed on the first report.
 */
public final class LaboratoryFile {

    public static final String FILE = "laboratory.properties";
    public static final String NAME_NOT_SET = "Laboratory name not set (" + FILE + ")";

    private LaboratoryFile() {}

    /** The laboratory from {@code dataDir/laboratory.properties}; the placeholder name when absent or unreadable. */
    public static ReportCase.Laboratory read(Path dataDir) {
        Path file = dataDir == null ? null : dataDir.resolve(FILE);
        if (file == null || !Files.isRegularFile(file)) {
            return new ReportCase.Laboratory(NAME_NOT_SET, null);
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            return new ReportCase.Laboratory(
                    NAME_NOT_SET + ": " + file + " could not be read (" + e.getMessage() + ")", null);
        }
        String name = blankToNull(p.getProperty("name"));
        // the accreditation (Laboratory settings) follows the address on the report's header line
        String address = blankToNull(p.getProperty("address"));
        String accreditation = blankToNull(p.getProperty("accreditation"));
        if (accreditation != null) {
            address = (address == null ? "" : address + " · ") + "Accreditation: " + accreditation;
        }
        return new ReportCase.Laboratory(name == null ? NAME_NOT_SET : name, address);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
