package org.karyo.app.store;

import java.time.LocalDate;

/** A patient; {@code identifier} is the laboratory's unique patient number. */
public record Patient(long id, String identifier, String name, LocalDate birthDate, String sex) {
}
