package org.karyo.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.karyo.app.store.CaseRecord;
import org.karyo.app.store.CaseStore;
import org.karyo.app.store.Cell;
import org.karyo.app.store.DetectionRun;
import org.karyo.app.store.Patient;
import org.karyo.core.groundtruth.AnnotationFileException;
import org.karyo.core.groundtruth.GroundTruthImage;
import org.karyo.core.groundtruth.GroundTruthObject;
import org.karyo.core.groundtruth.LabelMeReader;
import org.karyo.core.image.OpenCv;
import org.karyo.inference.detect.Detection;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfInt;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * A large case for measuring the review window: the demo cells scaled up to a camera-sized
 * frame (e.g. 3200x2200) with sensor-like noise (so PNG decoding costs what a real image costs),
 * their annotated chromosomes stored as detections (about 46 boxes per cell).
 */
public final class BenchCase {

    private BenchCase() {}

    /** Creates the case in {@code store}; image files are written to {@code scratch} first. */
    public static long create(CaseStore store, Path demoDir, int cells, int width, int height, Path scratch)
            throws IOException {
        OpenCv.ensureLoaded();
        List<GroundTruthImage> demo;
        try {
            demo = LabelMeReader.read(demoDir).images().stream()
                    .filter(GroundTruthImage::imageAvailable)
                    .toList();
        } catch (AnnotationFileException e) {
            throw new IOException("cannot read the demo case " + demoDir + ": " + e.getMessage(), e);
        }
        if (demo.isEmpty()) {
            throw new IOException("no annotated images in " + demoDir);
        }
        Files.createDirectories(scratch);
        Patient p = store.patients().create("BENCH-" + System.nanoTime(), "Benchmark patient", null, null);
        // a lab server keeps the cases of earlier runs: a new accession each time there
        String accession = store.cases().findByAccession("BENCH-" + cells).isEmpty()
                ? "BENCH-" + cells
                : "BENCH-" + cells + "-" + System.currentTimeMillis();
        CaseRecord c = store.cases().create(p.id(), accession, "Peripheral blood", "benchmark", null, null, null, null);
        for (int i = 0; i < cells; i++) {
            GroundTruthImage src = demo.get(i % demo.size());
            Path file = scratch.resolve(String.format("bench-%03d.png", i + 1));
            double scale = Math.min((double) width / src.width(), (double) height / src.height());
            int ox = (width - (int) Math.round(src.width() * scale)) / 2;
            int oy = (height - (int) Math.round(src.height() * scale)) / 2;
            writeScaled(src.imagePath(), file, width, height, scale, ox, oy, i);
            Cell cell = store.cells().importImage(c.id(), file);
            List<Detection> boxes = new ArrayList<>();
            int k = 0;
            for (GroundTruthObject o : src.objects()) {
                // spread scores over 0.60-0.99 so some boxes are drawn as low-confidence
                double score = 0.60 + 0.01 * ((k++ * 37) % 40);
                boxes.add(new Detection(o.box().scaled(scale).translated(ox, oy), score));
            }
            store.boxes()
                    .replaceWithDetections(
                            cell.id(),
                            new DetectionRun(0, cell.id(), "bench-fixture", "0", "none", Instant.now(), boxes.size()),
                            boxes);
        }
        return c.id();
    }

    private static void writeScaled(Path src, Path out, int width, int height, double scale, int x, int y, int seed)
            throws IOException {
        Mat grey = Imgcodecs.imread(src.toString(), Imgcodecs.IMREAD_GRAYSCALE);
        Mat big = new Mat(), canvas = new Mat(height, width, grey.type(), new Scalar(235));
        Mat noise = new Mat(height, width, org.opencv.core.CvType.CV_8SC1);
        try {
            if (grey.empty()) {
                throw new IOException("cannot read " + src);
            }
            Imgproc.resize(
                    grey,
                    big,
                    new Size(Math.round(grey.cols() * scale), Math.round(grey.rows() * scale)),
                    0,
                    0,
                    Imgproc.INTER_CUBIC);
            big.copyTo(canvas.submat(y, y + big.rows(), x, x + big.cols()));
            Core.setRNGSeed(seed);
            Core.randn(noise, 0, 4);
            Core.add(canvas, noise, canvas, new Mat(), canvas.type());
            if (!Imgcodecs.imwrite(out.toString(), canvas, new MatOfInt(Imgcodecs.IMWRITE_PNG_COMPRESSION, 3))) {
                throw new IOException("cannot write " + out);
            }
        } finally {
            grey.release();
            big.release();
            canvas.release();
            noise.release();
        }
    }
}
