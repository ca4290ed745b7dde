package org.karyo.app.review;

import java.nio.file.Path;
import java.util.Map;
import org.karyo.app.store.Box;
import org.karyo.app.store.CaseStore;
import org.karyo.core.geometry.RotatedBox;

/**
 * Child process of {@link TestKillDuringEdits}: edits one cell through a {@link CellEditor} in a
 * loop and prints {@code committed N add|move BOX_ID} after each edit has returned (is durable).
 * Even N adds a box at cx = N; odd N moves the box added at N - 1 to cy = 1000 + N.
 * Arguments: database file, image folder, cell id.
 */
public final class EditLoop {

    private EditLoop() {}

    public static void main(String[] args) {
        try (CaseStore store = CaseStore.open(Path.of(args[0]), Path.of(args[1]), "looper")) {
            CellEditor ed = CellEditor.open(store, Long.parseLong(args[2]));
            long last = -1;
            for (int n = 0; n < 100_000; n++) {
                if (n % 2 == 0) {
                    Box b = ed.add(RotatedBox.of(n, 10, 30, 8, 0));
                    last = b.id();
                    System.out.println("committed " + n + " add " + last);
                } else {
                    ed.change(Map.of(last, RotatedBox.of(n - 1, 1000 + n, 30, 8, 0)), EditKind.MOVE);
                    System.out.println("committed " + n + " move " + last);
                }
                System.out.flush();
            }
        }
    }
}
