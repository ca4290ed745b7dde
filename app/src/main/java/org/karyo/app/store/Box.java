package org.karyo.app.store;

import org.karyo.core.geometry.RotatedBox;

/** One chromosome box of a cell; {@code score} is NaN when a user drew it; {@code version} the row version read. */
public record Box(
        long id, long cellId, RotatedBox geometry, double score, BoxOrigin origin, Long detectionRunId, long version) {}
