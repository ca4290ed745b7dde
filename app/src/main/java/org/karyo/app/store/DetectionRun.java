package org.karyo.app.store;

import java.time.Instant;

/** One run of the detector on a cell: which model (name, version, SHA-256), when, and how many boxes. */
public record DetectionRun(
        long id, long cellId, String modelName, String modelVersion, String modelSha256, Instant at, int count) {

    /** Metadata for a run not yet stored (id and count are filled in by the store). */
    public static DetectionRun of(long cellId, String modelName, String modelVersion, String modelSha256) {
        return new DetectionRun(0, cellId, modelName, modelVersion, modelSha256, Instant.now(), 0);
    }
}
