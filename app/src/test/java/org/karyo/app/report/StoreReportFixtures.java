package org.karyo.app.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.karyo.app.review.CellEditor;
import org.karyo.app.review.EditKind;
import org.karyo.app.store.Box;
import org.karyo.app.store.CaseRecord;
import org.karyo.app.store.CaseStore;
import org.karyo.app.store.Cell;
import org.karyo.app.store.DetectionRun;
import org.karyo.app.store.Patient;
import org.karyo.app.store.Role;
import org.karyo.core.geometry.RotatedBox;
import org.karyo.core.groundtruth.AnnotationFileException;
import org.karyo.core.groundtruth.GroundTruthImage;
import org.karyo.core.groundtruth.GroundTruthObject;
import org.karyo.core.groundtruth.LabelMeReader;
import org.karyo.inference.detect.Detection;

/**
 * A reviewed case in a real store, for report tests: demo cells 1-5 (46, 46, 45, 46, 46 by their
 * annotations) "detected" from the annotation boxes, with the detector missing one chromosome in
 * cell 1, finding one too many in cell 2; annotator {@code ann} adds the missing box, deletes the
 * extra one and moves a box in cell 4; {@code dr.lee} (the store's first user, a cytogeneticist)
 * marks cells 1, 3 and 4 reviewed, excludes cell 5 and enters the karyotype.
 */
public final class StoreReportFixtures {

    public static final Path DEMO =
            Path.of("..", "assets", "demo", "DEMO-0001").toAbsolutePath().normalize();
    public static final String MODEL = "karyo-test-model";
    public static final String MODEL_SHA = "9e1d2c3b4a5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";
    public static final String EXCLUSION = "overlapping nucleus";

    private StoreReportFixtures() {}

    /** Writes {@code laboratory.properties} into the data folder. */
    public static void laboratory(Path dataDir, String name, String address) throws IOException {
        Files.writeString(dataDir.resolve(LaboratoryFile.FILE), "name=" + name + "\naddress=" + address + "\n");
    }

    /** The case described above, opened by {@code dr.lee}; returns its id. The current user is dr.lee again. */
    public static long reviewedCase(CaseStore store, String accession) throws IOException {
        if (store.users().find("ann").isEmpty()) {
            store.users().create("ann", "Ann Annotator", EnumSet.of(Role.ANNOTATOR));
        }
        Patient p = store.patients().findByIdentifier("DEMO-0001").orElseGet(() -> store.patients()
                .create("DEMO-0001", "Demo, Patient", LocalDate.of(1990, 5, 17), "female"));
        CaseRecord c = store.cases()
                .create(
                        p.id(),
                        accession,
                        "peripheral blood",
                        "recurrent pregnancy loss",
                        "PHA 72 h",
                        "550",
                        LocalDate.of(2025, 3, 3),
                        LocalDate.of(2025, 3, 4));
        List<GroundTruthImage> truth = truth();
        List<Cell> cells = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Cell cell = store.cells().importImage(c.id(), truth.get(i).imagePath());
            List<Detection> d = new ArrayList<>(truth.get(i).objects().stream()
                    .map(o -> new Detection(o.box(), 0.9))
                    .toList());
            if (i == 0) {
                d.remove(d.size() - 1);
            } else if (i == 1) {
                d.add(new Detection(new RotatedBox(20, 20, 30, 10, 0), 0.4));
            }
            store.boxes().replaceWithDetections(cell.id(), DetectionRun.of(cell.id(), MODEL, "1.2.0", MODEL_SHA), d);
            cells.add(cell);
        }
        store.users().switchTo("ann");
        List<GroundTruthObject> first = truth.get(0).objects();
        CellEditor.open(store, cells.get(0).id())
                .add(first.get(first.size() - 1).box());
        CellEditor two = CellEditor.open(store, cells.get(1).id());
        two.delete(Set.of(newest(two.boxes()).id()));
        CellEditor four = CellEditor.open(store, cells.get(3).id());
        Box b = four.boxes().get(0);
        RotatedBox g = b.geometry();
        four.change(Map.of(b.id(), new RotatedBox(g.cx() + 5, g.cy(), g.w(), g.h(), g.angle())), EditKind.MOVE);
        store.users().switchTo("dr.lee");
        for (int i : new int[] {0, 2, 3}) {
            store.cells().markReviewed(cells.get(i).id());
        }
        store.cells().exclude(cells.get(4).id(), EXCLUSION);
        org.karyo.app.store.StoreFixtures.setResult(store, c.id(), "46,XX", "Normal female karyotype.");
        return c.id();
    }

    private static Box newest(List<Box> boxes) {
        return boxes.stream().max((a, b) -> Long.compare(a.id(), b.id())).orElseThrow();
    }

    private static List<GroundTruthImage> truth() throws IOException {
        try {
            return LabelMeReader.read(DEMO).images().stream()
                    .sorted((a, b) -> a.name().compareTo(b.name()))
                    .toList();
        } catch (AnnotationFileException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
