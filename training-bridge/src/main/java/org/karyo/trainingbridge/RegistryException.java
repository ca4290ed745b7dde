package org.karyo.trainingbridge;

/** A registry operation that was refused or failed; the registry is unchanged and the message says why. */
public class RegistryException extends Exception {
    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
