package org.karyo.core.image;

/** An image that cannot be used, with a message a user can act on. */
public class ImageReadException extends Exception {
    public ImageReadException(String message) {
        super(message);
    }
}
