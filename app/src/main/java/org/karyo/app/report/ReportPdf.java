package org.karyo.app.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;
import java.util.stream.Collectors;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;

/**
 * Writes the karyotype report PDF (A4, PDFBox, embedded DejaVu fonts): header, result with the
 * ISCN check, count summary, cells off the mode, all cells with their edits, provenance and
 * sign-off, figures, audit trail. Deterministic: the same case gives the same content; only the
 * export time (footer, document dates) differs between exports. Times are printed in UTC so the
 * content does not depend on the machine's time zone.
 */
public final class ReportPdf {

    public static final String GENERATOR = "Karyo Workstation " + org.karyo.core.logging.KaryoVersion.get();
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    static final String DASH = "\u2014";

    private ReportPdf() {
    }

    /** Writes the report to {@code out} (atomically: a half-written file never replaces a good one). */
    public static void write(ReportCase rc, List<ReportAuditEntry> audit, Path out, Instant exportTime) throws IOException {
        write(rc, audit, List.of(), out, exportTime);
    }

    /** As {@link #write(ReportCase, List, Path, Instant)}, with the karyograms of the karyotyped cells. */
    public static void write(ReportCase rc, List<ReportAuditEntry> audit, List<ReportKaryogram> karyograms, Path out,
            Instant exportTime) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".report-", ".pdf.tmp");
        try (PDDocument doc = new PDDocument()) {
            ReportFonts fonts = ReportFonts.load(doc);
            CountStatistics stats = rc.statistics();
            try (PageFlow flow = new PageFlow(doc, fonts)) {
                header(flow, rc);
                result(flow, rc, stats);
                counts(flow, rc, stats);
                cells(flow, rc, stats);
                provenance(flow, rc);
                ReportFigures.add(flow, rc, stats);
                KaryogramPages.add(flow, karyograms);
                audit(flow, audit);
            }
            String patient = "Patient ID: " + rc.patient().id() + (rc.accession() == null ? "" : "    Accession: " + rc.accession())
                + (rc.patient().name() == null ? "" : "    " + rc.patient().name());
            String middle = "Report version " + rc.reportVersion() + "   Exported " + TIME.format(exportTime) + "   " + GENERATOR;
            PageDecorations.apply(doc, fonts, or(rc.laboratory().name()), patient, middle, !rc.signed());
            info(doc, rc, exportTime);
            doc.save(tmp.toFile());
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void header(PageFlow f, ReportCase rc) throws IOException {
        f.paragraph(f.fonts.bold, 16, "Cytogenetic report: chromosome analysis", Color.BLACK);
        if (rc.laboratory().name() != null || rc.laboratory().address() != null) {
            f.paragraph(f.fonts.regular, 9, join(", ", rc.laboratory().name(), rc.laboratory().address()), Color.DARK_GRAY);
        }
        if (!rc.signed()) {
            f.gap(2);
            f.paragraph(f.fonts.bold, 10, "DRAFT: this case has not been signed off and must not be used for clinical decisions.",
                    PageDecorations.DRAFT);
        }
        f.heading("Patient and specimen");
        ReportCase.Patient p = rc.patient();
        f.fields(List.of(
                new String[] {"Patient", or(p.name())}, new String[] {"Patient ID", p.id()},
                new String[] {"Date of birth", date(p.birthDate())}, new String[] {"Sex", or(p.sex())},
                new String[] {"Accession", or(rc.accession())}, new String[] {"Specimen", or(rc.specimen())},
                new String[] {"Collected", date(rc.collected())}, new String[] {"Received", date(rc.received())},
                new String[] {"Culture(s)", rc.cultures().isEmpty() ? DASH : String.join(", ", rc.cultures())},
                new String[] {"Band level", or(rc.bandLevel())},
                new String[] {"Referral", or(rc.referralReason())}), 2, 82);
    }

    private static void result(PageFlow f, ReportCase rc, CountStatistics stats) throws IOException {
        f.heading("Result");
        String k = rc.karyotype() == null || rc.karyotype().isBlank() ? null : rc.karyotype().strip();
        f.paragraph(f.fonts.bold, 14, "Karyotype: " + (k == null ? "not entered" : k), Color.BLACK);
        if (k != null) {
            IscnResult iscn = Iscn.parse(k);
            if (!iscn.ok()) {
                f.paragraph(f.fonts.bold, 9, "ISCN check: the karyotype is not well formed: " + iscn.describeProblems(),
                        PageDecorations.DRAFT);
            } else {
                for (String note : Agreement.notes(iscn, stats)) {
                    f.paragraph(f.fonts.bold, 9, "Note: " + note, PageDecorations.DRAFT);
                }
            }
        }
        f.gap(4);
        f.paragraph(f.fonts.bold, 10, "Interpretation", Color.BLACK);
        f.paragraph(f.fonts.regular, 10, or(rc.interpretation()), Color.BLACK);
    }

    private static void counts(PageFlow f, ReportCase rc, CountStatistics s) throws IOException {
        f.heading("Count summary");
        long excluded = rc.cells().stream().filter(ReportCell::excluded).count();
        String dist = s.distribution().entrySet().stream()
                .map(e -> e.getKey() + " chromosomes: " + e.getValue() + (e.getValue() == 1 ? " cell" : " cells"))
                .collect(Collectors.joining("; "));
        f.fields(List.of(
                new String[] {"Cells counted", Integer.toString(s.cellsCounted()) + (excluded > 0 ? " (" + excluded + " excluded)" : "")},
                new String[] {"Cells analysed", Integer.toString(rc.cellsAnalysed())},
                new String[] {"Modal number", s.hasCells() ? Integer.toString(s.modalNumber()) : DASH},
                new String[] {"Cells off the mode", Integer.toString(s.nonModal().size())},
                new String[] {"Distribution", s.hasCells() ? dist : DASH},
                new String[] {"Mosaicism excluded", s.hasCells() ? s.mosaicismExcludedPercent() + " % or more excluded at 95 % confidence by "
                        + s.cellsCounted() + " cells (Hook 1977)" : DASH},
                new String[] {"Minimum (" + CountStatistics.STANDARD_MINIMUM + " cells)", s.minimumMet() ? "met"
                        : "NOT met: " + s.cellsCounted() + " of " + CountStatistics.STANDARD_MINIMUM + " cells counted"}), 1, 105);
        if (!s.nonModal().isEmpty()) {
            f.gap(6);
            f.paragraph(f.fonts.bold, 10, "Cells off the modal number (" + s.modalNumber() + ")", Color.BLACK);
            List<String[]> rows = new ArrayList<>();
            for (ReportCell c : s.nonModal()) {
                rows.add(new String[] {c.label(), or(c.fileName()), Integer.toString(c.finalCount()), count(c.detectedCount()),
                        or(c.reviewer())});
            }
            f.table(new String[] {"Cell", "File", "Count", "Detected", "Reviewer"}, new float[] {2, 4, 1.2f, 1.4f, 2}, rows, 9);
        }
    }

    private static void cells(PageFlow f, ReportCase rc, CountStatistics s) throws IOException {
        f.heading("Cells (" + rc.cells().size() + ")");
        List<String[]> rows = new ArrayList<>();
        for (ReportCell c : rc.cells()) {
            ReportCell.Edits e = c.edits();
            String status = c.excluded() ? "excluded" : c.finalCount() == s.modalNumber() ? "modal" : "off mode";
            rows.add(new String[] {Integer.toString(c.ordinal()), c.label(), or(c.fileName()), count(c.detectedCount()),
                    Integer.toString(c.finalCount()), e.added() + " / " + e.removed() + " / " + e.moved(), or(c.reviewer()), status});
        }
        f.table(new String[] {"#", "Cell", "File", "Detected", "Final", "Added / removed / moved", "Reviewer", "Status"},
                new float[] {0.6f, 1.5f, 2f, 1.3f, 1, 2.6f, 1.8f, 2.2f}, rows, 8);
        List<String> excluded = rc.cells().stream().filter(ReportCell::excluded)
                .map(c -> c.label() + ": " + or(c.exclusionReason())).toList();
        if (!excluded.isEmpty()) {
            f.gap(4);
            f.paragraph(f.fonts.regular, 9, "Excluded from the count: " + String.join("; ", excluded), Color.BLACK);
        }
    }

    private static void provenance(PageFlow f, ReportCase rc) throws IOException {
        f.heading("Provenance and sign-off");
        ReportCase.ModelProvenance m = rc.model();
        int added = 0, removed = 0, moved = 0;
        for (ReportCell c : rc.cells()) {
            added += c.edits().added();
            removed += c.edits().removed();
            moved += c.edits().moved();
        }
        String signOff = rc.signOffs().isEmpty() ? "not signed off (DRAFT)" : rc.signOffs().stream()
                .map(s -> s.user() + ", " + TIME.format(s.time())).collect(Collectors.joining("; "));
        f.fields(List.of(
                new String[] {"Detection model", m.name() == null ? "none (counted by hand)" : join(" ", m.name(), m.version())},
                new String[] {"Model SHA-256", or(m.sha256())},
                new String[] {"Review edits", "boxes added " + added + ", removed " + removed + ", moved " + moved
                        + " (per cell in the table above)"},
                new String[] {"Reviewer(s)", rc.reviewers().isEmpty() ? DASH : String.join(", ", rc.reviewers())},
                new String[] {"Signed off", signOff},
                new String[] {"Report version", Integer.toString(rc.reportVersion())},
                new String[] {"Produced by", GENERATOR}), 1, 105);
    }

    private static void audit(PageFlow f, List<ReportAuditEntry> audit) throws IOException {
        if (audit == null || audit.isEmpty()) {
            return;
        }
        f.heading("Audit trail (" + audit.size() + " entries)");
        List<String[]> rows = new ArrayList<>();
        for (ReportAuditEntry e : audit) {
            rows.add(new String[] {TIME.format(e.time()), e.user(), e.action(), or(e.cell()), or(e.before()), or(e.after()),
                    or(e.reason())});
        }
        f.table(new String[] {"Time", "User", "Action", "Cell", "Before", "After", "Reason"},
                new float[] {2.2f, 1.4f, 1.6f, 1.2f, 1.2f, 1.2f, 2.6f}, rows, 7.5f);
    }

    private static void info(PDDocument doc, ReportCase rc, Instant exportTime) {
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle("Karyotype report " + rc.patient().id() + (rc.accession() == null ? "" : " " + rc.accession()));
        info.setAuthor(rc.laboratory().name());
        info.setCreator(GENERATOR);
        info.setProducer(GENERATOR);
        Calendar when = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        when.setTimeInMillis(exportTime.toEpochMilli());
        info.setCreationDate(when);
        info.setModificationDate(when);
        // The trailer ID is derived from this seed: fixed per case and report version, not per export.
        String key = rc.patient().id() + "|" + rc.accession() + "|" + rc.reportVersion();
        doc.setDocumentId(((long) key.hashCode() << 32) ^ rc.reportVersion());
    }

    static String or(String s) {
        return s == null || s.isBlank() ? DASH : s;
    }

    private static String count(Integer n) {
        return n == null ? DASH : n.toString();
    }

    private static String date(LocalDate d) {
        return d == null ? DASH : d.toString();
    }

    private static String join(String sep, String... parts) {
        List<String> out = new ArrayList<>();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                out.add(p);
            }
        }
        return out.isEmpty() ? DASH : String.join(sep, out);
    }
}
