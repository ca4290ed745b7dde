package org.karyo.app.store;

import java.time.Instant;
import java.util.List;

/** What is annotated in one cell: how many outlines, by whom, last changed when. */
public record AnnotationSummary(long cellId, long caseId, int instances, List<String> annotators, Instant modified) {

    public AnnotationSummary {
        annotators = List.copyOf(annotators);
    }
}
