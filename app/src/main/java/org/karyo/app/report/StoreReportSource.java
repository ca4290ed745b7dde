package org.karyo.app.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.karyo.app.Workspace;
import org.karyo.app.review.CountTable;
import org.karyo.app.store.AuditEntry;
import org.karyo.app.store.Box;
import org.karyo.app.store.CaseRecord;
import org.karyo.app.store.CaseStatus;
import org.karyo.app.store.CaseStore;
import org.karyo.app.store.Cell;
import org.karyo.app.store.CellStatus;
import org.karyo.app.store.DetectionRun;
import org.karyo.app.store.EditSummary;
import org.karyo.app.store.Patient;
import org.karyo.app.store.SignOff;
import org.karyo.app.store.StoreException;

/**
 * Reports from the case store (docs/reports.md, "From the case store"): the case header, result,
 * sign-offs and cells as they stand now, each cell's latest detection run and the reviewers' edits
 * from the boxes table, and the audit trail with cell labels. The laboratory comes from
 * {@code laboratory.properties} in the data folder (the database's folder).
 */
public final class StoreReportSource implements ReportSource {

    /** Why a cell nobody has detected or drawn boxes in is left out of the count (as the count panel does). */
    public static final String NOT_COUNTED = "not counted: no detection run and no boxes";

    private final CaseStore store;
    private final Path dataDir;
    private final boolean owned;

    private StoreReportSource(CaseStore store, Path dataDir, boolean owned) {
        this.store = store;
        this.dataDir = dataDir;
        this.owned = owned;
    }

    /** Reports from an open store (the application's); closing the source leaves the store open. */
    public static StoreReportSource of(CaseStore store, Path dataDir) {
        return new StoreReportSource(store, dataDir, false);
    }

