package org.karyo.app.store;

import java.time.LocalDate;

/** A patient; {@code identifier} is the laboratory's unique patient number; {@code version} the row version read. */
public record Patient(long id, String identifier, String name, LocalDate birthDate, String sex, long version) {}
