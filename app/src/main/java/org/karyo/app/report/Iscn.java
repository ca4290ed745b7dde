package org.karyo.app.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.karyo.app.report.IscnResult.Abnormality;
import org.karyo.app.report.IscnResult.Clone;
import org.karyo.app.report.IscnResult.Message;

/**
 * A tolerant parser of the common ISCN karyotype forms: numerical and structural abnormalities,
 * markers, mosaics and clones with cell counts ({@code 45,X[12]/46,XX[18]}, also the grouped
 * {@code 45,X/46,XX[12/18]}), {@code mos}/{@code chi} prefixes, {@code idem}/{@code sl}/{@code sdl}.
 * Not a full ISCN grammar: it catches the slips a cytogeneticist makes when typing a result
 * (wrong chromosome number, missing sex chromosomes, unbalanced parentheses, unknown abnormalities,
 * count not matching the listed gains and losses) and says where. FISH or array parts after a
 * top-level '.' are left unparsed.
 */
public final class Iscn {

    public static final int MIN_COUNT = 20, MAX_COUNT = 100;

    private static final Pattern COUNT = Pattern.compile("\\d{1,3}");
    private static final Pattern SEX = Pattern.compile("[XY]{1,8}c?");
    private static final Pattern CELLS = Pattern.compile("\\[(\\d+(?:/\\d+)*)]$");
    private static final Pattern NUMERICAL = Pattern.compile("([+-])(\\d{1,2}|X|Y)c?");
    private static final Pattern MARKER = Pattern.compile("([+-]?)(\\d*)mar\\d*c?");
    private static final Pattern STRUCTURAL =
            Pattern.compile("([+-]?)(\\d*)([a-z]+)\\(([^()]*)\\)(?:\\(([^()]*)\\))?c?");
    private static final Pattern CHROMOSOME = Pattern.compile("(\\d{1,2}|X|Y)([pq])?");
    private static final Pattern BANDS = Pattern.compile("(?:[pq](?:\\d{1,2}(?:\\.\\d{1,4})?|ter|cen)?)+");
    private static final Set<String> NAMES = Set.of(
            "add", "del", "der", "dic", "dup", "fra", "hsr", "i", "idic", "ider", "ins", "inv", "r", "rob", "t", "trp",
            "qdp", "tas", "trc", "psu", "neo", "h");
    private static final Set<String> NEED_BANDS = Set.of("add", "del", "dup", "ins", "inv", "t");

    private Iscn() {}

