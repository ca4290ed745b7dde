package org.karyo.app.ui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.karyo.app.Workspace;
import org.karyo.app.detect.CaseDetection;
import org.karyo.app.review.CellEditor;
import org.karyo.app.store.CaseRecord;
import org.karyo.app.store.Cell;
import org.karyo.app.store.Patient;
import org.karyo.core.geometry.RotatedBox;

/**
 * Takes the README's screenshots of the review window: the demo case detected with the bundled
 * model, a few reviewed cells, one excluded, one box drawn by hand. Run under Xvfb:
 * <pre>xvfb-run -s "-screen 0 1700x1100x24" java -cp ... org.karyo.app.ui.Screenshots docs/images</pre>
 */
public final class Screenshots {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/images").toAbsolutePath();
        Path home = Path.of(System.getProperty("karyo.home", ".")).toAbsolutePath();
        Path data = Files.createTempDirectory("karyo-shots");
        System.setProperty("karyo.data", data.toString());
        Workspace ws = Workspace.open(data, "dr.lee", null, true);
        Patient p =
                ws.store().patients().create("DEMO-0001", "Demo, Patient", java.time.LocalDate.of(1990, 5, 17), "male");
        CaseRecord c = ws.store()
                .cases()
                .create(
                        p.id(),
                        "CYT-26-0001",
                        "Peripheral blood",
                        "Recurrent miscarriage",
                        "PHA 72 h",
                        "550",
                        java.time.LocalDate.of(2026, 11, 2),
                        java.time.LocalDate.of(2026, 11, 3));
        List<Path> files;
        try (Stream<Path> s = Files.list(home.resolve("assets/demo/DEMO-0001"))) {
            files = s.filter(f -> f.toString().endsWith(".png")).sorted().toList();
        }
        for (Path f : files) {
            ws.store().cells().importImage(c.id(), f);
        }
        List<Cell> cells = ws.store().cells().list(c.id());
        CaseDetection.run(
                ws.store(),
                ws.detectors(),
                cells,
                false,
                new CaseDetection.Listener() {
                    @Override
                    public void cellDone(Cell cell, int count, int done, int total) {
                        System.out.println("detected " + cell.label() + ": " + count);
                    }

                    @Override
                    public void cellFailed(Cell cell, String message, int done, int total) {
                        System.out.println(cell.label() + ": " + message);
                    }
                },
                () -> false);
        for (int i = 0; i < 6; i++) {
            ws.store().cells().markReviewed(cells.get(i).id());
        }
        ws.store().cells().exclude(cells.get(7).id(), "overlapping nucleus hides chromosomes");
        CellEditor.open(ws.store(), cells.get(2).id()).add(RotatedBox.of(100, 480, 40, 9, 20));

        ReviewBenchmark.startFx();
        MainWindow[] w = new MainWindow[1];
        Stage[] stage = new Stage[1];
        ReviewBenchmark.onFx(() -> {
            stage[0] = new Stage();
            w[0] = KaryoApplication.show(stage[0], ws, 1600, 1000);
            w[0].model().open(c.id());
            w[0].select(2);
        });
        settle(w[0], 2);
        snap(stage[0], out.resolve("review-window.png"));

        ReviewBenchmark.onFx(() -> {
            var view = w[0].cellPane().view();
            var boxes = view.getBoxes();
            var b = boxes.get(boxes.size() / 2).box();
            view.getSelection().add(boxes.get(boxes.size() / 2).id());
            view.setViewState(new org.karyo.app.ui.viewer.ViewState(3.0, b.cx(), b.cy()));
            view.showScoresProperty().set(true);
        });
        settle(w[0], 2);
        snap(stage[0], out.resolve("review-zoom.png"));

        ReviewBenchmark.onFx(() -> {
            w[0].cellPane().view().showScoresProperty().set(false);
            w[0].cellPane().view().fit();
            w[0].help().toggle();
        });
        settle(w[0], 2);
        snap(stage[0], out.resolve("review-help.png"));
        ReviewBenchmark.onFx(() -> w[0].help().toggle());

        ReviewBenchmark.onFx(() -> new SaliencyAction(w[0]).toggle());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (ReviewBenchmark.onFxGet(
                        () -> w[0].cellPane().view().overlayProperty().get() == null)
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        settle(w[0], 2);
        snap(stage[0], out.resolve("review-saliency.png"));
        ReviewBenchmark.onFx(() -> {
            w[0].shutdown();
            stage[0].close();
        });
        ws.close();
        ReviewBenchmark.stopFx();
        System.exit(0);
    }

    private static void settle(MainWindow w, int cell) throws Exception {
        long id = ReviewBenchmark.onFxGet(() -> w.model().cells().get(cell).id());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!ReviewBenchmark.onFxGet(() -> w.cellPane().isShowingImageOf(id)) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(1500); // thumbnails decode in the background
    }

    private static void snap(Stage stage, Path file) throws Exception {
        WritableImage img = ReviewBenchmark.onFxGet(() -> stage.getScene().snapshot(null));
        Files.createDirectories(file.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", new File(file.toString()));
        System.out.println("wrote " + file);
    }
}
