package org.karyo.app.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.karyo.annotation.io.CocoIo;
import org.karyo.annotation.io.LabelMeDocument;
import org.karyo.annotation.io.LabelMeIo;
import org.karyo.annotation.truth.GroundTruth;
import org.karyo.core.groundtruth.AnnotationFileException;
import org.karyo.core.groundtruth.CocoReader;
import org.karyo.core.groundtruth.GroundTruthImage;
import org.karyo.core.groundtruth.GroundTruthSet;
import org.karyo.core.groundtruth.LabelMeReader;
import org.karyo.core.groundtruth.YoloReader;

/**
 * Mutated annotation files through every reader: LabelMe (the evaluation reader and the
 * annotation reader, then ground truth rasterised from it), COCO (both readers) and YOLO label
 * files. JSON is mutated in its tree (values replaced by extremes: 1e308, 2^32, negative, NaN as
 * text, null, a path out of the dataset, a NUL in a path; keys removed; arrays emptied or
 * replaced; a polygon of 300,000 points) and as text (cut, bytes flipped). An image read from
 * outside the dataset counts as a failure.
 */
final class AnnotationFuzz {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A 300,000-point polygon takes 2-8 s to read alone and up to 30 s on a loaded 2-core machine: no hang. */
    static final double LIMIT_SECONDS = 60;

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private AnnotationFuzz() {}

    static FuzzTally run(Path demoDir, int count, long seed, Path dir) throws IOException, AnnotationFileException {
        Files.createDirectories(dir);
        Random r = new Random(seed);
        FuzzTally tally = new FuzzTally("annotation files");
        Path labelMeSeed = demoDir.resolve("cell-01.json");
        Files.copy(demoDir.resolve("cell-01.png"), dir.resolve("cell-01.png"));
        Path cocoSeed = dir.resolve("seed-coco.json");
        CocoIo.write(
                List.of(LabelMeIo.read(copy(labelMeSeed, dir.resolve("seed-labelme.json")))
                        .annotation()),
                cocoSeed);
        Path yolo = dir.resolve("yolo");
        Files.createDirectories(yolo.resolve("images"));
        Files.createDirectories(yolo.resolve("labels"));
        Files.copy(demoDir.resolve("cell-01.png"), yolo.resolve("images/cell-01.png"));
        String yoloSeed = "0 0.5 0.5 0.02 0.05\n0 0.25 0.3 0.03 0.04\n0 0.7 0.6 0.02 0.06\n";
        for (int i = 0; i < count; i++) {
            int kind = i % 3;
            String mutation;
            if (kind == 2) {
                mutation = "yolo-" + (r.nextBoolean() ? "text" : "values");
                String text = mutation.endsWith("text")
                        ? new String(
                                textMutation(yoloSeed.getBytes(StandardCharsets.ISO_8859_1), r),
                                StandardCharsets.ISO_8859_1)
                        : yoloValues(yoloSeed, r);
                Path label = Files.writeString(yolo.resolve("labels/cell-01.txt"), text, StandardCharsets.ISO_8859_1);
                tally.probe(label, mutation, false, LIMIT_SECONDS, AnnotationFuzz::isRefusal, f -> {
                    YoloReader.read(yolo);
                    return null;
                });
                continue;
            }
            Path seedFile = kind == 0 ? labelMeSeed : cocoSeed;
            byte[] out;
            if (r.nextInt(4) == 0) {
                mutation = "text";
                out = textMutation(Files.readAllBytes(seedFile), r);
            } else {
                JsonNode root = JSON.readTree(seedFile.toFile());
                mutation = treeMutation(root, r);
                out = JSON.writeValueAsBytes(root);
            }
            mutation = (kind == 0 ? "labelme-" : "coco-") + mutation;
            Path f = Files.write(dir.resolve(String.format("ann-%05d-%s.json", i, mutation)), out);
            if (kind == 0) {
                tally.probe(f, mutation, false, LIMIT_SECONDS, AnnotationFuzz::isRefusal, file -> {
                    GroundTruthImage g = LabelMeReader.readFile(file, "x", new ArrayList<>());
                    checkInside(g.imagePath(), dir);
                    LabelMeDocument d = LabelMeIo.read(file);
                    checkInside(d.annotation().image(), dir);
                    GroundTruth.of(d.annotation());
                    return null;
                });
            } else {
                tally.probe(f, mutation, false, LIMIT_SECONDS, AnnotationFuzz::isRefusal, file -> {
                    GroundTruthSet s = CocoReader.read(file, dir);
                    for (GroundTruthImage g : s.images()) {
                        checkInside(g.imagePath(), dir);
                    }
                    CocoIo.read(file).images().forEach(a -> checkInside(a.image(), dir));
                    return null;
                });
            }
        }
        return tally;
    }

