package org.karyo.app.report;

import java.nio.file.Path;
import java.util.List;
import org.karyo.core.geometry.RotatedBox;

/**
 * One metaphase cell as it stands in a report. {@code detectedCount} is what the detector found
 * (null when the cell was counted by hand); {@code finalCount} is the reviewed count. An excluded
 * cell keeps its counts for the audit but is left out of the count statistics.
 * {@code boxes} are in image pixels; {@code imagePath} may be null or missing on disk (the figure
 * then says so instead of failing).
 */
public record ReportCell(
        int ordinal,
        String label,
        String fileName,
        String sha256,
        Path imagePath,
        Integer detectedCount,
        int finalCount,
        boolean excluded,
        String exclusionReason,
        List<RotatedBox> boxes,
        Edits edits,
        String reviewer) {

    /** How many boxes reviewers added, removed and moved in this cell. */
    public record Edits(int added, int removed, int moved) {
        public static final Edits NONE = new Edits(0, 0, 0);

        public Edits {
            if (added < 0 || removed < 0 || moved < 0) {
                throw new IllegalArgumentException("edit counts must not be negative");
            }
        }

        public int total() {
            return added + removed + moved;
        }
    }

    public ReportCell {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("cell " + ordinal + " has no label");
        }
        if (finalCount < 0 || (detectedCount != null && detectedCount < 0)) {
            throw new IllegalArgumentException("cell " + label + ": counts must not be negative");
        }
        boxes = boxes == null ? List.of() : List.copyOf(boxes);
        edits = edits == null ? Edits.NONE : edits;
        exclusionReason = excluded ? exclusionReason : null;
    }

    /** Whether the cell enters the count statistics. */
    public boolean counted() {
        return !excluded;
    }
}
