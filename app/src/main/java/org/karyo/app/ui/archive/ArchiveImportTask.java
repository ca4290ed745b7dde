package org.karyo.app.ui.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.concurrent.Task;
import org.karyo.annotation.archive.ArchiveImporter;
import org.karyo.annotation.archive.ArchivePairing;
import org.karyo.annotation.archive.PairReport;
import org.karyo.app.archive.ArchiveCells;
import org.karyo.app.store.CaseStore;

/**
 * Back-projects the pairs one after another off the UI thread, then puts the accepted ones into
 * the case, lowest match score first (so the cell list is the review order). Cancelling stops
 * within the running pair; the pairs finished by then are still put into the case (as detection
 * keeps the cells it finished), so the outcome always arrives through {@code onSucceeded}.
 */
public final class ArchiveImportTask extends Task<ArchiveImportTask.Outcome> {

    /** What the import did: cells imported (review order), one line per problem, pairs done of all. */
    public record Outcome(
            List<ArchiveCells.Imported> imported, List<String> problems, int done, int pairs, boolean cancelled) {
        public Outcome {
            imported = List.copyOf(imported);
            problems = List.copyOf(problems);
        }
    }

    private final CaseStore store;
    private final long caseId;
    private final List<ArchivePairing.Pair> pairs;
    private final Consumer<String> log;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicBoolean abandoned = new AtomicBoolean();

    /** {@code log} gets one line per finished pair, on the UI thread. */
    public ArchiveImportTask(CaseStore store, long caseId, List<ArchivePairing.Pair> pairs, Consumer<String> log) {
        this.store = store;
        this.caseId = caseId;
        this.pairs = List.copyOf(pairs);
        this.log = log;
    }

    /** Asks the import to stop (within the running pair); the outcome still arrives. */
    public void stop() {
        stop.set(true);
    }

    /** Stops without touching the store again (the window and its store are closing). */
    public void abandon() {
        abandoned.set(true);
        stop.set(true);
    }

    @Override
    protected Outcome call() {
        List<PairReport> reports = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int n = pairs.size();
        updateProgress(0, n);
        for (int i = 0; i < n && !stop.get(); i++) {
            ArchivePairing.Pair p = pairs.get(i);
            updateMessage("Back-projecting " + p.cell() + " (" + (i + 1) + " of " + n + ")");
            PairReport r;
            try {
                r = ArchiveImporter.importPair(p, stop::get);
            } catch (CancellationException e) {
                break;
            }
            reports.add(r);
            updateProgress(i + 1, n);
            String line = line(r);
            if (r.outcome() != PairReport.Outcome.ACCEPTED) {
                problems.add(line);
            }
            Platform.runLater(() -> log.accept(line));
        }
        List<ArchiveCells.Imported> imported = new ArrayList<>();
        for (PairReport r : ArchiveCells.reviewOrder(reports)) {
            if (abandoned.get()) {
                break;
            }
            updateMessage("Adding " + r.cell() + " to the case");
            try {
                imported.add(ArchiveCells.add(store, caseId, r));
            } catch (RuntimeException e) {
                problems.add(r.cell() + ": not added to the case: " + e.getMessage());
            }
        }
        return new Outcome(imported, problems, reports.size(), n, stop.get());
    }

    static String line(PairReport r) {
        return switch (r.outcome()) {
            case ACCEPTED -> String.format(
                    Locale.ROOT,
                    "%s: %d chromosomes, %d found, %d flagged, %d not found, median match %.3f%s",
                    r.cell(),
                    r.karyogramCount(),
                    r.found(),
                    r.flagged(),
                    r.notFound(),
                    r.medianScore(),
                    r.message().isEmpty() ? "" : " (" + r.message() + ")");
            case REFUSED -> r.cell() + ": refused: " + r.message();
            case FAILED -> r.cell() + ": failed: " + r.message();
        };
    }
}
