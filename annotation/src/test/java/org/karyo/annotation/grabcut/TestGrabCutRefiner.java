package org.karyo.annotation.grabcut;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.karyo.annotation.ChromosomeLabel;
import org.karyo.annotation.InstancePolygon;
import org.karyo.annotation.Shapes;
import org.karyo.annotation.Vertex;
import org.karyo.annotation.mask.BinaryMask;
import org.karyo.annotation.mask.Rasteriser;
import org.karyo.core.geometry.RotatedBox;
import org.opencv.core.Mat;

class TestGrabCutRefiner {

    private static final int W = 320, H = 240;

    private static double iou(InstancePolygon a, InstancePolygon b) {
        return Rasteriser.mask(a, W, H).iou(Rasteriser.mask(b, W, H));
    }

    private static InstancePolygon dilated(
            InstancePolygon capsuleTruth, double cx, double cy, double len, double wid, double angle, double by) {
        return Shapes.capsule(capsuleTruth.id(), cx, cy, len + 2 * by, wid + 2 * by, angle);
    }

    @Test
    void recoversTheTrueMaskFromADilatedOrJitteredOutline() {
        List<InstancePolygon> truth = List.of(
                Shapes.capsule(1, 90, 80, 110, 22, 30),
                Shapes.capsule(2, 220, 150, 80, 18, 100),
                Shapes.capsule(3, 150, 190, 60, 20, 170));
        double[][] params = {{90, 80, 110, 22, 30}, {220, 150, 80, 18, 100}, {150, 190, 60, 20, 170}};
        Mat img = Metaphases.render(W, H, truth, 1);
        Random rnd = new Random(7);
        try {
            for (int i = 0; i < truth.size(); i++) {
                double[] q = params[i];
                InstancePolygon fat = dilated(truth.get(i), q[0], q[1], q[2], q[3], q[4], 5);
                InstancePolygon shaky = Shapes.jittered(truth.get(i), 3, rnd);
                for (InstancePolygon rough : List.of(fat, shaky)) {
                    Refinement r = GrabCutRefiner.refine(img, rough, RefineOptions.defaults());
                    assertTrue(r.refined(), r.message());
                    double iou = iou(r.polygon(), truth.get(i));
                    assertTrue(
                            iou >= 0.9,
                            "instance " + i + " IoU " + iou + " < 0.9 (rough IoU " + iou(rough, truth.get(i)) + ")");
                    assertTrue(iou > iou(rough, truth.get(i)), "refinement did not improve on the rough outline");
                    assertTrue(
                            r.polygon().validate(W, H).isEmpty(),
                            r.polygon().validate(W, H).toString());
                    assertEquals(truth.get(i).id(), r.polygon().id());
                }
            }
        } finally {
            img.release();
        }
    }

    @Test
    void recoversTheTrueMaskFromTheDetectorBox() {
        List<InstancePolygon> truth = List.of(
                Shapes.capsule(1, 80, 70, 100, 22, 40),
                Shapes.capsule(2, 230, 80, 90, 20, 150),
                Shapes.capsule(3, 160, 180, 120, 24, 5));
        Mat img = Metaphases.render(W, H, truth, 2);
        try {
            List<RotatedBox> boxes =
                    truth.stream().map(InstancePolygon::minAreaRect).toList();
            List<Refinement> drafts = GrabCutRefiner.seedFromDetections(img, boxes, RefineOptions.defaults());
            assertEquals(truth.size(), drafts.size());
            for (int i = 0; i < truth.size(); i++) {
                Refinement r = drafts.get(i);
                assertTrue(r.refined(), r.message());
                assertEquals(i + 1, r.polygon().id());
                assertEquals(ChromosomeLabel.CHROMOSOME, r.polygon().label());
                double iou = iou(r.polygon(), truth.get(i));
                assertTrue(iou >= 0.9, "box " + i + " IoU " + iou);
            }
        } finally {
            img.release();
        }
    }

