package org.karyo.annotation.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Pairs the metaphase and karyogram images of an archive folder by file name. A rule is a regular
 * expression with two named groups: {@code cell} (the same for both images of a pair) and
 * {@code kind} (which of the two it is: A, M, MET or METAPHASE for the metaphase; K, KAR, KARYO or
 * KARYOGRAM for the karyogram; any case). The default rules know CytoVision's
 * {@code 8129A.001.A.TIF} / {@code 8129A.001.K.TIF} and {@code name_metaphase.png} /
 * {@code name_karyogram.png}. Files that match no rule, or whose partner is missing, are listed.
 */
public final class ArchivePairing {

    public static final List<String> DEFAULT_RULES = List.of(
            "(?<cell>.+)\\.(?<kind>[AaKk])\\.(?i:tiff?|png|jpe?g|bmp)",
            "(?<cell>.+)[_-](?<kind>(?i:metaphase|karyogram|met|kar))\\.(?i:tiff?|png|jpe?g|bmp)");

    private static final Pattern IMAGE = Pattern.compile(".*\\.(?i:tiff?|png|jpe?g|bmp)");

    /** One cell's two images. */
    public record Pair(String cell, Path metaphase, Path karyogram) {}

    /** The pairs in name order, and every image left without a partner (with why). */
    public record Result(List<Pair> pairs, List<String> unpaired) {
        public Result {
            pairs = List.copyOf(pairs);
            unpaired = List.copyOf(unpaired);
        }
    }

    private ArchivePairing() {}

    public static Result pair(Path dir, List<String> rules) throws IOException {
        List<Pattern> patterns = new ArrayList<>();
        for (String r : rules) {
            Pattern p = Pattern.compile(r);
            if (!r.contains("?<cell>") || !r.contains("?<kind>")) {
                throw new IllegalArgumentException(
                        "pairing rule '" + r + "' needs the groups (?<cell>...) and (?<kind>...)");
            }
            patterns.add(p);
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile)
                    .filter(f -> IMAGE.matcher(f.getFileName().toString()).matches())
                    .sorted()
                    .toList();
        }
        Map<String, Path[]> byCell = new TreeMap<>();
        List<String> unpaired = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            boolean matched = false;
            for (Pattern p : patterns) {
                Matcher m = p.matcher(name);
                if (!m.matches()) {
                    continue;
                }
                int side = side(m.group("kind"));
                if (side < 0) {
                    continue;
                }
                Path[] slot = byCell.computeIfAbsent(m.group("cell"), k -> new Path[2]);
                if (slot[side] != null) {
                    unpaired.add(dir.relativize(f) + ": a second " + (side == 0 ? "metaphase" : "karyogram")
                            + " for cell " + m.group("cell") + " (kept " + dir.relativize(slot[side]) + ")");
                } else {
                    slot[side] = f;
                }
                matched = true;
                break;
            }
            if (!matched) {
                unpaired.add(dir.relativize(f) + ": name matches no pairing rule");
            }
        }
        List<Pair> pairs = new ArrayList<>();
        byCell.forEach((cell, p) -> {
            if (p[0] != null && p[1] != null) {
                pairs.add(new Pair(cell, p[0], p[1]));
            } else {
                Path only = p[0] != null ? p[0] : p[1];
                unpaired.add(dir.relativize(only) + ": no " + (p[0] == null ? "metaphase" : "karyogram") + " for cell "
                        + cell);
            }
        });
        return new Result(pairs, unpaired);
    }

    /** 0 metaphase, 1 karyogram, -1 neither. */
    static int side(String kind) {
        return switch (kind.toUpperCase(Locale.ROOT)) {
            case "A", "M", "MET", "METAPHASE" -> 0;
            case "K", "KAR", "KARYO", "KARYOGRAM" -> 1;
            default -> -1;
        };
    }
}
