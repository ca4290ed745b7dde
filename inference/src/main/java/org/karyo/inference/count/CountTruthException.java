package org.karyo.inference.count;

/** A count truth file that cannot be used: the message names the file (and the line) and says why. */
public final class CountTruthException extends Exception {

    public CountTruthException(String message) {
        super(message);
    }
}