    public static IscnResult parse(String text) {
        List<Message> msgs = new ArrayList<>();
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            return new IscnResult(text, null, List.of(), List.of(new Message(0, "the karyotype is empty")));
        }
        int offset = text.indexOf(s.charAt(0));
        if (!balanced(s, offset, msgs)) {
            return new IscnResult(text, null, List.of(), msgs);
        }
        int dot = topLevel(s, '.');
        String core = dot < 0 ? s : s.substring(0, dot);
        String prefix = null;
        Matcher pre = Pattern.compile("^(mos|chi)\\s+").matcher(core);
        int start = 0;
        if (pre.find()) {
            prefix = pre.group(1);
            start = pre.end();
        }
        List<int[]> parts = split(core, start, core.length(), '/');
        List<Clone> clones = new ArrayList<>();
        for (int[] p : parts) {
            Clone c = clone(core, p[0], p[1], offset, clones.isEmpty(), msgs);
            if (c != null) {
                clones.add(c);
            }
        }
        if (msgs.isEmpty()) {
            clones = cellCounts(clones, core, offset, msgs);
        }
        if (msgs.isEmpty() && prefix != null && clones.size() < 2) {
            msgs.add(new Message(offset + 1, "'" + prefix + "' needs two or more cell lines separated by '/'"));
        }
        return new IscnResult(text, prefix, msgs.isEmpty() ? clones : List.of(), msgs);
    }

    private static Clone clone(String s, int from, int to, int offset, boolean first, List<Message> msgs) {
        int before = msgs.size();
        String part = s.substring(from, to);
        Integer cells = null;
        Matcher cm = CELLS.matcher(part);
        String cellText = null;
        if (cm.find()) {
            cellText = cm.group(1);
            part = part.substring(0, cm.start());
            if (!cellText.contains("/")) {
                cells = Integer.parseInt(cellText);
            }
        } else if (part.contains("[")) {
            msgs.add(at(
                    from + part.indexOf('['), offset, "clone cell counts must be in [..] at the end of a cell line"));
            return null;
        }
        List<int[]> fields = split(s, from, from + part.length(), ',');
        String countText = field(s, fields.get(0)).strip();
        int pos = fields.get(0)[0];
        if (!COUNT.matcher(countText).matches()) {
            msgs.add(at(pos, offset, "expected the chromosome number (e.g. 46), found '" + countText + "'"));
            return null;
        }
        int count = Integer.parseInt(countText);
        if (count < MIN_COUNT || count > MAX_COUNT) {
            msgs.add(at(pos, offset, "modal number " + count + " out of range " + MIN_COUNT + "-" + MAX_COUNT));
        }
        if (fields.size() < 2) {
            msgs.add(at(
                    pos + countText.length(),
                    offset,
                    "sex chromosomes missing after " + countText + " (e.g. " + countText + ",XX)"));
            return null;
        }
        String sex = field(s, fields.get(1)).strip();
        boolean idem = !first && (sex.equals("idem") || sex.equals("sl") || sex.equals("sdl"));
        if (!idem && !SEX.matcher(sex).matches()) {
            msgs.add(at(
                    fields.get(1)[0],
                    offset,
                    "sex chromosomes missing (expected X and Y letters such as XX or XY, found '" + sex + "')"));
            return null;
        }
        List<Abnormality> abns = new ArrayList<>();
        int gains = 0, losses = 0;
        boolean structural = false;
        for (int i = 2; i < fields.size(); i++) {
            String a = field(s, fields.get(i)).strip();
            Abnormality abn = abnormality(a, fields.get(i)[0], offset, msgs);
            if (abn == null) {
                continue;
            }
            abns.add(abn);
            gains += a.startsWith("+") ? multiplier(a) : 0;
            losses += a.startsWith("-") ? multiplier(a) : 0;
            structural |= abn.kind() == Abnormality.Kind.STRUCTURAL;
        }
        if (msgs.size() == before && !idem && !structural) {
            int sexCount = sex.replace("c", "").length();
            int ploidy = Math.max(1, (int) Math.round((count - sexCount) / 22.0));
            int expected = 22 * ploidy + sexCount + gains - losses;
            if (expected != count) {
                msgs.add(at(
                        pos,
                        offset,
                        "chromosome number " + count
                                + " does not match the sex chromosomes and gains/losses listed (they make " + expected
                                + ")"));
            }
        }
        // -1 marks grouped counts ([12/18]) that cellCounts hands out to the clones
        Integer cellsOut = cells == null && cellText != null ? Integer.valueOf(-1) : cells;
        return msgs.size() == before ? new Clone(count, idem ? null : sex, abns, cellsOut) : null;
    }

    /** "+2mar" gains two; everything else one. */
    private static int multiplier(String a) {
        Matcher m = MARKER.matcher(a);
        return m.matches() && !m.group(2).isEmpty() ? Integer.parseInt(m.group(2)) : 1;
    }

    private static Abnormality abnormality(String a, int pos, int offset, List<Message> msgs) {
        if (a.isEmpty()) {
            msgs.add(at(pos, offset, "empty field between commas"));
            return null;
        }
        Matcher m = NUMERICAL.matcher(a);
        if (m.matches()) {
            if (!validChromosome(m.group(2))) {
                msgs.add(at(pos, offset, "no chromosome " + m.group(2) + " in '" + a + "' (1-22, X, Y)"));
                return null;
            }
            return new Abnormality(a, m.group(1).equals("+") ? Abnormality.Kind.GAIN : Abnormality.Kind.LOSS);
        }
        if (MARKER.matcher(a).matches()) {
            return new Abnormality(a, Abnormality.Kind.MARKER);
        }
        // der(22)t(9;22)(q34;q11.2): a derivative may chain further abnormalities; check each link
        int i = 0;
        boolean any = false;
        while (i < a.length()) {
            Matcher sm = STRUCTURAL.matcher(a).region(i, a.length());
            if (!sm.lookingAt() || (i > 0 && !sm.group(1).isEmpty())) {
                msgs.add(at(pos + i, offset, "unrecognised abnormality '" + a.substring(i) + "'"));
                return null;
            }
            if (!structural(sm, pos + i, offset, msgs)) {
                return null;
            }
            any = true;
            i = sm.end();
        }
        return any ? new Abnormality(a, Abnormality.Kind.STRUCTURAL) : null;
    }

    private static boolean structural(Matcher m, int pos, int offset, List<Message> msgs) {
        String name = m.group(3);
        String what = m.group();
        if (!NAMES.contains(name)) {
            msgs.add(at(pos, offset, "unknown abnormality '" + name + "' in '" + what + "'"));
            return false;
        }
        String[] chromosomes = m.group(4).split(";", -1);
        for (String c : chromosomes) {
            Matcher cm = CHROMOSOME.matcher(c);
            if (!cm.matches() || !validChromosome(cm.group(1))) {
                msgs.add(at(pos, offset, "'" + c + "' in '" + what + "' is not a chromosome (1-22, X, Y)"));
                return false;
            }
        }
        String bands = m.group(5);
        if (bands == null) {
            if (NEED_BANDS.contains(name)) {
                msgs.add(at(
                        pos,
                        offset,
                        "'" + what + "' needs breakpoints, e.g. " + name + "(" + m.group(4) + ")(q21"
                                + (chromosomes.length > 1 ? ";q11" : "") + ")"));
                return false;
            }
            return true;
        }
        String[] groups = bands.split(";", -1);
        if (groups.length != chromosomes.length) {
            msgs.add(at(
                    pos,
                    offset,
                    "'" + what + "' names " + chromosomes.length + " chromosome(s) but " + groups.length
                            + " breakpoint group(s)"));
            return false;
        }
        for (String g : groups) {
            if (!BANDS.matcher(g).matches()) {
                msgs.add(at(pos, offset, "'" + g + "' in '" + what + "' is not a band (e.g. q13, p11.2, pter)"));
                return false;
            }
        }
        return true;
    }

    private static boolean validChromosome(String c) {
        if (c.equals("X") || c.equals("Y")) {
            return true;
        }
        int n = Integer.parseInt(c);
        return n >= 1 && n <= 22;
    }

    /** Cell counts: every clone of a mosaic needs one, either per clone or grouped at the end. */
    private static List<Clone> cellCounts(List<Clone> clones, String s, int offset, List<Message> msgs) {
        Clone last = clones.get(clones.size() - 1);
        if (last.cells() != null && last.cells() == -1) {
            Matcher cm = CELLS.matcher(s);
            cm.find();
            String[] n = cm.group(1).split("/", -1);
            boolean othersEmpty = clones.subList(0, clones.size() - 1).stream().allMatch(c -> c.cells() == null);
            if (n.length != clones.size() || !othersEmpty) {
                msgs.add(at(
                        cm.start(),
                        offset,
                        "grouped cell counts [" + cm.group(1) + "] give " + n.length + " numbers for " + clones.size()
                                + " cell line(s)"));
                return clones;
            }
            List<Clone> out = new ArrayList<>();
            for (int i = 0; i < clones.size(); i++) {
                Clone c = clones.get(i);
                out.add(new Clone(c.count(), c.sexChromosomes(), c.abnormalities(), Integer.parseInt(n[i])));
            }
            return out;
        }
        if (clones.stream().anyMatch(c -> c.cells() != null && c.cells() == -1)
                || (clones.size() > 1 && clones.stream().anyMatch(c -> c.cells() == null))) {
            msgs.add(new Message(
                    offset + 1, "clone cell counts must be in [..] after each cell line, e.g. 45,X[12]/46,XX[18]"));
        }
        return clones;
    }

    private static boolean balanced(String s, int offset, List<Message> msgs) {
        int round = 0, square = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            round += c == '(' ? 1 : c == ')' ? -1 : 0;
            square += c == '[' ? 1 : c == ']' ? -1 : 0;
            if (round < 0 || square < 0 || round > 1 || square > 1) {
                msgs.add(at(
                        i,
                        offset,
                        (c == '(' || c == ')' ? "unbalanced parentheses" : "unbalanced brackets") + " at '" + c + "'"));
                return false;
            }
        }
        if (round != 0 || square != 0) {
            msgs.add(at(
                    s.length() - 1,
                    offset,
                    round != 0 ? "unbalanced parentheses: a ')' is missing" : "unbalanced brackets: a ']' is missing"));
            return false;
        }
        return true;
    }

    /** The first index of {@code c} outside parentheses and brackets, or -1. */
    private static int topLevel(String s, char c) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            depth += ch == '(' || ch == '[' ? 1 : ch == ')' || ch == ']' ? -1 : 0;
            if (depth == 0 && ch == c) {
                return i;
            }
        }
        return -1;
    }

    /** [start, end) ranges of s between top-level separators. */
    private static List<int[]> split(String s, int from, int to, char sep) {
        List<int[]> out = new ArrayList<>();
        int depth = 0, start = from;
        for (int i = from; i < to; i++) {
            char ch = s.charAt(i);
            depth += ch == '(' || ch == '[' ? 1 : ch == ')' || ch == ']' ? -1 : 0;
            if (depth == 0 && ch == sep) {
                out.add(new int[] {start, i});
                start = i + 1;
            }
        }
        out.add(new int[] {start, to});
        return out;
    }

    private static String field(String s, int[] range) {
        return s.substring(range[0], range[1]);
    }

    private static Message at(int index, int offset, String text) {
        return new Message(offset + index + 1, text);
    }
}
