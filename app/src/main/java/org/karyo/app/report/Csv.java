package org.karyo.app.report;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: CRLF line ends; a field is quoted when it holds a comma, a quote, CR or LF, or
 * starts or ends with a space (doubled quotes inside). The reader accepts what the writer writes
 * and LF-only files; a null field is written empty.
 */
final class Csv {

    private Csv() {
    }

    static void writeRow(Writer out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quote(fields.get(i)));
        }
        out.write("\r\n");
    }

    static String quote(String f) {
        if (f == null || f.isEmpty()) {
            return "";
        }
        boolean needs = f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0
                || f.charAt(0) == ' ' || f.charAt(f.length() - 1) == ' ';
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
                row.add(f.toString());
                f.setLength(0);
                wasQuoted = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r') {
                    in.mark(1);
                    if (in.read() != '\n') {
                        in.reset();
                    }
                }
                row.add(f.toString());
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
            row.add(f.toString());
            rows.add(row);
        }
        return rows;
    }
}
