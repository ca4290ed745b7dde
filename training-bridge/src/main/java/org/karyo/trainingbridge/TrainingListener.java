package org.karyo.trainingbridge;

/**
 * Receives a run's events. Calls come from the run's reader threads, one at a time and, per
 * stream, in the order the trainer wrote them; a listener that throws is reported in the log and
 * the run goes on. A UI must hand events over to its own thread.
 */
@FunctionalInterface
public interface TrainingListener {
    void onEvent(TrainingEvent event);
}
