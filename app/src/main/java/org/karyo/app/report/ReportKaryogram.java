package org.karyo.app.report;

import java.awt.image.BufferedImage;

/**
 * The karyogram of one karyotyped cell for the report: its image (drawn at print resolution),
 * the cell's ISCN, who accepted it, and its class counts (1..22, X, Y; unsure apart).
 */
// numeric buffers passed on without copying or boxing; nothing compares these records by
// value (ArrayRecordComponent's concern)
@SuppressWarnings("ArrayRecordComponent")
public record ReportKaryogram(
        int ordinal,
        String label,
        String iscn,
        String karyotypedBy,
        int[] classCounts,
        int unsure,
        BufferedImage image) {

    public ReportKaryogram {
        classCounts = classCounts.clone();
    }
}
