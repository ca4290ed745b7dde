package org.karyo.inference.classify;

import java.util.ArrayList;
import java.util.List;

/**
 * Positions of chromosome tiles and class labels in a karyogram of given tile sizes, following
 * {@link KaryogramLayout}: members of a class side by side above its label, groups spaced along
 * each row, rows stacked. Pure arithmetic, shared by the PNG/PDF painter and the JavaFX view.
 */
public final class KaryogramGeometry {

    public static final int GAP = 6;
    public static final int GROUP_GAP = 22;
    public static final int LABEL_HEIGHT = 30;
    public static final int MARGIN = 16;

    /** A tile's top-left corner and size. */
    public record Tile(int placement, double x, double y, double w, double h) {
        public boolean contains(double px, double py) {
            return px >= x && px < x + w && py >= y && py < y + h;
        }
    }

    /** A class's slot: where its members sit (x, y, w, h) and its label's centre and baseline. */
    public record Slot(int cls, double x, double y, double w, double h, double labelX, double labelY) {
        public boolean contains(double px, double py) {
            return px >= x && px < x + w && py >= y && py < y + h + LABEL_HEIGHT;
        }
    }

    public record Result(List<Tile> tiles, List<Slot> slots, double width, double height) {

        /** The class slot at a point, or -1 (used to drop a dragged chromosome). */
        public int slotAt(double px, double py) {
            for (Slot s : slots) {
                if (s.contains(px, py)) {
                    return s.cls();
                }
            }
            return -1;
        }

        public Tile tileOf(int placement) {
            for (Tile t : tiles) {
                if (t.placement() == placement) {
                    return t;
                }
            }
            return null;
        }
    }

    private KaryogramGeometry() {}

    /**
     * Lays the placements' tiles out in the karyogram's rows of class slots.
     *
     * @param placements the cell's placements
     * @param tileW      width of each placement's tile (same order)
     * @param tileH      height of each placement's tile
     * @param emptyW     width of an empty class slot
     */
    public static Result layout(List<Placement> placements, double[] tileW, double[] tileH, double emptyW) {
        List<Tile> tiles = new ArrayList<>();
        List<Slot> slots = new ArrayList<>();
        double y = MARGIN;
        double maxW = 0;
        for (List<Integer> row : KaryogramLayout.ROWS) {
            double rowH = 0;
            for (int cls : row) {
                for (int i = 0; i < placements.size(); i++) {
                    if (placements.get(i).cls() == cls) {
                        rowH = Math.max(rowH, tileH[i]);
                    }
                }
            }
            boolean unsureRow = row.size() == 1 && row.get(0) == ChromosomeClass.NONE;
            if (unsureRow && rowH == 0) {
                continue; // nothing unsure: no empty row
            }
            rowH = Math.max(rowH, 40);
            double x = MARGIN;
            for (int cls : row) {
                double x0 = x;
                double used = 0;
                for (int i = 0; i < placements.size(); i++) {
                    if (placements.get(i).cls() == cls) {
                        tiles.add(new Tile(i, x0 + used, y + rowH - tileH[i], tileW[i], tileH[i]));
                        used += tileW[i] + GAP;
                    }
                }
                double w = Math.max(used - GAP, unsureRow ? 200 : emptyW);
                slots.add(new Slot(cls, x0, y, w, rowH, x0 + w / 2, y + rowH + LABEL_HEIGHT * 0.6));
                x = x0 + w + GROUP_GAP;
            }
            maxW = Math.max(maxW, x - GROUP_GAP + MARGIN);
            y += rowH + LABEL_HEIGHT + GAP;
        }
        return new Result(tiles, slots, maxW, y + MARGIN);
    }
}
