package org.karyo.app.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.karyo.app.review.Uncertainty;
import org.karyo.app.store.Box;
import org.karyo.app.store.BoxOrigin;
import org.karyo.app.store.Suggestions;
import org.karyo.inference.detect.Detection;
import org.karyo.inference.detect.DetectionResult;
import org.karyo.inference.detect.Detector;
import org.karyo.inference.model.ModelLocator;
import org.karyo.inference.onnx.DeepChmModel;

/**
 * The suggestion band with the bundled model: one pass at the lowered threshold keeps exactly the
 * boxes of a pass at the operating threshold (so suggestions never change a count), and the
 * uncertainty cue fires on the real CabinH cells the detector gets wrong.
 */
class TestSuggestionBand {

    static final Path HOME =
            Path.of(System.getProperty("karyo.home", "..")).toAbsolutePath().normalize();
    static final Path CABINH =
            HOME.resolve("../shared/data/real/cabinh-case-8129A").normalize();

    private static DeepChmModel model;
    private static Detector operating;

    @BeforeAll
    static void open() throws Exception {
        model = DeepChmModel.open(HOME.resolve(ModelLocator.BUNDLED), false);
        operating = Detector.of(model);
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    @Test
    void theCountIsTheOperatingDetectorsAndSuggestionsLieBelowItsThresholdOffTheKeptBoxes() throws Exception {
        double t = operating.thresholds().score();
        int suggested = 0;
        for (String name : List.of("cell-01.png", "cell-07.png", "cell-04.png")) {
            Path img = HOME.resolve("assets/demo/DEMO-0001").resolve(name);
            List<Detection> normal = operating.detect(img).detections();
            SuggestionBand.Split split = SuggestionBand.of(operating, operating.detect(img, true));
            assertEquals(normal.size(), split.kept().size(), name + ": suggestions never change the count");
            for (int i = 0; i < normal.size(); i++) {
                assertEquals(normal.get(i).box().cx(), split.kept().get(i).box().cx(), 1e-6, name + " box " + i);
            }
            for (Detection d : split.suggested()) {
                assertTrue(d.score() < t && d.score() >= t - SuggestionBand.BAND - 1e-9, name + ": " + d.score());
                assertTrue(
                        split.kept().stream()
                                .allMatch(k -> org.karyo.core.geometry.SkewIou.iou(k.box(), d.box())
                                        <= SuggestionBand.OVERLAP),
                        name + ": a suggestion on a kept box");
            }
            suggested += split.suggested().size();
        }
        assertTrue(suggested > 0, "the band finds candidates on the demo cells");
        // without the maps (a detection that did not keep them) there is nothing to suggest
        Path img = HOME.resolve("assets/demo/DEMO-0001/cell-01.png");
        assertEquals(
                List.of(), SuggestionBand.of(operating, operating.detect(img)).suggested());
    }

    /**
     * On the 10 CabinH cells (counts.csv, karyogram counts): every cell the detector miscounts by 2
     * or more is flagged (uncertainty > 0), with the flags printed for docs/performance.md. A cell
     * off by one may go unflagged (model 1.4.1: 8129A.001, 45 for 46, nothing within the band), and
     * correct cells are flagged too: the score counts places to look, it is not a verdict.
     */
    @Test
    void theCueFiresOnTheCabinhCellsTheDetectorGetsWrong() throws Exception {
        assumeTrue(Files.isRegularFile(CABINH.resolve("counts.csv")), "CabinH cells not found at " + CABINH);
        Map<String, Integer> truth = new TreeMap<>();
        for (String line : Files.readAllLines(CABINH.resolve("counts.csv")).stream()
                .skip(1)
                .filter(l -> !l.isBlank())
                .toList()) {
            String[] f = line.split(",", -1);
            truth.put(f[0], Integer.parseInt(f[1]));
        }
        double t = operating.thresholds().score();
        List<String> missed = new ArrayList<>();
        int wrong = 0, flaggedWrong = 0, right = 0, flaggedRight = 0;
        System.out.println(
                "model " + operating.info().label() + ", T_score " + t + ", skeleton rule " + operating.skeletonRule());
        System.out.println("cell | karyogram | detected | error | flags | suggestions | shared | large | small | near");
        for (Map.Entry<String, Integer> e : truth.entrySet()) {
            DetectionResult r = operating.detect(CABINH.resolve("a").resolve(e.getKey()), true);
            SuggestionBand.Split split = SuggestionBand.of(operating, r);
            List<Box> boxes = new ArrayList<>();
            long id = 1;
            for (Detection d : split.kept()) {
                boxes.add(new Box(id++, 1, d.box(), d.score(), BoxOrigin.DETECTED, 1L, 0L));
            }
            List<Suggestions.Suggestion> sugg = new ArrayList<>();
            for (Detection d : split.suggested()) {
                sugg.add(new Suggestions.Suggestion(id++, 1, d.box(), d.score(), null));
            }
            Uncertainty u = Uncertainty.of(boxes, sugg, t);
            int error = split.kept().size() - e.getValue();
            Map<Uncertainty.Reason, Long> by = new TreeMap<>();
            u.flags().forEach(f -> by.merge(f.reason(), 1L, Long::sum));
            System.out.printf(
                    "%s | %d | %d | %+d | %d | %d | %d | %d | %d | %d%n",
                    e.getKey(),
                    e.getValue(),
                    split.kept().size(),
                    error,
                    u.score(),
                    by.getOrDefault(Uncertainty.Reason.SUGGESTED, 0L),
                    by.getOrDefault(Uncertainty.Reason.SHARED_CHROMOSOME, 0L),
                    by.getOrDefault(Uncertainty.Reason.LARGE, 0L),
                    by.getOrDefault(Uncertainty.Reason.SMALL, 0L),
                    by.getOrDefault(Uncertainty.Reason.NEAR_THRESHOLD, 0L));
            if (Math.abs(error) >= 2) {
                wrong++;
                if (u.score() > 0) {
                    flaggedWrong++;
                } else {
                    missed.add(e.getKey() + " (" + error + ")");
                }
            } else {
                right++;
                flaggedRight += u.score() > 0 ? 1 : 0;
            }
        }
        System.out.printf(
                "miscounted by 2 or more: %d, flagged %d; within 1: %d, flagged %d%n",
                wrong, flaggedWrong, right, flaggedRight);
        assertTrue(wrong > 0, "the detector gets some CabinH cells wrong (model card): nothing to test otherwise");
        assertEquals(List.of(), missed, "miscounted cells without a cue");
    }
}