    static boolean isRefusal(Throwable t) {
        return t instanceof AnnotationFileException;
    }

    private static Path copy(Path from, Path to) throws IOException {
        return Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** An accepted file must not have led the reader outside the dataset folder. */
    private static void checkInside(Path image, Path dataset) {
        if (image != null
                && !image.toAbsolutePath()
                        .normalize()
                        .startsWith(dataset.toAbsolutePath().getParent())) {
            throw new IllegalStateException("image resolved outside the dataset: " + image);
        }
    }

    static byte[] textMutation(byte[] b, Random r) {
        byte[] c = r.nextBoolean() ? java.util.Arrays.copyOf(b, r.nextInt(b.length)) : b.clone();
        for (int k = r.nextInt(8); k > 0 && c.length > 0; k--) {
            c[r.nextInt(c.length)] = (byte) r.nextInt(256);
        }
        return c;
    }

    private static String yoloValues(String seed, Random r) {
        String[] extremes = {"1e308", "-1e308", "NaN", "Infinity", "-0.5", "4294967296", "0", "", "x", "1 2 3 4 5 6 7"};
        StringBuilder sb = new StringBuilder();
        for (String line : seed.lines().toList()) {
            String[] v = line.split(" ");
            v[r.nextInt(v.length)] = extremes[r.nextInt(extremes.length)];
            sb.append(String.join(" ", v)).append('\n');
        }
        return sb.toString();
    }

    static final JsonNode[] EXTREMES = {
        F.numberNode(1e308),
        F.numberNode(-1e308),
        F.numberNode(4294967296L),
        F.numberNode(-1),
        F.numberNode(0),
        F.textNode("NaN"),
        F.nullNode(),
        F.textNode(""),
        F.textNode("../../../../etc/passwd"),
        F.textNode("a\u0000b.png"),
        F.objectNode(),
        F.arrayNode(),
        F.booleanNode(true),
        F.numberNode(2147483648L),
        F.textNode("/etc/passwd"),
        F.numberNode(1e-320)
    };

    /** One or a few changes to the tree; returns their names. */
    static String treeMutation(JsonNode root, Random r) {
        int n = 1 + r.nextInt(3);
        StringBuilder what = new StringBuilder();
        for (int k = 0; k < n; k++) {
            List<JsonNode[]> slots = new ArrayList<>(); // {parent, key-or-index as text node}
            collect(root, slots);
            if (slots.isEmpty()) {
                break;
            }
            JsonNode[] s = slots.get(r.nextInt(slots.size()));
            int op = r.nextInt(10);
            String w;
            if (op == 0 && s[0].isObject()) {
                ((ObjectNode) s[0]).remove(s[1].asText());
                w = "remove";
            } else if (op == 1 && r.nextInt(20) == 0) {
                set(s, bigPolygon());
                w = "huge-polygon";
            } else if (op == 2) {
                set(
                        s,
                        F.arrayNode()
                                .add(F.arrayNode().add(1e308).add(5))
                                .add(F.arrayNode().add(3)));
                w = "bad-points";
            } else {
                set(s, EXTREMES[r.nextInt(EXTREMES.length)]);
                w = "value";
            }
            what.append(k > 0 ? "+" : "").append(w);
        }
        return what.toString();
    }

    private static ArrayNode bigPolygon() {
        ArrayNode pts = F.arrayNode();
        int n = 300_000;
        for (int i = 0; i < n; i++) {
            double t = 2 * Math.PI * i / n;
            pts.add(F.arrayNode().add(350 + 200 * Math.cos(t)).add(275 + 40 * Math.sin(t)));
        }
        return pts;
    }

    private static void set(JsonNode[] slot, JsonNode value) {
        if (slot[0] instanceof ObjectNode o) {
            o.set(slot[1].asText(), value.deepCopy());
        } else if (slot[0] instanceof ArrayNode a) {
            a.set(slot[1].asInt(), value.deepCopy());
        }
    }

    private static void collect(JsonNode node, List<JsonNode[]> out) {
        if (node.isObject()) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!k.equals("imageData")) {
                    out.add(new JsonNode[] {node, F.textNode(k)});
                    collect(node.get(k), out);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.add(new JsonNode[] {node, F.numberNode(i)});
                collect(node.get(i), out);
            }
        }
    }
}
