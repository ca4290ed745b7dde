package org.karyo.app.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.karyo.app.store.StoreSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code karyo report}: writes a case's report PDF and, on request, its cells and audit CSVs. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Writes the karyotype report of a case as PDF, and optionally its cells and audit trail as CSV.",
            "A case that is not signed off is marked DRAFT on every page."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:written",
            "1:the case could not be read or a file could not be written",
            "2:bad arguments, unknown case, missing --db file, or no case store"
        })
public final class ReportCommand implements Callable<Integer> {

    static final int OK = 0, FAILED = 1, USAGE = 2;

    @Spec
    CommandSpec spec;

    /** Which case: by accession number (what the laboratory uses) or by the store's numeric id. */
    static final class Which {
        @Option(
                names = "--accession",
                required = true,
                paramLabel = "ACCESSION",
                description = "The case's accession number (as `karyo case list` shows).")
        String accession;

        @Option(
                names = "--case",
                required = true,
                paramLabel = "ID",
                description = "The case's numeric id in the case store.")
        Long caseId;
    }

    @picocli.CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    @Option(names = "--out", required = true, paramLabel = "PDF", description = "The report PDF to write.")
    Path out;

    @Option(names = "--csv", paramLabel = "CSV", description = "Also write one row per cell to this CSV.")
    Path cellsCsv;

    @Option(names = "--audit-csv", paramLabel = "CSV", description = "Also write the audit trail to this CSV.")
    Path auditCsv;

    @Option(
            names = "--audit",
            paramLabel = "WHERE",
            defaultValue = "APPENDIX",
            description = "The audit trail as readable sentences: APPENDIX of the report (default), SEPARATE "
                    + "(its own PDF, --audit-pdf or REPORT-audit.pdf beside the report) or NONE.")
    ReportPdf.AuditPlacement auditPlacement;

    @Option(names = "--audit-pdf", paramLabel = "PDF", description = "Where --audit SEPARATE writes the audit trail.")
    Path auditPdf;

    @Option(
            names = "--db",
            paramLabel = "FILE|URL",
            description = "The case store: an SQLite file, or the lab server postgresql://host[:port]/database"
                    + "[?user=LOGIN] (password from ~/.pgpass, never the command line). Default: the store the "
                    + "workstation's settings name, else the one in the Karyo data folder.")
    String db;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        try {
            if (db != null && !StoreSettings.isServerAddress(db) && !Files.isRegularFile(Path.of(db))) {
                err.println("case store " + db + " not found");
                return USAGE;
            }
            Optional<ReportSource> opened = ReportSources.open(db);
            if (opened.isEmpty()) {
                err.println("no case store: there is no case database yet (make a case in the Karyo window first, "
                        + "or name one with --db FILE)");
                return USAGE;
            }
            ReportCase rc;
            List<ReportAuditEntry> audit;
            List<ReportAuditEntry> named;
            List<ReportKaryogram> karyograms;
            try (ReportSource source = opened.get()) {
                long caseId;
                try {
                    caseId = which.caseId != null ? which.caseId : source.caseIdOf(which.accession);
                    rc = source.load(caseId);
                } catch (IOException e) {
                    err.println(
                            "case " + (which.caseId != null ? which.caseId : which.accession) + ": " + e.getMessage());
                    return USAGE;
                }
                audit = source.audit(caseId);
                named = source.auditByName(caseId);
                karyograms = source.karyograms(caseId);
            }
            for (String missing : ReportPdf.unprintable(rc)) {
                err.println("WARNING: the report's font cannot print these characters of the " + missing
                        + "; they appear as '?' in the PDF (check the name against the case record)");
            }
            ReportPdf.write(rc, named, karyograms, this.out, Instant.now(), auditPlacement, ReportPdf.Progress.NONE);
            out.println("report written: " + this.out + (rc.signed() ? "" : " (DRAFT: the case is not signed off)"));
            if (auditPlacement == ReportPdf.AuditPlacement.SEPARATE) {
                String name = this.out.getFileName().toString().replaceFirst("(?i)\\.pdf$", "");
                Path target = auditPdf != null ? auditPdf : this.out.resolveSibling(name + "-audit.pdf");
                ReportPdf.writeAudit(rc, named, target, Instant.now());
                out.println("audit trail written: " + target);
            }
            if (cellsCsv != null) {
                ReportCsv.writeCells(rc, cellsCsv);
                out.println("cells written: " + cellsCsv);
                if (!karyograms.isEmpty()) {
                    KaryogramCsv.write(rc.accession(), karyograms, KaryogramCsv.fileFor(cellsCsv));
                    out.println("class counts of karyotyped cells written: " + KaryogramCsv.fileFor(cellsCsv));
                }
            }
            if (auditCsv != null) {
                ReportCsv.writeAudit(audit, auditCsv);
                out.println("audit trail written: " + auditCsv);
            }
            IscnResult iscn = Iscn.parse(rc.karyotype());
            if (rc.karyotype() == null || rc.karyotype().isBlank()) {
                err.println("warning: no karyotype has been entered for this case");
            } else if (!iscn.ok()) {
                err.println("warning: the karyotype '" + rc.karyotype() + "' is not well formed: "
                        + iscn.describeProblems());
            }
            return OK;
        } catch (IOException | RuntimeException e) {
            err.println("report not written: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return FAILED;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
