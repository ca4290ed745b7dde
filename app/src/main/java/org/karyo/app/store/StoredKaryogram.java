package org.karyo.app.store;

import java.time.Instant;
import java.util.List;

/**
 * A cell's karyogram as stored: one entry per chromosome box, the ISCN it adds up to, and who
 * accepted it ("karyotyped") and when (null while it is only a proposal). {@code version} is the
 * row version a change made from this value must name (optimistic concurrency).
 */
public record StoredKaryogram(
        long cellId,
        List<Entry> entries,
        String classifier,
        String iscn,
        String karyotypedBy,
        Instant karyotypedAt,
        String modifiedBy,
        Instant modifiedAt,
        long version) {

    public StoredKaryogram {
        entries = List.copyOf(entries);
    }

    public boolean karyotyped() {
        return karyotypedAt != null;
    }

    /**
     * One chromosome in the karyogram.
     *
     * @param boxId     the box it was cut out by
     * @param cls       ChromosomeClass index (24 = not a chromosome / unsure)
     * @param probs     the classifier's 25 probabilities (evidence; never edited)
     * @param pUp       the classifier's P(p-arm at the top of the unflipped cut-out)
     * @param flipped   turned 180 degrees in the karyogram
     * @param mirrored  mirrored left-right in the karyogram
     * @param reassigned the cell rule or a reviewer placed it against the classifier's first choice
     * @param byReviewer a reviewer placed it (drag)
     */
    // numeric buffers passed on without copying or boxing; nothing compares these records by
    // value (ArrayRecordComponent's concern)
    @SuppressWarnings("ArrayRecordComponent")
    public record Entry(
            long boxId,
            int cls,
            float[] probs,
            float pUp,
            boolean flipped,
            boolean mirrored,
            boolean reassigned,
            boolean byReviewer) {

        public Entry withClass(int c) {
            return new Entry(boxId, c, probs, pUp, flipped, mirrored, true, true);
        }

        public Entry withFlipped(boolean f) {
            return new Entry(boxId, cls, probs, pUp, f, mirrored, reassigned, byReviewer);
        }

        public Entry withMirrored(boolean m) {
            return new Entry(boxId, cls, probs, pUp, flipped, m, reassigned, byReviewer);
        }
    }
}
