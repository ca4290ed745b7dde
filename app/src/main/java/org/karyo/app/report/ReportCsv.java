package org.karyo.app.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's data for audit: one row per cell, and the audit trail, as RFC 4180 CSV (UTF-8,
 * header row, CRLF). Readers parse what the writers write, so exports can be checked by machine.
 */
public final class ReportCsv {

    public static final List<String> CELL_COLUMNS = List.of(
            "accession",
            "ordinal",
            "label",
            "file",
            "sha256",
            "detected_count",
            "final_count",
            "added",
            "removed",
            "moved",
            "excluded",
            "exclusion_reason",
            "reviewer");
    public static final List<String> AUDIT_COLUMNS =
            List.of("time", "user", "action", "cell", "before", "after", "reason");

    /** One row of the cells CSV (what a {@link ReportCell} shows apart from its image and boxes). */
    public record CellRow(
            String accession,
            int ordinal,
            String label,
            String file,
            String sha256,
            Integer detectedCount,
            int finalCount,
            ReportCell.Edits edits,
            boolean excluded,
            String exclusionReason,
            String reviewer) {
        public CellRow {
            accession = ReportAuditEntry.emptyToNull(accession);
            file = ReportAuditEntry.emptyToNull(file);
            sha256 = ReportAuditEntry.emptyToNull(sha256);
            exclusionReason = ReportAuditEntry.emptyToNull(exclusionReason);
            reviewer = ReportAuditEntry.emptyToNull(reviewer);
        }

        public static CellRow of(String accession, ReportCell c) {
            return new CellRow(
                    accession,
                    c.ordinal(),
                    c.label(),
                    c.fileName(),
                    c.sha256(),
                    c.detectedCount(),
                    c.finalCount(),
                    c.edits(),
                    c.excluded(),
                    c.exclusionReason(),
                    c.reviewer());
        }
    }

    private ReportCsv() {}

    public static void writeCells(ReportCase rc, Path out) throws IOException {
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            Csv.writeRow(w, CELL_COLUMNS);
            for (ReportCell c : rc.cells()) {
                CellRow r = CellRow.of(rc.accession(), c);
                Csv.writeRow(
                        w,
                        List.of(
                                str(r.accession()),
                                Integer.toString(r.ordinal()),
                                r.label(),
                                str(r.file()),
                                str(r.sha256()),
                                r.detectedCount() == null
                                        ? ""
                                        : r.detectedCount().toString(),
                                Integer.toString(r.finalCount()),
                                Integer.toString(r.edits().added()),
                                Integer.toString(r.edits().removed()),
                                Integer.toString(r.edits().moved()),
                                r.excluded() ? "yes" : "no",
                                str(r.exclusionReason()),
                                str(r.reviewer())));
            }
        }
    }

    public static void writeAudit(List<ReportAuditEntry> audit, Path out) throws IOException {
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            Csv.writeRow(w, AUDIT_COLUMNS);
            for (ReportAuditEntry e : audit) {
                Csv.writeRow(
                        w,
                        List.of(
                                e.time().toString(),
                                e.user(),
                                e.action(),
                                str(e.cell()),
                                str(e.before()),
                                str(e.after()),
                                str(e.reason())));
            }
        }
    }

    public static List<CellRow> readCells(Path in) throws IOException {
        List<CellRow> out = new ArrayList<>();
        List<List<String>> rows = rows(in, CELL_COLUMNS);
        for (int i = 1; i < rows.size(); i++) {
            List<String> r = rows.get(i);
            String where = in.getFileName() + " row " + (i + 1);
            String detected = r.get(5);
            out.add(new CellRow(
                    r.get(0),
                    integer(r.get(1), where),
                    r.get(2),
                    r.get(3),
                    r.get(4),
                    detected.isEmpty() ? null : integer(detected, where),
                    integer(r.get(6), where),
                    new ReportCell.Edits(integer(r.get(7), where), integer(r.get(8), where), integer(r.get(9), where)),
                    yesNo(r.get(10), where),
                    r.get(11),
                    r.get(12)));
        }
        return out;
    }

    public static List<ReportAuditEntry> readAudit(Path in) throws IOException {
        List<ReportAuditEntry> out = new ArrayList<>();
        List<List<String>> rows = rows(in, AUDIT_COLUMNS);
        for (int i = 1; i < rows.size(); i++) {
            List<String> r = rows.get(i);
            Instant t;
            try {
                t = Instant.parse(r.get(0));
            } catch (DateTimeParseException e) {
                throw new IOException(in.getFileName() + " row " + (i + 1) + ": '" + r.get(0) + "' is not a time");
            }
            out.add(new ReportAuditEntry(t, r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6)));
        }
        return out;
    }

    private static List<List<String>> rows(Path in, List<String> header) throws IOException {
        List<List<String>> rows;
        try (BufferedReader r = Files.newBufferedReader(in, StandardCharsets.UTF_8)) {
            rows = Csv.read(r);
        }
        if (rows.isEmpty() || !rows.get(0).equals(header)) {
            throw new IOException(in.getFileName() + ": expected the header " + String.join(",", header));
        }
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i).size() != header.size()) {
                throw new IOException(in.getFileName() + " row " + (i + 1) + ": "
                        + rows.get(i).size() + " fields, expected " + header.size());
            }
        }
        return rows;
    }

    private static int integer(String s, String where) throws IOException {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IOException(where + ": '" + s + "' is not a whole number");
        }
    }

    private static boolean yesNo(String s, String where) throws IOException {
        return switch (s) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw new IOException(where + ": excluded must be yes or no, found '" + s + "'");
        };
    }

    private static String str(String s) {
        return s == null ? "" : s;
    }
}
