package org.karyo.app.store;

import java.time.Instant;

/** One sign-off of a case (a reopened and re-signed case has several). */
public record SignOff(long caseId, String user, Instant at) {}
