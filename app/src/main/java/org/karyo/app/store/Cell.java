package org.karyo.app.store;

import java.nio.file.Path;

/**
 * One metaphase image of a case. {@code storedImage} is the content-addressed copy in the image
 * folder (absolute); {@code detectedCount} is the count of the last detection run (null before any);
 * {@code count} is the current number of boxes, i.e. the reviewed count.
 */
public record Cell(
        long id,
        long caseId,
        int ordinal,
        String label,
        String originalPath,
        Path storedImage,
        String sha256,
        int width,
        int height,
        CellStatus status,
        String exclusionReason,
        Integer detectedCount,
        int count) {

    public boolean excluded() {
        return status == CellStatus.EXCLUDED;
    }
}
