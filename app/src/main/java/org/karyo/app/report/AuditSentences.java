package org.karyo.app.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The audit trail as sentences a lab lead reads: "2026-12-07 14:02 Dr A. Moreau deleted a box in
 * cell-07.png (count 47 -> 46)". A box edit and the count change it caused become one sentence;
 * undo and redo say so; reasons follow in quotes. Unknown actions are still written, plainly.
 */
public final class AuditSentences {

    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneId.of("UTC"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditSentences() {}

    /** One sentence per event (a count change joins the edit that caused it), oldest first; times in UTC. */
    public static List<String> of(List<ReportAuditEntry> trail) {
        List<String> out = new ArrayList<>();
        ReportAuditEntry last = null;
        for (ReportAuditEntry e : trail) {
            if (e.action().equals("count.change")
                    && last != null
                    && last.cell() != null
                    && last.cell().equals(e.cell())
                    && last.user().equals(e.user())
                    && !out.isEmpty()) {
                out.set(
                        out.size() - 1,
                        out.get(out.size() - 1) + " (count " + field(e.before(), "count") + " → "
                                + field(e.after(), "count") + ")");
                continue;
            }
            out.add(TIME.format(e.time()) + " " + e.user() + " " + describe(e));
            last = e;
        }
        return out;
    }

    static String describe(ReportAuditEntry e) {
        String a = e.action();
        String prefix = "";
        if (a.startsWith("undo:")) {
            prefix = "undid: ";
            a = a.substring(5);
        } else if (a.startsWith("redo:")) {
            prefix = "redid: ";
            a = a.substring(5);
        }
        String in = e.cell() == null ? "" : " in " + e.cell();
        String what =
                switch (a) {
                    case "case.create" -> "created the case" + value(e.after(), "accession", " ");
                    case "case.update" -> "changed the case details";
                    case "case.karyotype" -> "set the result to " + quoted(field(e.after(), "karyotype"))
                            + (field(e.before(), "karyotype").isEmpty()
                                    ? ""
                                    : " (was " + quoted(field(e.before(), "karyotype")) + ")");
                    case "case.signoff" -> "signed the case off" + value(e.after(), "role", " as ");
                    case "case.signoff.first" -> "signed the case (first of two signatures)";
                    case "case.signoff.override" -> "signed past the failed check " + field(e.after(), "check");
                    case "case.signatures" -> "set the signatures needed to " + field(e.after(), "required");
                    case "case.reopen" -> "reopened the signed-off case";
                    case "case.archive" -> "archived the case";
                    case "cell.import" -> "imported " + field(e.after(), "label")
                            + value(e.after(), "original", " from ");
                    case "cell.exclude" -> "excluded" + (in.isEmpty() ? " a cell" : in.substring(3))
                            + " from the count";
                    case "cell.include" -> "counted" + (in.isEmpty() ? " a cell" : in.substring(3)) + " again";
                    case "cell.review" -> "marked" + (in.isEmpty() ? " a cell" : in.substring(3)) + " reviewed at "
                            + field(e.after(), "count") + " chromosomes";
                    case "cell.remove" -> "removed" + (in.isEmpty() ? " a cell" : in.substring(3)) + " from the case";
                    case "detection.run" -> "ran detection" + in + ": " + field(e.after(), "count")
                            + " chromosomes (model " + field(e.after(), "model") + " " + field(e.after(), "version")
                            + ")";
                    case "box.add" -> "added a box" + in;
                    case "box.delete" -> "deleted a box" + in;
                    case "box.move" -> "moved a box" + in;
                    case "box.resize" -> "resized a box" + in;
                    case "box.rotate" -> "rotated a box" + in;
                    case "box.nudge" -> "nudged a box" + in;
                    case "suggestion.accept" -> "accepted a suggested box" + in + " (score "
                            + field(e.before(), "score").replaceAll("(\\d\\.\\d\\d)\\d*", "$1") + ")";
                    case "count.change" -> "changed the count" + in + " from " + field(e.before(), "count") + " to "
                            + field(e.after(), "count");
                    default -> a.replace('.', ' ') + in;
                };
        return prefix + what + (e.reason() == null ? "" : " (reason: \"" + e.reason() + "\")");
    }

    private static String quoted(String s) {
        return s.isEmpty() ? "nothing" : "\"" + s + "\"";
    }

    private static String value(String json, String key, String lead) {
        String v = field(json, key);
        return v.isEmpty() ? "" : lead + v;
    }

    /** A field of a compact JSON object as text, "" when absent or unreadable. */
    static String field(String json, String key) {
        if (json == null || json.isBlank()) {
            return "";
        }
        try {
            JsonNode n = JSON.readTree(json).get(key);
            return n == null || n.isNull() ? "" : n.asText();
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
