package org.karyo.app.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.karyo.core.image.ImageReadException;
import org.karyo.core.image.MetaphaseImageReader;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The cells (metaphase images) of a case: import, exclusion with a reason, review state. Status
 * changes act on the cell as read inside their transaction (never on a screen's copy), and bump its
 * row version.
 */
public final class Cells {

    private static final String SELECT = "SELECT c.*, (SELECT count(*) FROM boxes b WHERE b.cell_id = c.id "
            + "AND b.deleted_at IS NULL) AS box_count FROM cells c ";
    private static final List<String> IMAGE_EXTENSIONS = List.of(".png", ".tif", ".tiff", ".jpg", ".jpeg", ".bmp");

    private final CaseStore store;

    Cells(CaseStore store) {
        this.store = store;
    }

    /**
     * Adds one image to a case: checks it decodes, copies it into the image folder under its
     * SHA-256, and records its size; the label is the file name. The same image twice in one case
     * is refused.
     */
    public Cell importImage(long caseId, Path file) {
        store.cases().requireOpen(caseId);
        org.karyo.core.image.OpenCv.ensureLoaded();
        Mat thumb = new Mat();
        int[] size = imageSize(file, thumb);
        ImageCopies.Stored copy = ImageCopies.put(store.imageDir(), file);
        ImageCopies.writeThumbnail(store.imageDir().resolve(copy.relativePath()), thumb);
        return store.inTransaction(() -> {
            CaseRecord c = store.cases().requireOpen(caseId);
            Optional<Cell> twin = store.read(() -> Sql.one(
                    store.connection(),
                    SELECT + "WHERE c.case_id = ? AND c.sha256 = ?",
                    this::row,
                    caseId,
                    copy.sha256()));
            if (twin.isPresent()) {
                throw new StoreException(file.getFileName() + " is already in case " + c.accession() + " as cell "
                        + twin.get().ordinal() + " (" + twin.get().label() + ")");
            }
            int ordinal = (int) Sql.count(
                    store.connection(), "SELECT coalesce(max(ordinal), 0) + 1 FROM cells WHERE case_id = ?", caseId);
            String label = file.getFileName().toString();
            if (store.engine() == Engine.POSTGRESQL) {
                ServerImages.upload(store, copy.sha256(), store.imageDir().resolve(copy.relativePath()));
            }
            long id = Sql.insert(
                    store.connection(),
                    "INSERT INTO cells (case_id, ordinal, label, original_path, "
                            + "stored_image, sha256, width, height, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    caseId,
                    ordinal,
                    label,
                    file.toAbsolutePath().toString(),
                    copy.relativePath(),
                    copy.sha256(),
                    size[0],
                    size[1],
                    CellStatus.NOT_RUN);
            store.audit()
                    .record(
                            "cell.import",
                            caseId,
                            id,
                            "cell",
                            id,
                            null,
                            AuditJson.of(
                                    "label",
                                    label,
                                    "original",
                                    file.toAbsolutePath(),
                                    "sha256",
                                    copy.sha256(),
                                    "width",
                                    size[0],
                                    "height",
                                    size[1]),
                            null);
            return find(id).orElseThrow();
        });
    }

    /** Imports every image file (png, tif, tiff, jpg, jpeg, bmp) of a folder in name order; one bad file does not stop the rest. */
    public FolderImport importFolder(long caseId, Path dir) {
        store.cases().requireOpen(caseId);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile)
                    .filter(Cells::isImageName)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new StoreException(dir + ": cannot list the folder (" + e.getMessage() + ")", e);
        }
        List<Cell> done = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path f : files) {
            try {
                done.add(importImage(caseId, f));
            } catch (CaseLockedException e) {
                throw e;
            } catch (StoreException e) {
                problems.add(e.getMessage());
            }
        }
        if (files.isEmpty()) {
            problems.add(dir + ": no image files (png, tif, tiff, jpg, jpeg, bmp)");
        }
        return new FolderImport(done, problems);
    }

    public List<Cell> list(long caseId) {
        return store.read(() -> Sql.list(
                store.connection(),
                SELECT + "WHERE c.case_id = ? AND c.removed_at IS NULL ORDER BY c.ordinal",
                this::row,
                caseId));
    }

    public Optional<Cell> find(long cellId) {
        return store.read(() -> Sql.one(store.connection(), SELECT + "WHERE c.id = ?", this::row, cellId));
    }

    /** Leaves a cell out of the count (broken, overlapped, poor banding...); the reason is required. */
    public Cell exclude(long cellId, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new StoreException("Excluding a cell needs a reason");
        }
        return store.inTransaction(() -> {
            Cell c = requireEditable(cellId);
            RowVersions.bump(
                    store, "cells", cellId, "status = ?, exclusion_reason = ?", CellStatus.EXCLUDED, reason.strip());
            store.audit()
                    .record(
                            "cell.exclude",
                            c.caseId(),
                            cellId,
                            "cell",
                            cellId,
                            AuditJson.of("status", c.status()),
                            AuditJson.of("status", CellStatus.EXCLUDED),
                            reason.strip());
            return find(cellId).orElseThrow();
        });
    }

    /** Counts an excluded cell again; it returns to DETECTED when it has a detection run, else NOT_RUN. */
    public Cell include(long cellId) {
        return store.inTransaction(() -> {
            Cell c = requireEditable(cellId);
            if (!c.excluded()) {
                return c;
            }
            CellStatus to = c.detectedCount() != null ? CellStatus.DETECTED : CellStatus.NOT_RUN;
            RowVersions.bump(store, "cells", cellId, "status = ?, exclusion_reason = NULL", to);
            store.audit()
                    .record(
                            "cell.include",
                            c.caseId(),
                            cellId,
                            "cell",
                            cellId,
                            AuditJson.of("status", c.status(), "exclusionReason", c.exclusionReason()),
                            AuditJson.of("status", to),
                            null);
            return find(cellId).orElseThrow();
        });
    }

    /** Records that a person checked this cell's boxes and count. */
    public Cell markReviewed(long cellId) {
        return store.inTransaction(() -> {
            Cell c = requireEditable(cellId);
            if (c.excluded()) {
                throw new StoreException("Cell " + c.label() + " is excluded; include it before marking it reviewed");
            }
            RowVersions.bump(store, "cells", cellId, "status = ?", CellStatus.REVIEWED);
            store.audit()
                    .record(
                            "cell.review",
                            c.caseId(),
                            cellId,
                            "cell",
                            cellId,
                            AuditJson.of("status", c.status(), "count", c.count()),
                            AuditJson.of("status", CellStatus.REVIEWED, "count", c.count()),
                            null);
            return find(cellId).orElseThrow();
        });
    }

    /**
     * Removes a cell from the case (a wrong patient's image, a duplicate, not a metaphase): it
     * leaves the case's list and counts but stays in the database and the audit trail, with the
     * reason. Excluding keeps a cell in the case; removing says it never belonged there.
     */
    public void remove(long cellId, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new StoreException("Removing a cell needs a reason");
        }
        store.inTransaction(() -> {
            Cell c = requireEditable(cellId);
            RowVersions.bump(store, "cells", cellId, "removed_at = ?", java.time.Instant.now());
            store.audit()
                    .record(
                            "cell.remove",
                            c.caseId(),
                            cellId,
                            "cell",
                            cellId,
                            AuditJson.of("label", c.label(), "count", c.count(), "status", c.status()),
                            null,
                            reason.strip());
        });
    }

    /** The cell, or {@link CaseLockedException} when its case is signed off. */
    Cell requireEditable(long cellId) {
        Cell c = find(cellId).orElseThrow(() -> new StoreException("no cell with id " + cellId));
        store.cases().requireOpen(c.caseId());
        return c;
    }

    private Cell row(ResultSet rs) throws SQLException {
        Path image = store.imageDir().resolve(rs.getString("stored_image"));
        if (store.engine() == Engine.POSTGRESQL) {
            ServerImages.fetch(store, rs.getString("sha256"), image); // the local cache, filled on first use
        }
        return new Cell(
                rs.getLong("id"),
                rs.getLong("case_id"),
                rs.getInt("ordinal"),
                rs.getString("label"),
                rs.getString("original_path"),
                image,
                rs.getString("sha256"),
                rs.getInt("width"),
                rs.getInt("height"),
                CellStatus.valueOf(rs.getString("status")),
                rs.getString("exclusion_reason"),
                Sql.intOrNull(rs, "detected_count"),
                rs.getInt("box_count"));
    }

    private static boolean isImageName(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return IMAGE_EXTENSIONS.stream().anyMatch(n::endsWith);
    }

    /** {width, height}, decoding the image as the detector will, so an unusable file is refused at import. */
    /** Decodes the image (refusing what cannot be read), its size, and a small copy for the cell list. */
    private static int[] imageSize(Path file, Mat thumbnail) {
        try {
            Mat m = MetaphaseImageReader.readMetaphase(file, 255);
            try {
                double f = Math.min(1.0, (double) ImageCopies.THUMBNAIL_PX / Math.max(m.cols(), m.rows()));
                Imgproc.resize(
                        m,
                        thumbnail,
                        new Size(Math.max(1, Math.round(m.cols() * f)), Math.max(1, Math.round(m.rows() * f))),
                        0,
                        0,
                        Imgproc.INTER_AREA);
                return new int[] {m.cols(), m.rows()};
            } finally {
                m.release();
            }
        } catch (ImageReadException e) {
            throw new StoreException(e.getMessage() + "; it was not imported", e);
        }
    }
}
