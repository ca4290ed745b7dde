package org.karyo.inference.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.core.SharedData;
import org.karyo.inference.ModelFixtures;
import org.karyo.inference.onnx.DeepChmModel;

class TestDetector {

    @TempDir
    Path tmp;

    @Test
    void oneDetectorServesManyImagesFromSeveralThreadsWithTheSameResults() throws Exception {
        Path dir = SharedData.dir("real/cabinh-case-8129A/a");
        List<Path> images;
        try (Stream<Path> s = Files.list(dir)) {
            images = s.sorted().limit(6).toList();
        }
        DeepChmModel model = DeepChmModel.open(ModelFixtures.copy(ModelFixtures.TINY, tmp), false);
        try (Detector d =
                new Detector(model, model.info().thresholds().withLoc(0.01).withScore(0.02))) {
            List<DetectionResult> sequential = new ArrayList<>();
            for (Path p : images) {
                sequential.add(d.detect(p));
            }
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Future<DetectionResult>> futures = new ArrayList<>();
                for (Path p : images) {
                    futures.add(pool.submit(() -> d.detect(p)));
                }
                for (int i = 0; i < images.size(); i++) {
                    DetectionResult a = sequential.get(i), b = futures.get(i).get();
                    assertEquals(a.detections(), b.detections(), images.get(i).toString());
                }
            } finally {
                pool.shutdown();
            }
            DetectionResult r = sequential.get(0);
            assertEquals(693, r.imageWidth());
            assertTrue(r.count() > 0);
            assertNull(r.maps(), "maps only on request");
            assertNotNull(d.detect(images.get(0), true).maps());
            assertTrue(r.timings().model() > 0
                    && r.timings().total() >= r.timings().model());
            // boxes come back in original-image pixels: the height limits, 553/128
            assertEquals(553.0 / 128, 1 / r.letterbox().scale(), 1e-9);
        }
    }
}
