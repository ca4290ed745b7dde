package org.karyo.app.annotate;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.karyo.annotation.AnnotatedImage;
import org.karyo.annotation.InstancePolygon;
import org.karyo.annotation.io.CocoIo;
import org.karyo.annotation.io.DatasetItem;
import org.karyo.annotation.io.DatasetWriter;
import org.karyo.app.store.AnnotationSummary;
import org.karyo.app.store.AuditJson;
import org.karyo.app.store.CaseRecord;
import org.karyo.app.store.CaseStore;
import org.karyo.app.store.Cell;
import org.karyo.app.store.StoredPolygon;
import org.karyo.core.groundtruth.AnnotationFileException;

/**
 * The annotated cells of the whole case store as training data: a LabelMe dataset folder split by
 * patient ({@link DatasetWriter}, what the trainer reads) or one COCO file. Only cells with at
 * least one outline go out. Each export is recorded in the audit trail (patient images leave the
 * store).
 */
public final class DatasetExport {

    /** Validation share and seed of the patient split. */
    public static final double VAL_FRACTION = 0.25;

    public static final long SEED = 7;

    /** LabelMe flag of an outline seeded from a detector box and never edited. */
    public static final String UNCHECKED_DRAFT = "unchecked_draft";

    private DatasetExport() {}

    /** Every annotated cell with its patient and case, in case then cell order. */
    public static List<DatasetItem> items(CaseStore store) {
        List<DatasetItem> out = new ArrayList<>();
        for (AnnotationSummary s : store.polygons().summaries()) {
            Cell cell = store.cells().find(s.cellId()).orElseThrow();
            CaseRecord c = store.cases().find(cell.caseId()).orElseThrow();
            // pseudonymous: the store's row ids, never the patient identifier or accession (file names
            // and dataset.json leave the store; only the store maps them back)
            out.add(new DatasetItem(
                    annotated(cell, store.polygons().list(cell.id()), s),
                    "patient-" + c.patientId(),
                    "case-" + c.id()));
        }
        return out;
    }

    /** One cell's outlines as an annotated image (instance ids 1..n in drawing order). */
    static AnnotatedImage annotated(Cell cell, List<StoredPolygon> polygons, AnnotationSummary s) {
        List<InstancePolygon> inst = new ArrayList<>();
        for (int i = 0; i < polygons.size(); i++) {
            StoredPolygon p = polygons.get(i);
            InstancePolygon ip = p.instance(i + 1);
            // a detector draft nobody has touched is marked, so a trainer can leave it out
            inst.add(
                    isUncheckedDraft(p)
                            ? new InstancePolygon(
                                    ip.id(),
                                    ip.label(),
                                    ip.points(),
                                    ip.groupId(),
                                    java.util.Map.of(UNCHECKED_DRAFT, true))
                            : ip);
        }
        Instant created = polygons.stream()
                .map(StoredPolygon::created)
                .min(Comparator.naturalOrder())
                .orElse(null);
        return new AnnotatedImage(
                cell.storedImage(),
                cell.width(),
                cell.height(),
                inst,
                String.join(",", s.annotators()),
                created,
                s.modified());
    }

    /** An outline seeded (detector box or archive back-projection) and never touched since. */
    public static boolean isUncheckedDraft(StoredPolygon p) {
        return p.seeded() && p.modified() != null && p.modified().equals(p.created());
    }

    /** Writes the LabelMe dataset folder (new or empty) the trainer reads. */
    public static DatasetWriter.Summary writeLabelMe(CaseStore store, Path folder) throws AnnotationFileException {
        List<DatasetItem> items = items(store);
        if (items.isEmpty()) {
            throw new AnnotationFileException(folder, "no cell has outlines yet: nothing to export");
        }
        DatasetWriter.Summary s = DatasetWriter.write(folder, items, VAL_FRACTION, SEED);
        store.audit()
                .record(
                        "dataset.export",
                        null,
                        null,
                        "dataset",
                        null,
                        null,
                        AuditJson.of(
                                "format",
                                "labelme",
                                "folder",
                                folder.toAbsolutePath().toString(),
                                "train",
                                s.trainImages(),
                                "val",
                                s.valImages()),
                        null);
        return s;
    }

    /** Writes every annotated cell into one COCO instances file; returns the number of images. */
    public static int writeCoco(CaseStore store, Path json) throws AnnotationFileException {
        List<AnnotatedImage> images =
                items(store).stream().map(DatasetItem::annotation).toList();
        if (images.isEmpty()) {
            throw new AnnotationFileException(json, "no cell has outlines yet: nothing to export");
        }
        CocoIo.write(images, json);
        store.audit()
                .record(
                        "dataset.export",
                        null,
                        null,
                        "dataset",
                        null,
                        null,
                        AuditJson.of(
                                "format", "coco", "file", json.toAbsolutePath().toString(), "images", images.size()),
                        null);
        return images.size();
    }
}
