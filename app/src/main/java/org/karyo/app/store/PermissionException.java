package org.karyo.app.store;

/** The current user lacks the role an operation needs. */
public class PermissionException extends StoreException {

    public PermissionException(String message) {
        super(message);
    }
}
