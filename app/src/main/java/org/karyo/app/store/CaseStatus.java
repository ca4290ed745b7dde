package org.karyo.app.store;

/** A case is editable while OPEN; SIGNED_OFF locks it until reopened with a reason. */
public enum CaseStatus {
    OPEN,
    SIGNED_OFF
}
