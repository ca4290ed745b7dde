package org.karyo.app.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.karyo.app.karyogram.CellKaryograms;
import org.karyo.app.store.CaseStore;
import org.karyo.app.store.Cell;
import org.karyo.app.store.Karyograms;
import org.karyo.app.store.StoredKaryogram;
import org.karyo.core.image.ImageReadException;
import org.karyo.inference.classify.CellClassification;
import org.karyo.inference.classify.CellKaryotype;
import org.karyo.inference.classify.KaryogramPainter;

/** The karyotyped cells of a case from the store, drawn for the report. */
public final class ReportKaryograms {

    /** Karyograms are drawn this many times the screen layout: chromosomes at print resolution. */
    static final double PRINT_ZOOM = 3.0;

    private ReportKaryograms() {}

    public static List<ReportKaryogram> load(CaseStore store, long caseId) throws IOException {
        List<ReportKaryogram> out = new ArrayList<>();
        for (StoredKaryogram k : Karyograms.of(store).karyotyped(caseId)) {
            Cell cell = store.cells().find(k.cellId()).orElseThrow();
            CellKaryograms.Loaded loaded = CellKaryograms.load(store, k);
            CellKaryotype kt = loaded.karyotype();
            java.awt.image.BufferedImage img = null;
            try {
                img = KaryogramPainter.paint(
                        CellClassification.read(cell.storedImage()),
                        loaded.calls(),
                        kt,
                        "Cell " + cell.label(),
                        PRINT_ZOOM);
            } catch (ImageReadException e) {
                // the figure says the image is missing; counts still go into the CSV
            }
            out.add(new ReportKaryogram(
                    cell.ordinal(),
                    cell.label(),
                    kt.iscn(),
                    k.karyotypedBy(),
                    kt.classCounts(),
                    kt.unsureCount(),
                    img));
        }
        return out;
    }
}
