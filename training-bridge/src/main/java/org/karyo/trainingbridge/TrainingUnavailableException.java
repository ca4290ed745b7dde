package org.karyo.trainingbridge;

/** Training cannot start on this machine (no Python with torch, no trainer); the message says what to do. */
public class TrainingUnavailableException extends Exception {
    public TrainingUnavailableException(String message) {
        super(message);
    }
}
