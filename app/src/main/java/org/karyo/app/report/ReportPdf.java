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
    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    static final String DASH = "\u2014";

    private ReportPdf() {}

    /**
     * The characters of the case's texts that the report's font cannot print (CJK names, emoji),
     * which the PDF shows as '?': one line per field, for a warning before export. Empty when all
     * print.
     */
    public static List<String> unprintable(ReportCase rc) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            ReportFonts fonts = ReportFonts.load(doc);
            java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
            fields.put("patient name", rc.patient().name());
            fields.put("patient ID", rc.patient().id());
            fields.put("accession", rc.accession());
            fields.put(
                    "laboratory",
                    rc.laboratory().name() + " " + or(rc.laboratory().address()));
            fields.put("specimen", rc.specimen());
            fields.put("referral reason", rc.referralReason());
            fields.put("karyotype", rc.karyotype());
            fields.put("interpretation", rc.interpretation());
            fields.put("reviewers", String.join(", ", rc.reviewers()));
            fields.put(
                    "signed by",
                    rc.signOffs().stream().map(ReportCase.SignOff::user).reduce("", (a, b) -> a + " " + b));
            List<String> out = new java.util.ArrayList<>();
            fields.forEach((field, text) -> {
                String missing = fonts.unprintable(text);
                if (!missing.isEmpty()) {
                    out.add(field + ": " + missing);
                }
            });
            return out;
        }
    }

    /** Where the audit trail goes: an appendix of the report, a PDF of its own, or nowhere. */
    public enum AuditPlacement {
        APPENDIX,
        SEPARATE,
        NONE
    }

    /** Progress of a report being written: {@code done} of {@code total} steps, what is being done. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (what, done, total) -> {};

        void update(String what, int done, int total);
    }

    /** Writes the report with the audit trail as an appendix. */
    public static void write(ReportCase rc, List<ReportAuditEntry> audit, Path out, Instant exportTime)
            throws IOException {
        write(rc, audit, List.of(), out, exportTime, AuditPlacement.APPENDIX, Progress.NONE);
    }

    /** As {@link #write(ReportCase, List, Path, Instant)}, with the karyograms of the karyotyped cells. */
    public static void write(
            ReportCase rc, List<ReportAuditEntry> audit, List<ReportKaryogram> karyograms, Path out, Instant exportTime)
            throws IOException {
        write(rc, audit, karyograms, out, exportTime, AuditPlacement.APPENDIX, Progress.NONE);
    }

    /**
     * Writes the report to {@code out} (atomically: a half-written file never replaces a good one),
     * with the karyograms of the karyotyped cells and the audit trail as readable sentences in an
     * appendix when {@code placement} is APPENDIX (SEPARATE: write it with {@link #writeAudit}).
     */
    public static void write(
            ReportCase rc,
            List<ReportAuditEntry> audit,
            List<ReportKaryogram> karyograms,
            Path out,
            Instant exportTime,
            AuditPlacement placement,
            Progress progress)
            throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".report-", ".pdf.tmp");
        CountStatistics stats = rc.statistics();
        // the figures render on the other cores while the fonts load and the text pages are set
        ReportFigures.Started figures = ReportFigures.start(rc, stats);
        try (PDDocument doc = new PDDocument()) {
            ReportFonts fonts = ReportFonts.load(doc);
            try (PageFlow flow = new PageFlow(doc, fonts)) {
                header(flow, rc);
                result(flow, rc, stats);
                counts(flow, rc, stats);
                cells(flow, rc, stats);
                provenance(flow, rc);
                ReportFigures.add(flow, figures, progress);
                KaryogramPages.add(flow, karyograms);
                if (placement == AuditPlacement.APPENDIX) {
                    auditAppendix(flow, audit);
                } else if (placement == AuditPlacement.SEPARATE && audit != null && !audit.isEmpty()) {
                    flow.gap(6);
                    flow.paragraph(
                            fonts.regular,
                            8.5f,
                            "The audit trail of this case (" + audit.size()
                                    + " entries) is exported as a separate document.",
                            Color.DARK_GRAY);
                }
            }
            progress.update("Saving the PDF", 1, 1);
            String patient = "Patient ID: " + rc.patient().id()
                    + (rc.accession() == null ? "" : "    Accession: " + rc.accession())
                    + (rc.patient().name() == null ? "" : "    " + rc.patient().name());
            String middle = "Report version " + rc.reportVersion() + "   Exported " + TIME.format(exportTime) + "   "
                    + GENERATOR;
            PageDecorations.apply(doc, fonts, or(rc.laboratory().name()), patient, middle, !rc.signed());
            info(doc, rc, exportTime);
            doc.save(tmp.toFile());
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            figures.cancel();
            Files.deleteIfExists(tmp);
        }
    }

    private static void header(PageFlow f, ReportCase rc) throws IOException {
        f.paragraph(f.fonts.bold, 16, "Cytogenetic report: chromosome analysis", Color.BLACK);
        if (rc.laboratory().name() != null || rc.laboratory().address() != null) {
            f.paragraph(
                    f.fonts.regular,
                    9,
                    join(", ", rc.laboratory().name(), rc.laboratory().address()),
                    Color.DARK_GRAY);
        }
        if (!rc.signed()) {
            f.gap(2);
            f.paragraph(
                    f.fonts.bold,
                    10,
                    "DRAFT: this case has not been signed off and must not be used for clinical decisions.",
                    PageDecorations.DRAFT);
        }
        f.heading("Patient and specimen");
        ReportCase.Patient p = rc.patient();
        f.fields(
                List.of(
                        new String[] {"Patient", or(p.name())},
                        new String[] {"Patient ID", p.id()},
                        new String[] {"Date of birth", date(p.birthDate())},
                        new String[] {"Sex", or(p.sex())},
                        new String[] {"Accession", or(rc.accession())},
                        new String[] {"Specimen", or(rc.specimen())},
                        new String[] {"Collected", date(rc.collected())},
                        new String[] {"Received", date(rc.received())},
                        new String[] {"Culture(s)", rc.cultures().isEmpty() ? DASH : String.join(", ", rc.cultures())},
                        new String[] {"Band level", or(rc.bandLevel())},
                        new String[] {"Referral", or(rc.referralReason())}),
                2,
                82);
    }

    private static void result(PageFlow f, ReportCase rc, CountStatistics stats) throws IOException {
        f.heading("Result");
        String k = rc.karyotype() == null || rc.karyotype().isBlank()
                ? null
                : rc.karyotype().strip();
        f.paragraph(f.fonts.bold, 14, "Karyotype: " + (k == null ? "not entered" : k), Color.BLACK);
        if (k != null) {
            IscnResult iscn = Iscn.parse(k);
            if (!iscn.ok()) {
                f.paragraph(
                        f.fonts.bold,
                        9,
                        "ISCN check: the karyotype is not well formed: " + iscn.describeProblems(),
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
        f.fields(
                List.of(
                        new String[] {
                            "Cells counted",
                            Integer.toString(s.cellsCounted()) + (excluded > 0 ? " (" + excluded + " excluded)" : "")
                        },
                        new String[] {"Cells analysed", Integer.toString(rc.cellsAnalysed())},
                        new String[] {"Modal number", s.hasCells() ? Integer.toString(s.modalNumber()) : DASH},
                        new String[] {
                            "Cells off the mode", Integer.toString(s.nonModal().size())
                        },
                        new String[] {"Distribution", s.hasCells() ? dist : DASH},
                        new String[] {
                            "Mosaicism excluded",
                            s.hasCells()
                                    ? s.mosaicismExcludedPercent() + " % or more excluded at 95 % confidence by "
                                            + s.cellsCounted() + " cells (Hook 1977)"
                                    : DASH
                        },
                        new String[] {
                            "Minimum (" + CountStatistics.STANDARD_MINIMUM + " cells)",
                            s.minimumMet()
                                    ? "met"
                                    : "NOT met: " + s.cellsCounted() + " of " + CountStatistics.STANDARD_MINIMUM
                                            + " cells counted"
                        }),
                1,
                105);
        if (!s.nonModal().isEmpty()) {
            f.gap(6);
            f.paragraph(f.fonts.bold, 10, "Cells off the modal number (" + s.modalNumber() + ")", Color.BLACK);
            List<String[]> rows = new ArrayList<>();
            boolean fileColumn = s.nonModal().stream()
                    .anyMatch(c -> c.fileName() != null && !c.fileName().equals(c.label()));
            for (ReportCell c : s.nonModal()) {
                String[] row = {
                    c.label(),
                    or(c.fileName()),
                    Integer.toString(c.finalCount()),
                    count(c.detectedCount()),
                    or(c.reviewer())
                };
                rows.add(fileColumn ? row : drop(row, 1));
            }
            String[] header = {"Cell", "File", "Count", "Detected", "Reviewer"};
            float[] widths = {2, 4, 1.2f, 1.4f, 2};
            f.table(fileColumn ? header : drop(header, 1), fileColumn ? widths : drop(widths, 1), rows, 9);
        }
    }

    private static void cells(PageFlow f, ReportCase rc, CountStatistics s) throws IOException {
        f.heading("Cells (" + rc.cells().size() + ")");
        List<String[]> rows = new ArrayList<>();
        // the cell is named after its file unless someone renamed it: then one column says both
        boolean fileColumn = rc.cells().stream()
                .anyMatch(c -> c.fileName() != null && !c.fileName().equals(c.label()));
        for (ReportCell c : rc.cells()) {
            ReportCell.Edits e = c.edits();
            String status = c.excluded() ? "excluded" : c.finalCount() == s.modalNumber() ? "modal" : "off mode";
            String[] row = {
                Integer.toString(c.ordinal()),
                c.label(),
                or(c.fileName()),
                count(c.detectedCount()),
                Integer.toString(c.finalCount()),
                e.added() + " / " + e.removed() + " / " + e.moved(),
                or(c.reviewer()),
                status
            };
            rows.add(fileColumn ? row : drop(row, 2));
        }
        String[] header = {"#", "Cell", "File", "Detected", "Final", "Added / removed / moved", "Reviewer", "Status"};
        float[] widths = {0.6f, 1.5f, 2f, 1.3f, 1, 2.6f, 1.8f, 2.2f};
        f.table(fileColumn ? header : drop(header, 2), fileColumn ? widths : drop(widths, 2), rows, 8);
        List<String> excluded = rc.cells().stream()
                .filter(ReportCell::excluded)
                .map(c -> c.label() + ": " + or(c.exclusionReason()))
                .toList();
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
        String signOff = rc.signOffs().isEmpty()
                ? "not signed off (DRAFT)"
                : rc.signOffs().stream()
                        .map(s -> s.user() + ", " + TIME.format(s.time()))
                        .collect(Collectors.joining("; "));
        f.fields(
                List.of(
                        new String[] {
                            "Detection model",
                            m.name() == null ? "none (counted by hand)" : join(" ", m.name(), m.version())
                        },
                        new String[] {"Model SHA-256", or(m.sha256())},
                        new String[] {
                            "Review edits",
                            "boxes added " + added + ", removed " + removed + ", moved " + moved
                                    + " (per cell in the table above)"
                        },
                        new String[] {"Reviewer(s)", rc.reviewers().isEmpty() ? DASH : String.join(", ", rc.reviewers())
                        },
                        new String[] {"Signed off", signOff},
                        new String[] {"Report version", Integer.toString(rc.reportVersion())},
                        new String[] {"Produced by", GENERATOR}),
                1,
                105);
    }

    /** The audit trail as sentences, one per event, on pages of their own. */
    private static void auditAppendix(PageFlow f, List<ReportAuditEntry> audit) throws IOException {
        if (audit == null || audit.isEmpty()) {
            return;
        }
        f.newPage();
        f.heading("Appendix: audit trail (" + audit.size() + " entries; times in UTC)");
        for (String sentence : AuditSentences.of(audit)) {
            f.paragraph(f.fonts.regular, 8, sentence, Color.BLACK);
        }
    }

    /** The audit trail of the case as a PDF of its own (the dialog's "separate audit export"). */
    public static void writeAudit(ReportCase rc, List<ReportAuditEntry> audit, Path out, Instant exportTime)
            throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".audit-", ".pdf.tmp");
        try (PDDocument doc = new PDDocument()) {
            ReportFonts fonts = ReportFonts.load(doc);
            try (PageFlow flow = new PageFlow(doc, fonts)) {
                flow.paragraph(fonts.bold, 16, "Audit trail of case " + or(rc.accession()), Color.BLACK);
                flow.paragraph(
                        fonts.regular,
                        9,
                        join(", ", rc.laboratory().name(), rc.laboratory().address()),
                        Color.DARK_GRAY);
                flow.gap(4);
                flow.paragraph(
                        fonts.regular,
                        9,
                        (audit == null ? 0 : audit.size()) + " entries, oldest first; times in UTC. "
                                + "Every change to a count or result is listed: who, when, what, and the reason given.",
                        Color.DARK_GRAY);
                flow.gap(6);
                for (String sentence : AuditSentences.of(audit == null ? List.of() : audit)) {
                    flow.paragraph(fonts.regular, 8.5f, sentence, Color.BLACK);
                }
            }
            String patient = "Patient ID: " + rc.patient().id()
                    + (rc.accession() == null ? "" : "    Accession: " + rc.accession());
            PageDecorations.apply(
                    doc,
                    fonts,
                    or(rc.laboratory().name()),
                    patient,
                    "Audit trail   Exported " + TIME.format(exportTime) + "   " + GENERATOR,
                    !rc.signed());
            info(doc, rc, exportTime);
            doc.getDocumentInformation()
                    .setTitle(
                            "Audit trail " + rc.patient().id() + (rc.accession() == null ? "" : " " + rc.accession()));
            doc.save(tmp.toFile());
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
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

    private static String[] drop(String[] a, int i) {
        String[] out = new String[a.length - 1];
        System.arraycopy(a, 0, out, 0, i);
        System.arraycopy(a, i + 1, out, i, a.length - i - 1);
        return out;
    }

    private static float[] drop(float[] a, int i) {
        float[] out = new float[a.length - 1];
        System.arraycopy(a, 0, out, 0, i);
        System.arraycopy(a, i + 1, out, i, a.length - i - 1);
        return out;
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
