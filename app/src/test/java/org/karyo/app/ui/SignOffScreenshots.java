package org.karyo.app.ui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.karyo.app.Workspace;
import org.karyo.app.report.LaboratorySettings;
import org.karyo.app.store.Box;
import org.karyo.app.store.CaseRecord;
import org.karyo.app.store.Cell;
import org.karyo.core.geometry.SkewIou;
import org.karyo.core.groundtruth.GroundTruthImage;
import org.karyo.core.groundtruth.GroundTruthObject;
import org.karyo.core.groundtruth.LabelMeReader;

/**
 * The README's sign-off screenshots, on the case the command-line walk made
 * ({@code karyo case new/import/detect}): the cues of a cell, the sign-off dialog refusing the
 * unreviewed case, the case after review (scripted: each cell corrected to the demo's annotation,
 * as a careful reviewer would end, then marked reviewed), the dialog ready to sign, and the report
 * preview. Run under Xvfb:
 * <pre>xvfb-run -s "-screen 0 1700x1100x24" java -cp ... org.karyo.app.ui.SignOffScreenshots DATA ACCESSION docs/images</pre>
 */
public final class SignOffScreenshots {

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]).toAbsolutePath();
        String accession = args[1];
        Path out = Path.of(args.length > 2 ? args[2] : "docs/images").toAbsolutePath();
        Path home = Path.of(System.getProperty("karyo.home", ".")).toAbsolutePath();
        System.setProperty("karyo.data", data.toString());
        Workspace ws = Workspace.open(data, System.getProperty("user.name", "user"), null, false);
        CaseRecord c = ws.store().cases().findByAccession(accession).orElseThrow();
        ReviewBenchmark.startFx();
        MainWindow[] w = new MainWindow[1];
        Stage[] stage = new Stage[1];
        ReviewBenchmark.onFx(() -> {
            stage[0] = new Stage();
            w[0] = KaryoApplication.show(stage[0], ws, 1600, 1000);
            w[0].model().open(c.id());
        });
        // the cell with the most places to check, its suggestions shown, N pressed once
        int worst = ReviewBenchmark.onFxGet(() -> {
            var u = w[0].model().uncertainty();
            List<Cell> cells = w[0].model().cells();
            int best = 0;
            for (int i = 0; i < cells.size(); i++) {
                if (u.get(cells.get(i).id()).score()
                        > u.get(cells.get(best).id()).score()) {
                    best = i;
                }
            }
            return best;
        });
        ReviewBenchmark.onFx(() -> w[0].select(worst));
        settle(w[0], worst);
        ReviewBenchmark.onFx(() -> {
            w[0].cellPane().toggleSuggestions();
            w[0].cellPane().nextUncertain();
        });
        settle(w[0], worst);
        snap(stage[0].getScene(), out.resolve("signoff-cues.png"));

        // sign-off before any review: refused, with the reasons
        ReviewBenchmark.onFx(() -> w[0].countPanelForShots().karyotype.setText("46,XY"));
        ReviewBenchmark.onFx(() -> w[0].actions().saveResult("46,XY", "Normal male karyotype."));
        snapDialog(w[0], ws, out.resolve("signoff-blocked.png"), null);

        // the review, scripted: each cell corrected to the demo annotation, then marked reviewed
        Map<String, GroundTruthImage> truth = new java.util.HashMap<>();
        for (GroundTruthImage g :
                LabelMeReader.read(home.resolve("assets/demo/DEMO-0001")).images()) {
            truth.put(g.imagePath().getFileName().toString().toLowerCase(Locale.ROOT), g);
        }
        for (Cell cell : ws.store().cells().list(c.id())) {
            GroundTruthImage g = truth.get(cell.label().toLowerCase(Locale.ROOT));
            if (g != null) {
                correct(ws, cell, g);
            }
            ws.store().cells().markReviewed(cell.id());
        }
        ReviewBenchmark.onFx(() -> w[0].model().reload());
        new LaboratorySettings(
                        "Cytogenetics Laboratory, City Hospital",
                        "1 Hospital Road, Example Town",
                        null,
                        "ISO 15189:2022")
                .write(data);
        snapDialog(w[0], ws, out.resolve("signoff-ready.png"), "Dr Ana Lee");
        ReviewBenchmark.onFx(() -> {
            w[0].model().reload();
            w[0].cellPane().reloadCell();
        });
        settle(w[0], worst);
        snap(stage[0].getScene(), out.resolve("signoff-reviewed.png"));

        ReviewBenchmark.onFx(() -> {
            w[0].shutdown();
            stage[0].close();
        });
        ws.close();
        ReviewBenchmark.stopFx();
        System.exit(0);
    }

    /** Deletes detected boxes that match no annotated chromosome and adds the chromosomes no box matches. */
    private static void correct(Workspace ws, Cell cell, GroundTruthImage g) {
        List<Box> boxes = ws.store().boxes().list(cell.id());
        Set<Long> matched = new HashSet<>();
        List<GroundTruthObject> missing = new ArrayList<>();
        for (GroundTruthObject o : g.objects()) {
            Box best = null;
            double bestIou = 0.3;
            for (Box b : boxes) {
                double iou = SkewIou.iou(o.box(), b.geometry());
                if (!matched.contains(b.id()) && iou > bestIou) {
                    best = b;
                    bestIou = iou;
                }
            }
            if (best == null) {
                missing.add(o);
            } else {
                matched.add(best.id());
            }
        }
        List<Long> extra =
                boxes.stream().map(Box::id).filter(id -> !matched.contains(id)).toList();
        if (!extra.isEmpty()) {
            java.util.Map<Long, Long> versions = new java.util.HashMap<>();
            boxes.forEach(b -> versions.put(b.id(), b.version()));
            ws.store().boxes().delete(extra, versions, "box.delete");
        }
        for (GroundTruthObject o : missing) {
            ws.store().boxes().add(cell.id(), o.box(), "box.add");
        }
    }

    /** The sign-off dialog as the window opens it, snapped, then (with a name) signed. */
    private static void snapDialog(MainWindow w, Workspace ws, Path file, String name) throws Exception {
        SignOffDialog[] d = new SignOffDialog[1];
        ReviewBenchmark.onFx(() -> {
            CaseRecord c = w.model().caseRecord();
            var user = ws.store().users().current();
            d[0] = new SignOffDialog(
                    c,
                    w.model().countTableProperty().get(),
                    c.karyotype(),
                    "male",
                    LaboratorySettings.read(ws.dir()).complete(),
                    user,
                    List.of(),
                    1,
                    List.of());
            if (name != null) {
                d[0].fullName.setText(name);
            }
            d[0].show();
        });
        Thread.sleep(800);
        snap(ReviewBenchmark.onFxGet(() -> d[0].getDialogPane().getScene()), file);
        ReviewBenchmark.onFx(() -> d[0].close());
    }

    private static void settle(MainWindow w, int cell) throws Exception {
        long id = ReviewBenchmark.onFxGet(() -> w.model().cells().get(cell).id());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!ReviewBenchmark.onFxGet(() -> w.cellPane().isShowingImageOf(id)) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(1500);
    }

    private static void snap(Scene scene, Path file) throws Exception {
        WritableImage img = ReviewBenchmark.onFxGet(() -> scene.snapshot(null));
        Files.createDirectories(file.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", new File(file.toString()));
        System.out.println("wrote " + file);
    }
}
