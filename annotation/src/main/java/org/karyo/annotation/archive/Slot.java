package org.karyo.annotation.archive;

import org.karyo.annotation.ChromosomeLabel;

/** A karyogram slot: its class, the line the chromosomes stand on (x0..x1 at y) and its row. */
public record Slot(ChromosomeLabel label, int row, int x0, int x1, int y) {

    public int centreX() {
        return (x0 + x1) / 2;
    }
}
