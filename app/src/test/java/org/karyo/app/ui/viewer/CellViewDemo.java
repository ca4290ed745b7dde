package org.karyo.app.ui.viewer;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.karyo.app.review.EditKind;
import org.karyo.core.geometry.RotatedBox;
import org.karyo.core.groundtruth.GroundTruthImage;
import org.karyo.core.groundtruth.LabelMeReader;

/**
 * Opens a CellView on a demo cell with its annotated boxes (scores made up, so some show as low
 * confidence, one as user-drawn). Edits are applied as an owner would. With {@code --snapshot FILE}
 * it writes a PNG of the window and exits (works headless under Monocle or under Xvfb).
 *
 * <pre>java -cp ... org.karyo.app.ui.viewer.CellViewDemo [assets/demo/DEMO-0001/cell-01.json] [--snapshot out.png]</pre>
 */
public final class CellViewDemo {

    private CellViewDemo() {}

    public static void main(String[] args) {
        // launched through a nested class: a main class extending Application needs the JavaFX modules
        Application.launch(App.class, args);
    }

    /** The demo window. */
    public static final class App extends Application {

        private final List<ViewBox> boxes = new ArrayList<>();
        private long nextId;

        @Override
        public void start(Stage stage) throws Exception {
            List<String> args = getParameters().getRaw();
            Path json = Path.of(args.stream()
                    .filter(a -> a.endsWith(".json"))
                    .findFirst()
                    .orElse("assets/demo/DEMO-0001/cell-01.json"));
            int snap = args.indexOf("--snapshot");
            GroundTruthImage gt = LabelMeReader.readFile(json, "demo", new ArrayList<>());
            CellView view = new CellView();
            try (var in = Files.newInputStream(gt.imagePath())) {
                view.setImage(new Image(in));
            }
            for (var o : gt.objects()) {
                long id = nextId++;
                // made-up scores: every seventh box low, the last one drawn by a user
                double score = id % 7 == 3 ? 0.35 : 0.8 + 0.19 * ((id * 37) % 10) / 10;
                boxes.add(new ViewBox(id, o.box(), id == gt.objects().size() - 1 ? Double.NaN : score));
            }
            view.setBoxes(boxes);
            view.showScoresProperty().set(true);
            view.getSelection().add(5L);
            view.setEditHandler(new BoxEditHandler() {
                @Override
                public void add(RotatedBox box) {
                    boxes.add(ViewBox.user(nextId++, box));
                    view.setBoxes(boxes);
                }

                @Override
                public void change(Map<Long, RotatedBox> after, EditKind kind) {
                    boxes.replaceAll(
                            b -> after.containsKey(b.id()) ? new ViewBox(b.id(), after.get(b.id()), b.score()) : b);
                    view.setBoxes(boxes);
                }

                @Override
                public void delete(Set<Long> ids) {
                    boxes.removeIf(b -> ids.contains(b.id()));
                    view.setBoxes(boxes);
                }
            });
            stage.setTitle("CellView demo - " + json.getFileName());
            stage.setScene(new Scene(view, 900, 700));
            stage.show();
            view.requestFocus();
            // frame the spread rather than the whole (mostly empty) slide
            double x0 =
                    boxes.stream().mapToDouble(b -> b.box().bounds().x1()).min().orElse(0);
            double x1 =
                    boxes.stream().mapToDouble(b -> b.box().bounds().x2()).max().orElse(1);
            double y0 =
                    boxes.stream().mapToDouble(b -> b.box().bounds().y1()).min().orElse(0);
            double y1 =
                    boxes.stream().mapToDouble(b -> b.box().bounds().y2()).max().orElse(1);
            view.setViewState(
                    new ViewState(0.9 * Math.min(900 / (x1 - x0), 700 / (y1 - y0)), (x0 + x1) / 2, (y0 + y1) / 2));
            System.out.println(CellView.shortcutsHelp());
            if (snap >= 0) {
                File out = new File(args.get(snap + 1));
                // two pulses: layout and fit, then the box layer's deferred paint
                Platform.runLater(() -> Platform.runLater(() -> {
                    try {
                        ImageIO.write(SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null), "png", out);
                        System.out.println("wrote " + out);
                    } catch (Exception e) {
                        System.err.println("cannot write " + out + ": " + e);
                    }
                    Platform.exit();
                }));
            }
        }
    }
}
