package org.karyo.app.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.karyo.inference.classify.ChromosomeClass;

/** Per-cell class counts of the karyotyped cells: one row per cell, one column per class. */
public final class KaryogramCsv {

    private KaryogramCsv() {}

    public static void write(String accession, List<ReportKaryogram> karyograms, Path out) throws IOException {
        StringBuilder sb = new StringBuilder("accession,ordinal,label,iscn,karyotyped_by");
        for (int c = 0; c < ChromosomeClass.COUNT; c++) {
            sb.append(",chr").append(ChromosomeClass.name(c));
        }
        sb.append(",unsure\n");
        for (ReportKaryogram k : karyograms) {
            sb.append(cell(accession))
                    .append(',')
                    .append(k.ordinal())
                    .append(',')
                    .append(cell(k.label()))
                    .append(',')
                    .append(cell(k.iscn()))
                    .append(',')
                    .append(cell(k.karyotypedBy()));
            for (int n : k.classCounts()) {
                sb.append(',').append(n);
            }
            sb.append(',').append(k.unsure()).append('\n');
        }
        Files.writeString(out, sb.toString(), StandardCharsets.UTF_8);
    }

    /** {@code cells.csv} -> {@code cells-classes.csv} in the same folder. */
    public static Path fileFor(Path cells) {
        String name = cells.getFileName().toString();
        String stem =
                name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return cells.resolveSibling(stem + "-classes.csv");
    }

    /** Quoted when needed; a leading formula character is neutralised (spreadsheet injection). */
    static String cell(String s) {
        if (s == null) {
            return "";
        }
        String v = s;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !v.matches("[-+]?\\d.*")) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
