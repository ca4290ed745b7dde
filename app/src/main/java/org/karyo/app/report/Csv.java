package org.karyo.app.report;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: CRLF line ends; a field is quoted when it holds a comma, a quote, CR or LF, or
 * starts or ends with a space (doubled quotes inside); a text field that a spreadsheet would run as a
 * formula gets a leading apostrophe. The reader accepts what the writer writes
 * and LF-only files; a null field is written empty.
 */
final class Csv {

    private Csv() {}

    static void writeRow(Writer out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quote(fields.get(i)));
        }
        out.write("\r\n");
    }

    /** A plain number (a count, a negative offset): never taken for a formula. */
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("[-+]?\\d+(\\.\\d+)?");

    static String quote(String f) {
        if (f == null || f.isEmpty()) {
            return "";
        }
        // CSV injection (OWASP): a spreadsheet runs a cell starting with = + - @ (or tab, CR) as a
        // formula; a leading apostrophe makes it text. Names, accessions and audit text are typed by users.
        if ("=+-@\t\r".indexOf(f.charAt(0)) >= 0 && !NUMBER.matcher(f).matches()) {
            f = "'" + f;
        }
        boolean needs = f.indexOf(',') >= 0
                || f.indexOf('"') >= 0
                || f.indexOf('\n') >= 0
                || f.indexOf('\r') >= 0
                || f.charAt(0) == ' '
                || f.charAt(f.length() - 1) == ' ';
        return needs ? '"' + f.replace("\"", "\"\"") + '"' : f;
    }

    /** All rows; throws with the line number on a malformed quote. */
    static List<List<String>> read(Reader in) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false, wasQuoted = false, any = false;
        int line = 1;
        int c;
        while ((c = in.read()) != -1) {
            any = true;
            if (quoted) {
                if (c == '"') {
                    in.mark(1);
                    int n = in.read();
                    if (n == '"') {
                        f.append('"');
                    } else {
                        quoted = false;
                        if (n != -1) {
                            in.reset();
                        }
                    }
                } else {
                    line += c == '\n' ? 1 : 0;
                    f.append((char) c);
                }
            } else if (c == '"') {
                if (f.length() > 0 || wasQuoted) {
                    throw new IOException("line " + line + ": a quote inside an unquoted field");
                }
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                row.add(unguard(f.toString()));
                f.setLength(0);
                wasQuoted = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r') {
                    in.mark(1);
                    if (in.read() != '\n') {
                        in.reset();
                    }
                }
                row.add(unguard(f.toString()));
                rows.add(row);
                row = new ArrayList<>();
                f.setLength(0);
                wasQuoted = false;
                any = false;
                line++;
            } else {
                if (wasQuoted) {
                    throw new IOException("line " + line + ": text after a closing quote");
                }
                f.append((char) c);
            }
        }
        if (quoted) {
            throw new IOException("line " + line + ": a quoted field is not closed");
        }
        if (any) {
            row.add(unguard(f.toString()));
            rows.add(row);
        }
        return rows;
    }

    /** Undoes the apostrophe {@link #quote} puts before a formula-like field. */
    private static String unguard(String f) {
        return f.length() >= 2 && f.charAt(0) == '\'' && "=+-@\t\r".indexOf(f.charAt(1)) >= 0 ? f.substring(1) : f;
    }
}
