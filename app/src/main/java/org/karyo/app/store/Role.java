package org.karyo.app.store;

/** What a user may do: annotators edit boxes; cytogeneticists also sign off; lab leads also manage users. */
public enum Role {
    ANNOTATOR,
    CYTOGENETICIST,
    LAB_LEAD
}