    @Test
    void crossingPairKeepsTheSharedRegionInBoth() {
        InstancePolygon a = Shapes.capsule(1, 160, 120, 150, 22, 20);
        InstancePolygon b = Shapes.capsule(2, 165, 118, 130, 20, 110);
        Mat img = Metaphases.render(W, H, List.of(a, b), 3);
        try {
            BinaryMask shared = sharedRegion(Rasteriser.mask(a, W, H), Rasteriser.mask(b, W, H));
            assertTrue(shared.count() > 200, "the test pair must really cross");
            InstancePolygon roughA = dilated(a, 160, 120, 150, 22, 20, 4);
            InstancePolygon roughB = dilated(b, 165, 118, 130, 20, 110, 4);
            Refinement ra = GrabCutRefiner.refine(img, roughA, RefineOptions.defaults(), List.of(roughB));
            Refinement rb = GrabCutRefiner.refine(img, roughB, RefineOptions.defaults(), List.of(roughA));
            for (Refinement r : List.of(ra, rb)) {
                assertTrue(r.refined(), r.message());
                BinaryMask m = Rasteriser.mask(r.polygon(), W, H);
                double kept = (double) m.intersectionCount(shared) / shared.count();
                assertTrue(
                        kept >= 0.95, "instance " + r.polygon().id() + " keeps only " + kept + " of the shared region");
            }
            assertTrue(iou(ra.polygon(), a) >= 0.9, "A IoU " + iou(ra.polygon(), a));
            assertTrue(iou(rb.polygon(), b) >= 0.9, "B IoU " + iou(rb.polygon(), b));
            // Also straight from the two detector boxes.
            List<Refinement> drafts = GrabCutRefiner.seedFromDetections(
                    img, List.of(a.minAreaRect(), b.minAreaRect()), RefineOptions.defaults());
            for (int i = 0; i < 2; i++) {
                BinaryMask m = Rasteriser.mask(drafts.get(i).polygon(), W, H);
                double kept = (double) m.intersectionCount(shared) / shared.count();
                assertTrue(
                        kept >= 0.95,
                        "box draft " + i + " keeps " + kept + ", "
                                + drafts.get(i).message() + " IoU "
                                + iou(drafts.get(i).polygon(), i == 0 ? a : b));
            }
        } finally {
            img.release();
        }
    }

    private static BinaryMask sharedRegion(BinaryMask a, BinaryMask b) {
        BinaryMask s = new BinaryMask(0, 0, W, H);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                s.set(x, y, a.get(x, y) && b.get(x, y));
            }
        }
        return s;
    }

    @Test
    void toleranceControlsTheNumberOfPoints() {
        InstancePolygon truth = Shapes.capsule(1, 160, 120, 120, 24, 35);
        Mat img = Metaphases.render(W, H, List.of(truth), 4);
        try {
            InstancePolygon rough = dilated(truth, 160, 120, 120, 24, 35, 4);
            int fine = GrabCutRefiner.refine(
                            img, rough, RefineOptions.defaults().withTolerance(0))
                    .polygon()
                    .size();
            int mid = GrabCutRefiner.refine(img, rough, RefineOptions.defaults().withTolerance(1))
                    .polygon()
                    .size();
            int coarse = GrabCutRefiner.refine(
                            img, rough, RefineOptions.defaults().withTolerance(4))
                    .polygon()
                    .size();
            assertTrue(fine > mid && mid > coarse, fine + " / " + mid + " / " + coarse);
        } finally {
            img.release();
        }
    }

    @Test
    void backgroundScribbleCutsAwayWhatItCovers() {
        InstancePolygon truth = Shapes.capsule(1, 160, 120, 140, 22, 0); // x from 90 to 230
        Mat img = Metaphases.render(W, H, List.of(truth), 5);
        try {
            InstancePolygon rough = dilated(truth, 160, 120, 140, 22, 0, 4);
            // A stroke across the chromosome at x = 200: the part right of it is no longer connected.
            Scribble cut = Scribble.background(3, new Vertex(200, 95), new Vertex(200, 145));
            Refinement r =
                    GrabCutRefiner.refine(img, rough, RefineOptions.defaults().withScribbles(List.of(cut)));
            assertTrue(r.refined(), r.message());
            BinaryMask m = Rasteriser.mask(r.polygon(), W, H);
            assertFalse(m.get(200, 120), "scribbled pixel kept");
            assertFalse(m.get(215, 120), "the cut-off end was kept (not the largest component)");
            assertTrue(m.get(150, 120));
        } finally {
            img.release();
        }
    }

    @Test
    void unusableInputKeepsTheOutlineAndSaysWhy() {
        Mat img = Metaphases.render(W, H, List.of(), 6);
        try {
            InstancePolygon twoPoints = InstancePolygon.ofFlat(1, ChromosomeLabel.C1, 10, 10, 20, 20);
            Refinement r = GrabCutRefiner.refine(img, twoPoints, RefineOptions.defaults());
            assertFalse(r.refined());
            assertEquals(twoPoints, r.polygon());
            assertTrue(r.message().contains("3 points"), r.message());

            InstancePolygon outside = InstancePolygon.ofFlat(2, ChromosomeLabel.C1, 500, 500, 520, 500, 520, 520);
            Refinement o = GrabCutRefiner.refine(img, outside, RefineOptions.defaults());
            assertFalse(o.refined());
            assertTrue(o.message().contains("outside"), o.message());

        } finally {
            img.release();
        }
    }
}
