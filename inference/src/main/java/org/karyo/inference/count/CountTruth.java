package org.karyo.inference.count;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The true chromosome count of each cell of a set, as a laboratory knows it: read from each
 * cell's karyogram or from the slide's ISCN karyotype ({@code counts.csv}, {@code karyotypes.csv}:
 * a header naming the columns "cell" and "count", other columns ignored, RFC 4180
 * quoting). Cells are matched to image files by name without extension, ignoring case (exports
 * change {@code .TIF} to {@code .tif}).
 *
 * @param set    the set's name: the folder the file lies in
 * @param counts cell key ({@link #cellKey}) to count, in file order
 */
public record CountTruth(Path file, String set, Map<String, Integer> counts) {

    /** Bigger than any plausible truth table (a row per cell); refused before reading. */
    static final long MAX_BYTES = 16L << 20;
    /** Counts outside this range are typing errors, not cells (near-tetraploid cells reach ~100). */
    static final int MAX_COUNT = 200;

    public CountTruth {
        counts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    /** The key a cell name or image file is matched by: the file name without its last extension, lower case. */
    public static String cellKey(String name) {
        String n = name.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1);
        int dot = n.lastIndexOf('.');
        if (dot > 0) {
            n = n.substring(0, dot);
        }
        return n.toLowerCase(Locale.ROOT);
    }

    /** The true count of the cell an image file shows, if this file has it. */
    public OptionalInt countOf(Path image) {
        Integer c = counts.get(cellKey(image.getFileName().toString()));
        return c == null ? OptionalInt.empty() : OptionalInt.of(c);
    }

    public static CountTruth read(Path file) throws CountTruthException {
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw new CountTruthException("count truth " + file + ": is a folder, not a CSV file");
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new CountTruthException("count truth " + file + ": " + size + " bytes, too large for a table "
                        + "of cell counts (at most " + MAX_BYTES + ")");
            }
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (NoSuchFileException e) {
            throw new CountTruthException("count truth " + file + ": file not found");
        } catch (CharacterCodingException e) {
            throw new CountTruthException("count truth " + file + ": not a text (UTF-8) CSV file");
        } catch (IOException e) {
            throw new CountTruthException("count truth " + file + ": cannot be read (" + e.getMessage() + ")");
        }
        return parse(file, text);
    }

    static CountTruth parse(Path file, String text) throws CountTruthException {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> rows = Csv.rows(text, file);
        if (rows.isEmpty()) {
            throw new CountTruthException("count truth " + file + ": empty file (a header with cell,count is needed)");
        }
        List<String> header = rows.get(0);
        int cellCol = column(header, "cell"), countCol = column(header, "count");
        if (cellCol < 0 || countCol < 0) {
            throw new CountTruthException("count truth " + file + ": the header must name the columns cell and count, "
                    + "found: " + String.join(",", header));
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            int line = r + 1;
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue;
            }
            if (row.size() <= Math.max(cellCol, countCol)) {
                throw new CountTruthException("count truth " + file + " line " + line + ": " + row.size()
                        + " field(s), the header has " + header.size());
            }
            String cell = row.get(cellCol).strip();
            if (cell.isEmpty()) {
                throw new CountTruthException("count truth " + file + " line " + line + ": no cell name");
            }
            int count;
            try {
                count = Integer.parseInt(row.get(countCol).strip());
            } catch (NumberFormatException e) {
                throw new CountTruthException("count truth " + file + " line " + line + ": count '"
                        + row.get(countCol).strip() + "' of cell " + cell + " is not a whole number");
            }
            if (count < 1 || count > MAX_COUNT) {
                throw new CountTruthException("count truth " + file + " line " + line + ": count " + count + " of cell "
                        + cell + " is outside 1-" + MAX_COUNT);
            }
            Integer before = counts.put(cellKey(cell), count);
            if (before != null && before != count) {
                throw new CountTruthException("count truth " + file + " line " + line + ": cell " + cell
                        + " appears twice, with counts " + before + " and " + count);
            }
        }
        if (counts.isEmpty()) {
            throw new CountTruthException("count truth " + file + ": no cell rows below the header");
        }
        Path parent = file.toAbsolutePath().getParent();
        String set = parent == null || parent.getFileName() == null
                ? file.getFileName().toString()
                : parent.getFileName().toString();
        return new CountTruth(file, set, counts);
    }

    private static int column(List<String> header, String name) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).strip().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** RFC 4180 records: fields separated by commas, quoted fields may hold commas, quotes ("") and line breaks. */
    static final class Csv {
        private Csv() {}

        static List<List<String>> rows(String text, Path file) throws CountTruthException {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            int line = 1;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        field.append(c);
                    }
                } else if (c == '"' && field.length() == 0) {
                    quoted = true;
                } else if (c == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    row.add(field.toString());
                    field.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                    line++;
                } else {
                    field.append(c);
                }
            }
            if (quoted) {
                throw new CountTruthException(
                        "count truth " + file + " line " + line + ": a quoted field is never closed");
            }
            if (field.length() > 0 || !row.isEmpty()) {
                row.add(field.toString());
                rows.add(row);
            }
            return rows;
        }
    }
}
