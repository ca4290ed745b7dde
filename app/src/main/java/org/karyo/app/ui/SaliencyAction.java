package org.karyo.app.ui;

import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import org.karyo.app.store.Cell;
import org.karyo.core.logging.Background;
import org.karyo.inference.detect.DetectionResult;

/** Shows or hides the detector's saliency maps over the open cell (the model runs in the background). */
final class SaliencyAction {

    private static final System.Logger LOG = System.getLogger(SaliencyAction.class.getName());

    private final MainWindow w;

    SaliencyAction(MainWindow w) {
        this.w = w;
    }

    void toggle() {
        CellPane pane = w.cellPane();
        if (pane.view().overlayProperty().get() != null) {
            pane.showOverlay(null);
            return;
        }
        Cell c = pane.cellProperty().get();
        if (c == null) {
            return;
        }
        w.statusBar().say("Computing the saliency map of " + c.label() + "…");
        Background.logFailure(
                CompletableFuture.supplyAsync(() -> {
                            try {
                                var detector = w.workspace().detectors().detector();
                                DetectionResult r = detector.detect(c.storedImage(), true);
                                return SaliencyOverlay.of(
                                        r, detector.info().anchors().stride());
                            } catch (Exception e) {
                                throw new IllegalStateException(e.getMessage(), e);
                            }
                        })
                        .whenComplete((img, err) -> Platform.runLater(() -> {
                            Cell now = pane.cellProperty().get();
                            if (err != null) {
                                LOG.log(System.Logger.Level.WARNING, "no saliency map for cell " + c.id(), err);
                                w.statusBar().say("No saliency map: " + CellPane.rootMessage(err));
                            } else if (now != null && now.id() == c.id()) {
                                pane.showOverlay(img);
                                w.statusBar()
                                        .say("Saliency: skeleton cyan, edges yellow, crossings magenta (G hides it)");
                            }
                        })),
                SaliencyAction.class,
                "saliency map of cell " + c.id());
    }
}
