package org.karyo.inference.count;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The count table of a case: per-cell counts, the modal number (the most frequent count; ties
 * go to the count nearer 46, then the lower), and the cells off the mode.
 */
public record CaseSummary(
        List<CellCount> cells, int modalNumber, List<CellCount> nonModal, Map<Integer, Integer> distribution) {

    /** One counted cell. */
    public record CellCount(String cell, int count) {}

    public CaseSummary {
        cells = List.copyOf(cells);
        nonModal = List.copyOf(nonModal);
        distribution = Map.copyOf(distribution);
    }

    public static CaseSummary of(List<CellCount> cells) {
        TreeMap<Integer, Integer> dist = new TreeMap<>();
        for (CellCount c : cells) {
            dist.merge(c.count(), 1, Integer::sum);
        }
        int mode = -1, best = 0;
        for (Map.Entry<Integer, Integer> e : dist.entrySet()) {
            int k = e.getKey(), n = e.getValue();
            if (n > best || (n == best && Math.abs(k - 46) < Math.abs(mode - 46))) {
                mode = k;
                best = n;
            }
        }
        List<CellCount> off = new ArrayList<>();
        for (CellCount c : cells) {
            if (c.count() != mode) {
                off.add(c);
            }
        }
        return new CaseSummary(cells, mode, off, dist);
    }

    public int cellCount() {
        return cells.size();
    }
}
