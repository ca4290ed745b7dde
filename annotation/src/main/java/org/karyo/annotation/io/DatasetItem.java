package org.karyo.annotation.io;

import org.karyo.annotation.AnnotatedImage;

/**
 * One image for a training dataset, with the patient and case it belongs to: the split keeps
 * every image of a patient on one side, so validation never sees a training patient's cells.
 * {@code patient} and {@code caseId} may be null (then the case, else the image, is the unit).
 */
public record DatasetItem(AnnotatedImage annotation, String patient, String caseId) {

    public DatasetItem {
        if (annotation == null) {
            throw new IllegalArgumentException("a dataset item needs its annotation");
        }
    }

    /** The unit that is never split: the patient, else the case, else the image itself. */
    String group(int index) {
        if (patient != null && !patient.isBlank()) {
            return "p:" + patient;
        }
        return caseId != null && !caseId.isBlank() ? "c:" + caseId : "i:" + index;
    }
}
