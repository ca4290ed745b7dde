package org.karyo.app.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Cross-checks between the karyotype the cytogeneticist entered and the counts: a report whose
 * result contradicts its own count table should be caught before sign-off, not by the reader.
 */
final class Agreement {

    private Agreement() {}

    static List<String> notes(IscnResult iscn, CountStatistics stats) {
        List<String> out = new ArrayList<>();
        if (!iscn.ok() || !stats.hasCells()) {
            return out;
        }
        if (!iscn.mosaic()) {
            int stated = iscn.clones().get(0).count();
            if (stated != stats.modalNumber()) {
                out.add("the karyotype states " + stated + " chromosomes but the modal count is " + stats.modalNumber()
                        + ".");
            }
            return out;
        }
        int sum = iscn.clones().stream()
                .map(IscnResult.Clone::cells)
                .filter(Objects::nonNull)
                .mapToInt(Integer::intValue)
                .sum();
        if (sum != stats.cellsCounted()) {
            out.add("the clone cell counts add up to " + sum + " cells but " + stats.cellsCounted()
                    + " cells were counted.");
        }
        return out;
    }
}
