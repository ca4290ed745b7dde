package org.karyo.annotation.archive;

import java.util.List;

/**
 * A karyogram projected back onto its metaphase (width x height pixels): the global scale (metaphase pixels per karyogram
 * pixel), one placement per karyogram chromosome, the median score, and the refusal (null when the
 * pair is accepted; otherwise why this karyogram is not taken to belong to this metaphase).
 */
public record BackProjection(
        int width,
        int height,
        double scale,
        List<Placement> placements,
        double medianScore,
        String refusal,
        List<String> notes) {

    public BackProjection {
        placements = List.copyOf(placements);
        notes = List.copyOf(notes);
    }

    public boolean accepted() {
        return refusal == null;
    }

    public long count(Placement.Status s) {
        return placements.stream().filter(p -> p.status() == s).count();
    }
}
