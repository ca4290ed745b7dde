package org.karyo.annotation.archive;

import java.util.List;
import org.karyo.annotation.ChromosomeLabel;
import org.karyo.annotation.Vertex;

/**
 * Where one karyogram chromosome came from in its metaphase: its class, its outline in metaphase
 * pixels (empty when not found), the correlation of its grey values there ({@code score}, -1..1),
 * how well its outline fits ({@code fit}: the same correlation taken over the cut-out and a ring of
 * paper two pixels wide around it, so a piece of a longer chromosome or an outline too small
 * scores low), the turn (degrees)
 * and mirror that bring the cut-out back, and whether it is trusted.
 */
public record Placement(
        ChromosomeLabel label,
        int slot,
        List<Vertex> outline,
        double score,
        double fit,
        int degrees,
        boolean mirror,
        Status status) {

    /**
     * FOUND: placed, unambiguous and well matched; AMBIGUOUS: another free place fits about as
     * well; DOUBTFUL: placed at its best free place but matched poorly there; NOT_FOUND: no place
     * at all (no outline). Only FOUND is unflagged.
     */
    public enum Status {
        FOUND,
        AMBIGUOUS,
        DOUBTFUL,
        NOT_FOUND
    }

    public Placement {
        outline = List.copyOf(outline);
    }

    public boolean placed() {
        return status != Status.NOT_FOUND;
    }
}
