package org.karyo.annotation.archive;

import java.util.List;
import org.karyo.annotation.ChromosomeLabel;
import org.karyo.annotation.Vertex;

/**
 * Where one karyogram chromosome came from in its metaphase: its class, its outline in metaphase
 * pixels (empty when not found), the correlation of its grey values there ({@code score}, -1..1),
 * how well its outline covers the metaphase foreground ({@code fit}, 0..1), the turn (degrees)
 * and mirror that bring the cut-out back, and whether it is trusted.
 */
public record Placement(ChromosomeLabel label, int slot, List<Vertex> outline, double score, double fit,
                        int degrees, boolean mirror, Status status) {

    /** FOUND: placed and unambiguous; AMBIGUOUS: another free place fits about as well; NOT_FOUND: no place fits. */
    public enum Status { FOUND, AMBIGUOUS, NOT_FOUND }

    public Placement {
        outline = List.copyOf(outline);
    }

    public boolean placed() {
        return status != Status.NOT_FOUND;
    }
}
