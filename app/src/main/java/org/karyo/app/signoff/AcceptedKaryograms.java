package org.karyo.app.signoff;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.karyo.app.store.CaseStore;
import org.karyo.app.store.Cell;
import org.karyo.app.store.Karyograms;

/** The accepted karyograms of a case as the sign-off checks compare them (excluded cells left out). */
public final class AcceptedKaryograms {

    private AcceptedKaryograms() {}

    public static List<SignOffChecks.Karyogram> of(CaseStore store, long caseId) {
        Map<Long, Cell> cells =
                store.cells().list(caseId).stream().collect(Collectors.toMap(Cell::id, Function.identity()));
        return Karyograms.of(store).karyotyped(caseId).stream()
                .filter(k -> k.iscn() != null
                        && cells.containsKey(k.cellId())
                        && !cells.get(k.cellId()).excluded())
                .map(k -> new SignOffChecks.Karyogram(
                        "cell " + cells.get(k.cellId()).ordinal(), k.iscn()))
                .toList();
    }
}
