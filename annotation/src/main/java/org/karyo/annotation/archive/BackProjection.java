package org.karyo.annotation.archive;

import java.util.List;

/**
 * A karyogram projected back onto its metaphase (width x height pixels): the global scale (metaphase pixels per karyogram
 * pixel), one placement per karyogram chromosome, the median score, the lower quartile of the
 * scores of the longer half of the chromosomes ({@link BackProjector#CELL_MIN_LONGER_QUARTILE}),
 * and the refusal (null when the pair is accepted; otherwise why this karyogram is not taken to
 * belong to this metaphase).
 */
public record BackProjection(
        int width,
        int height,
        double scale,
        List<Placement> placements,
        double medianScore,
        double longerHalfLowerQuartile,
        String refusal,
        List<String> notes) {

    public BackProjection {
        placements = List.copyOf(placements);
        notes = List.copyOf(notes);
    }

    public boolean accepted() {
        return refusal == null;
    }

    /**
     * The correlation that three quarters of the placed chromosomes reach or beat (0 when none is
     * placed): what decides whether the karyogram belongs to this metaphase ({@link
     * BackProjector#CELL_MIN_LOWER_QUARTILE}).
     */
    public double lowerQuartileScore() {
        return quantile(
                placements.stream()
                        .filter(Placement::placed)
                        .mapToDouble(Placement::score)
                        .sorted()
                        .toArray(),
                0.25);
    }

    /** The q-quantile of sorted values, sorted[floor(q * (n - 1))]; 0 for none. */
    static double quantile(double[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.floor(q * (sorted.length - 1))];
    }

    public long count(Placement.Status s) {
        return placements.stream().filter(p -> p.status() == s).count();
    }
}
