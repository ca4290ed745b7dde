package org.karyo.app.detect;

import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.karyo.app.store.CaseStore;
import org.karyo.app.store.Cell;
import org.karyo.app.store.CellStatus;
import org.karyo.app.store.DetectionRun;
import org.karyo.inference.detect.DetectionResult;
import org.karyo.inference.detect.Detector;

/**
 * Runs the detector over the cells of a case, one cell at a time, storing each cell's boxes as
 * soon as it is done so results appear cell by cell and a cancel or crash keeps what was done.
 * No JavaFX here: the UI wraps it in a background task.
 */
public final class CaseDetection {

    /** Progress callbacks, called on the detection thread. */
    public interface Listener {
        void cellDone(Cell cell, int count, int done, int total);

        void cellFailed(Cell cell, String message, int done, int total);
    }

    /** What a run did. */
    public record Summary(int detected, int failed, int skipped, boolean cancelled) {
    }

    private CaseDetection() {
    }

    /**
     * Detects every cell that has not been run (all cells when {@code redetect}); excluded cells
     * and cells a reviewer already edited are left alone.
     */
    public static Summary run(CaseStore store, DetectorSource source, List<Cell> cells, boolean redetect,
                              Listener listener, BooleanSupplier cancelled) throws DetectorSource.UnavailableException {
        Detector detector = source.detector();
        double operating = detector.thresholds().score();
        ModelProvenance model = source.provenance();
        List<Cell> todo = cells.stream()
                .filter(c -> c.status() != CellStatus.EXCLUDED)
                .filter(c -> redetect || c.status() == CellStatus.NOT_RUN)
                // a reviewer's corrections are never overwritten by a re-run
                .filter(c -> c.status() == CellStatus.NOT_RUN || !store.boxes().hasUserEdits(c.id()))
                .toList();
        int skipped = cells.size() - todo.size();
        int done = 0, failed = 0;
        for (Cell cell : todo) {
            if (cancelled.getAsBoolean()) {
                return new Summary(done - failed, failed, skipped + todo.size() - done, true);
            }
            done++;
            try {
                // the maps are kept so the suggestions come from the same network output
                SuggestionBand.Split split = SuggestionBand.of(detector, detector.detect(cell.storedImage(), true));
                DetectionRun run = new DetectionRun(0, cell.id(), model.name(), model.version(), model.sha256(),
                        Instant.now(), split.kept().size());
                store.inTransaction(() -> {
                    DetectionRun stored = store.boxes().replaceWithDetections(cell.id(), run, split.kept());
                    store.suggestions().replace(cell.id(), stored.id(), operating, split.suggested());
                });
                listener.cellDone(cell, split.kept().size(), done, todo.size());
            } catch (Exception e) {
                // one bad cell (corrupt file, locked case, runtime error) must not stop the others
                failed++;
                listener.cellFailed(cell, messageOf(e), done, todo.size());
            }
        }
        return new Summary(done - failed, failed, skipped, false);
    }

    private static String messageOf(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