    /**
     * Opens the database {@code db} with its images in {@code images/} beside it and the
     * laboratory file in its folder; closing the source closes the database. The store only
     * writes what opening always writes (the schema, the current user on first use).
     */
    public static StoreReportSource open(Path db) throws IOException {
        Path file = db.toAbsolutePath();
        Path dir = file.getParent();
        try {
            CaseStore store =
                    CaseStore.open(file, dir.resolve(Workspace.IMAGES), System.getProperty("user.name", "user"));
            return new StoreReportSource(store, dir, true);
        } catch (StoreException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Opens the lab server {@code url} with its image cache and laboratory file in the
     * workstation's data folder {@code dataDir}; closing the source closes the connection.
     */
    public static StoreReportSource openServer(String url, Path dataDir) throws IOException {
        try {
            CaseStore store = CaseStore.openServer(
                    url, dataDir.resolve(Workspace.IMAGES), System.getProperty("user.name", "user"));
            return new StoreReportSource(store, dataDir, true);
        } catch (StoreException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public ReportCase load(long caseId) throws IOException {
        CaseRecord c = store.cases().find(caseId).orElseThrow(() -> new IOException("no case with id " + caseId));
        Patient p = store.patients()
                .find(c.patientId())
                .orElseThrow(() -> new IOException("case " + c.accession() + " refers to a missing patient"));
        List<Cell> cells = store.cells().list(caseId);
        // reviewers by the full name in their profile, not their login
        Map<String, String> names = store.users().list().stream()
                .collect(Collectors.toMap(org.karyo.app.store.User::login, org.karyo.app.store.User::displayName));
        List<AuditEntry> audit = store.audit().forCase(caseId).stream()
                .map(e -> new AuditEntry(
                        e.id(),
                        e.at(),
                        names.getOrDefault(e.user(), e.user()),
                        e.action(),
                        e.caseId(),
                        e.cellId(),
                        e.entity(),
                        e.entityId(),
                        e.before(),
                        e.after(),
                        e.reason()))
                .toList();
        Set<Long> pending = new HashSet<>();
        CountTable.of(cells).pending().forEach(x -> pending.add(x.id()));
        List<ReportCell> out = new ArrayList<>();
        Set<List<String>> models = new LinkedHashSet<>();
        for (Cell cell : cells) {
            Optional<DetectionRun> run = store.boxes().latestRun(cell.id());
            run.ifPresent(r -> models.add(java.util.Arrays.asList(r.modelName(), r.modelVersion(), r.modelSha256())));
            out.add(cell(cell, run.orElse(null), pending.contains(cell.id()), reviewer(audit, cell.id())));
        }
        boolean signed = c.status() == CaseStatus.SIGNED_OFF;
        List<SignOff> signOffs = store.cases().signOffs(caseId);
        int reviewed = (int)
                cells.stream().filter(x -> x.status() == CellStatus.REVIEWED).count();
        return new ReportCase(
                LaboratoryFile.read(dataDir),
                new ReportCase.Patient(p.identifier(), p.name(), p.birthDate(), p.sex()),
                c.accession(),
                c.specimen(),
                c.collected(),
                c.received(),
                c.referralReason(),
                c.culture() == null || c.culture().isBlank() ? List.of() : List.of(c.culture()),
                c.bandLevel(),
                reviewed,
                c.karyotype(),
                c.interpretation(),
                signed ? ReportCase.Status.SIGNED : ReportCase.Status.DRAFT,
                // signed by full name and role (not the login), as the signature recorded them
                signed
                        ? store.signatures().current(caseId).stream()
                                .map(s -> new ReportCase.SignOff(
                                        s.role() == null ? s.fullName() : s.fullName() + ", " + s.role(), s.at()))
                                .toList()
                        : List.of(),
                reviewers(audit),
                provenance(models),
                // each sign-off is a version; a reopened case drafts the next one
                signed ? signOffs.size() : signOffs.size() + 1,
                out);
    }

    @Override
    public long caseIdOf(String accession) throws IOException {
        return store.cases()
                .findByAccession(accession)
                .map(CaseRecord::id)
                .orElseThrow(() -> new IOException("no case with accession " + accession));
    }

    @Override
    public List<ReportAuditEntry> audit(long caseId) throws IOException {
        if (store.cases().find(caseId).isEmpty()) {
            throw new IOException("no case with id " + caseId);
        }
        Map<Long, String> labels = store.cells().list(caseId).stream().collect(Collectors.toMap(Cell::id, Cell::label));
        return store.audit().forCase(caseId).stream()
                .map(e -> new ReportAuditEntry(
                        e.at(),
                        e.user(),
                        e.action(),
                        e.cellId() == null ? null : labels.getOrDefault(e.cellId(), "cell id " + e.cellId()),
                        e.before(),
                        e.after(),
                        e.reason()))
                .toList();
    }

    /** The audit trail with people by the full name in their profile, as they sign ("A. Moreau", not "amoreau"). */
    @Override
    public List<ReportAuditEntry> auditByName(long caseId) throws IOException {
        Map<String, String> names = store.users().list().stream()
                .collect(Collectors.toMap(org.karyo.app.store.User::login, org.karyo.app.store.User::displayName));
        return audit(caseId).stream()
                .map(e -> new ReportAuditEntry(
                        e.time(),
                        names.getOrDefault(e.user(), e.user()),
                        e.action(),
                        e.cell(),
                        e.before(),
                        e.after(),
                        e.reason()))
                .toList();
    }

    @Override
    public void close() {
        if (owned) {
            store.close();
        }
    }

    private ReportCell cell(Cell c, DetectionRun run, boolean pending, String reviewer) {
        EditSummary e = store.boxes().editSummary(c.id());
        List<org.karyo.core.geometry.RotatedBox> boxes =
                store.boxes().list(c.id()).stream().map(Box::geometry).toList();
        String file = Path.of(c.originalPath()).getFileName().toString();
        Integer detected = run != null ? Integer.valueOf(run.count()) : c.detectedCount();
        boolean excluded = c.excluded() || pending;
        String reason = c.excluded() ? c.exclusionReason() : pending ? NOT_COUNTED : null;
        return new ReportCell(
                c.ordinal(),
                c.label(),
                file,
                c.sha256(),
                c.storedImage(),
                detected,
                c.count(),
                excluded,
                reason,
                boxes,
                new ReportCell.Edits(e.added(), e.removed(), e.moved()),
                reviewer);
    }

    /** Whether an audit action is a person's review of a cell: box edits (and their undo/redo), review, exclusion. */
    static boolean isReview(String action) {
        String a = action.startsWith("undo:") || action.startsWith("redo:") ? action.substring(5) : action;
        return a.startsWith("box.") || a.equals("cell.review") || a.equals("cell.exclude") || a.equals("cell.include");
    }

    /** Who marked the cell reviewed last; else who last edited it; null when nobody did. */
    private static String reviewer(List<AuditEntry> audit, long cellId) {
        String marked = null, edited = null;
        for (AuditEntry e : audit) {
            if (e.cellId() == null || e.cellId() != cellId) {
                continue;
            }
            if (e.action().equals("cell.review")) {
                marked = e.user();
            } else if (isReview(e.action())) {
                edited = e.user();
            }
        }
        return marked != null ? marked : edited;
    }

    private static List<String> reviewers(List<AuditEntry> audit) {
        return audit.stream()
                .filter(e -> e.cellId() != null && isReview(e.action()))
                .map(AuditEntry::user)
                .distinct()
                .toList();
    }

    /** The model of the cells' latest runs; when they differ, every distinct one is named. */
    static ReportCase.ModelProvenance provenance(Set<List<String>> models) {
        if (models.isEmpty()) {
            return null;
        }
        if (models.size() == 1) {
            List<String> m = models.iterator().next();
            return new ReportCase.ModelProvenance(m.get(0), m.get(1), m.get(2));
        }
        Function<List<String>, String> name =
                m -> (m.get(0) == null ? "unnamed" : m.get(0)) + (m.get(1) == null ? "" : " " + m.get(1));
        return new ReportCase.ModelProvenance(
                "mixed (" + models.size() + " models): "
                        + models.stream().map(name).collect(Collectors.joining("; ")),
                null,
                models.stream()
                        .map(m -> m.get(2) == null ? "unknown" : m.get(2))
                        .collect(Collectors.joining(", ")));
    }

    @Override
    public List<ReportKaryogram> karyograms(long caseId) throws IOException {
        return ReportKaryograms.load(store, caseId);
    }
}
