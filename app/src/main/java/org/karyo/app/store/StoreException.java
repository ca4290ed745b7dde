package org.karyo.app.store;

/** A store operation that failed, with a message a user can act on. Unchecked: the UI shows it. */
public class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
