package org.karyo.annotation.archive;

import java.nio.file.Path;

/**
 * What became of one pair: ACCEPTED (written to the dataset), REFUSED (the karyogram does not
 * belong to the metaphase, or holds a chromosome count the reader could not make sense of) or
 * FAILED (an image could not be read or is not what it should be), with the message saying why.
 * {@code result} is null unless the back-projection ran.
 */
public record PairReport(
        String cell,
        Path metaphase,
        Path karyogram,
        Outcome outcome,
        int karyogramCount,
        long found,
        long flagged,
        long notFound,
        double medianScore,
        double scale,
        double seconds,
        String message,
        BackProjection result) {

    public enum Outcome {
        ACCEPTED,
        REFUSED,
        FAILED
    }

    static PairReport failed(ArchivePairing.Pair p, String message, double seconds) {
        return new PairReport(
                p.cell(), p.metaphase(), p.karyogram(), Outcome.FAILED, 0, 0, 0, 0, 0, 0, seconds, message, null);
    }
}
