package org.karyo.app.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.karyo.app.Workspace;
import org.karyo.app.review.EditKind;
import org.karyo.app.store.Box;
import org.karyo.core.geometry.RotatedBox;

/**
 * The application, headless, editing boxes without pause through the same path the viewer uses
 * (CellPane's edit handler), printing "committed N CELL COUNT" after each edit returns. The kill
 * test SIGKILLs this process mid-stream. Args: DATA_DIR CASE_ID.
 */
public final class AppEditLoop {

    public static void main(String[] args) {
        try {
            loop(args);
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1); // the FX thread would keep a failed loop alive
        }
    }

    private static void loop(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        long caseId = Long.parseLong(args[1]);
        Workspace ws = Workspace.open(data, "editor", null, false);
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        AtomicReference<MainWindow> window = new AtomicReference<>();
        FxThread.run(() -> {
            MainWindow w = KaryoApplication.show(new Stage(), ws, 1200, 800);
            w.model().open(caseId);
            w.select(0);
            window.set(w);
        });
        for (int n = 1; ; n++) {
            int step = n;
            String line = FxThread.call(() -> {
                CellPane pane = window.get().cellPane();
                List<Box> boxes = pane.editor().boxes();
                switch (step % 4) {
                    case 1 -> pane.add(RotatedBox.of(50 + step % 500, 60 + step % 300, 30, 8, step % 180));
                    case 2 -> {
                        Box b = boxes.get(boxes.size() - 1);
                        pane.change(
                                Map.of(
                                        b.id(),
                                        RotatedBox.of(
                                                b.geometry().cx() + 3,
                                                b.geometry().cy(),
                                                b.geometry().w(),
                                                b.geometry().h(),
                                                b.geometry().angle())),
                                EditKind.MOVE);
                    }
                    case 3 -> pane.undo();
                    default -> pane.delete(Set.of(boxes.get(0).id()));
                }
                return "committed " + step + " " + pane.cellProperty().get().id() + " "
                        + pane.editor().boxes().size();
            });
            System.out.println(line);
            System.out.flush();
        }
    }
}
