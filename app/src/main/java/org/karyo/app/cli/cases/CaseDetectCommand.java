package org.karyo.app.cli.cases;

import java.util.concurrent.Callable;
import org.karyo.app.detect.CaseDetection;
import org.karyo.app.store.CaseRecord;
import org.karyo.app.store.Cell;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code karyo case detect ACCESSION}: runs the detector over the case's cells not yet run, cell by cell. */
@Command(
        name = "detect",
        mixinStandardHelpOptions = true,
        description = {
            "Detects the chromosomes of every cell not yet run (with --redetect: every unedited cell).",
            "Counts are the detector's until a person reviews them in the window."
        })
final class CaseDetectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACCESSION", description = "the case")
    String accession;

    @Option(names = "--redetect", description = "run again on cells already detected (never on cells a person edited)")
    boolean redetect;

    @Mixin
    CaseCommand.StoreOptions store;

    @Override
    public Integer call() {
        return CaseCommand.withStore(spec, store, (ws, out, err) -> {
            CaseRecord c = CaseCommand.require(ws, accession);
            var cells = ws.store().cells().list(c.id());
            long t0 = System.nanoTime();
            CaseDetection.Summary s = CaseDetection.run(
                    ws.store(),
                    ws.detectors(),
                    cells,
                    redetect,
                    new CaseDetection.Listener() {
                        @Override
                        public void cellDone(Cell cell, int count, int done, int total) {
                            out.printf(
                                    "[%d/%d] cell %d %s: %d chromosomes%n",
                                    done, total, cell.ordinal(), cell.label(), count);
                            out.flush();
                        }

                        @Override
                        public void cellFailed(Cell cell, String message, int done, int total) {
                            err.printf(
                                    "[%d/%d] cell %d %s failed: %s%n",
                                    done, total, cell.ordinal(), cell.label(), message);
                        }
                    },
                    () -> false);
            out.printf(
                    "%d cells detected, %d failed, %d left alone (excluded, edited or already run) in %.1f s%n",
                    s.detected(), s.failed(), s.skipped(), (System.nanoTime() - t0) / 1e9);
            return s.failed() > 0 ? CaseCommand.FAILED : CaseCommand.OK;
        });
    }
}
