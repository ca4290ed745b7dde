package org.karyo.app.store;

/** Whether a box came from the detector or was drawn by a user. */
public enum BoxOrigin {
    DETECTED,
    ADDED
}
