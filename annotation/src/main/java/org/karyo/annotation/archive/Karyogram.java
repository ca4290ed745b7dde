package org.karyo.annotation.archive;

import java.util.List;

/**
 * A read karyogram: its slots in reading order and every chromosome cut-out, classified by slot.
 * {@code bodyThreshold}: darker than this is chromosome body (Otsu between paper and ink); the
 * cut-out masks also hold the pale halo that blurring and enlarging leave around each chromosome.
 */
public record Karyogram(
        int width, int height, List<Slot> slots, List<CutOut> cutOuts, int bodyThreshold, List<String> notes) {

    public Karyogram {
        slots = List.copyOf(slots);
        cutOuts = List.copyOf(cutOuts);
        notes = List.copyOf(notes);
    }

    public int count() {
        return cutOuts.size();
    }
}
