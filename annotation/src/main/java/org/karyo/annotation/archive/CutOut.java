package org.karyo.annotation.archive;

import org.karyo.annotation.ChromosomeLabel;

/**
 * One chromosome as the karyogram shows it: its class (from the slot it stands in), where it is on
 * the karyogram ({@code x0, y0} of its box) and its pixels inside the box: {@code grey} (0 black ..
 * 255 white, background 255) and {@code mask} (true on the cut-out). Arrays are row-major and owned
 * by the record (not copied, for speed; treat as read-only).
 */
// numeric buffers passed on without copying or boxing; nothing compares these records by
// value (ArrayRecordComponent's concern)
@SuppressWarnings("ArrayRecordComponent")
public record CutOut(
        ChromosomeLabel label, int slot, int x0, int y0, int width, int height, int[] grey, boolean[] mask) {

    public int area() {
        int n = 0;
        for (boolean b : mask) {
            if (b) {
                n++;
            }
        }
        return n;
    }
}
