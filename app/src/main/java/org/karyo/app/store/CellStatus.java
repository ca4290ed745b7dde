package org.karyo.app.store;

/** Where a cell (one metaphase image) stands in the review. */
public enum CellStatus {
    NOT_RUN,
    DETECTED,
    REVIEWED,
    EXCLUDED
}
