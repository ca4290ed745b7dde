package org.karyo.annotation.truth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.karyo.annotation.AnnotatedImage;
import org.karyo.annotation.ChromosomeLabel;
import org.karyo.annotation.InstancePolygon;
import org.karyo.annotation.Python;
import org.karyo.annotation.Shapes;
import org.karyo.annotation.io.LabelMeIo;
import org.karyo.annotation.mask.BinaryMask;
import org.karyo.annotation.mask.Pixel;

class TestGroundTruth {

    private static final int W = 200, H = 150;

    @TempDir
    Path tmp;

    private static List<InstancePolygon> scene() {
        return List.of(
                Shapes.capsule(1, 80, 70, 110, 20, 15),
                Shapes.capsule(2, 85, 72, 90, 18, 100), // crosses 1
                Shapes.capsule(3, 170, 120, 40, 14, 60), // alone
                InstancePolygon.ofFlat(4, ChromosomeLabel.C21, 20, 130, 21.5, 130, 21.5, 131.5, 20, 131.5)); // 2x2 blob
    }

    @Test
    void boxesSkeletonsAndCrossings() {
        List<InstancePolygon> polys = scene();
        GroundTruth gt = GroundTruth.of(AnnotatedImage.of(null, W, H, polys));
        assertEquals(4, gt.instances().size());
        for (int i = 0; i < 3; i++) {
            InstanceTruth t = gt.instances().get(i);
            assertEquals(polys.get(i).id(), t.id());
            assertEquals(polys.get(i).minAreaRect(), t.box());
            assertFalse(t.skeleton().isEmpty());
            assertTrue(t.skeleton().size() < t.mask().count() / 5, "a skeleton is thin");
            assertTrue(t.skeleton().stream().allMatch(p -> t.mask().get(p.x(), p.y())));
        }
        assertTrue(gt.instances().get(0).crossing() && gt.instances().get(1).crossing());
        assertFalse(gt.instances().get(2).crossing());
        assertFalse(gt.instances().get(0).meetingPixels().isEmpty());
        // The crossing region is exactly the pixels both masks cover.
        BinaryMask a = gt.instances().get(0).mask(), b = gt.instances().get(1).mask();
        assertEquals(a.intersectionCount(b), gt.crossingPixels().size());
        assertTrue(gt.crossingPixels().size() > 200);
        assertTrue(gt.crossingPixels().stream().allMatch(p -> a.get(p.x(), p.y()) && b.get(p.x(), p.y())));
        // Zhang-Suen erases the 2x2 blob; the pixel nearest its centre stands in.
        assertEquals(1, gt.instances().get(3).skeleton().size());
    }

    /** Same derivations as the trainer (targets.py): masks, skeletons, boxes, crossing flags. */
    @Test
    void matchesTheTrainerPixelForPixel() throws Exception {
        Python.assumeModules("numpy", "deepchm.model.targets");
        List<InstancePolygon> polys = scene();
        Path json = tmp.resolve("scene.json");
        LabelMeIo.write(AnnotatedImage.of(null, W, H, polys), json);
        String code =
                """
                import json, sys
                import numpy as np
                from deepchm.model import targets as t
                d = json.load(open(sys.argv[1]))
                h, w = d["imageHeight"], d["imageWidth"]
                polys = [np.array(s["points"], dtype=np.float64) for s in d["shapes"]]
                masks = [t._mask(p, h, w) for p in polys]
                thins = t._thin_all([m for m, _ in masks])
                skels = [t._instance(p, m, th, off, h, w)[0] for p, (m, off), th in zip(polys, masks, thins)]
                tg = t.build_targets(polys, h, w)
                print(json.dumps({"skeletons": [s.tolist() for s in skels], "masks": [int(m.sum()) for m, _ in masks],
                                  "crossing": tg.crossing.tolist(), "boxes": tg.boxes.tolist()}))
                """;
        Python.Result r = Python.run(code, json.toString());
        assertEquals(0, r.exit(), r.output());
        JsonNode py = new ObjectMapper().readTree(r.output());
        GroundTruth gt = GroundTruth.of(AnnotatedImage.of(null, W, H, polys));
        for (int i = 0; i < polys.size(); i++) {
            InstanceTruth t = gt.instances().get(i);
            Set<String> java = new TreeSet<>(), python = new TreeSet<>();
            for (Pixel p : t.skeleton()) {
                java.add(p.y() + "," + p.x());
            }
            py.get("skeletons")
                    .get(i)
                    .forEach(
                            rc -> python.add(rc.get(0).asInt() + "," + rc.get(1).asInt()));
            assertEquals(python, java, "skeleton of instance " + i);
            assertEquals(py.get("masks").get(i).asInt(), t.mask().count(), "mask of instance " + i);
            assertEquals(py.get("crossing").get(i).asBoolean(), t.crossing(), "crossing flag of instance " + i);
            JsonNode box = py.get("boxes").get(i);
            assertEquals(box.get(0).asDouble(), t.box().cx(), 1e-3);
            assertEquals(box.get(1).asDouble(), t.box().cy(), 1e-3);
            assertEquals(box.get(2).asDouble(), t.box().w(), 1e-3);
            assertEquals(box.get(3).asDouble(), t.box().h(), 1e-3);
        }
    }
}
