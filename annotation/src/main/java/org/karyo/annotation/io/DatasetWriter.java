package org.karyo.annotation.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.karyo.annotation.AnnotatedImage;
import org.karyo.core.groundtruth.AnnotationFileException;
import org.karyo.core.groundtruth.JsonFiles;

/**
 * Writes a dataset folder the trainer reads directly (docs/training.md, "Dataset folder";
 * training-bridge deepchm/data/labelme.py): per image a LabelMe JSON and a copy of the image beside it,
 * and {@code dataset.json} ({@code karyo-dataset-1}) giving each image's patient, case and split.
 * The split is by patient: whole patients go to validation until about {@code valFraction} of the
 * images are there (seeded, so the same call gives the same split), never all of them.
 * The folder must be new or empty: nothing already there is ever overwritten.
 */
public final class DatasetWriter {

    public static final String MANIFEST = "dataset.json";
    public static final String FORMAT = "karyo-dataset-1";

    /** What was written: the folder, and per split the images and the patients (or cases) in it. */
    public record Summary(
            Path folder, int trainImages, int valImages, Set<String> trainGroups, Set<String> valGroups) {}

    private DatasetWriter() {}

    public static Summary write(Path folder, List<DatasetItem> items, double valFraction, long seed)
            throws AnnotationFileException {
        if (!(valFraction >= 0 && valFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + valFraction);
        }
        checkEmpty(folder);
        for (DatasetItem it : items) {
            Path img = it.annotation().image();
            if (img == null || !Files.isRegularFile(img)) {
                throw new AnnotationFileException(
                        img == null ? folder : img,
                        "image file not found; " + "a dataset needs every image (annotation of " + it.caseId() + ")");
            }
        }
        Map<String, String> side = split(items, valFraction, seed);
        ObjectNode manifest = JsonFiles.MAPPER.createObjectNode();
        manifest.put("format", FORMAT);
        manifest.put("generator", "karyo-annotation");
        manifest.put("seed", seed);
        ArrayNode entries = manifest.putArray("images");
        Set<String> names = new HashSet<>();
        Set<String> trainGroups = new java.util.TreeSet<>(), valGroups = new java.util.TreeSet<>();
        int nTrain = 0, nVal = 0;
        try {
            Files.createDirectories(folder);
            for (int i = 0; i < items.size(); i++) {
                DatasetItem it = items.get(i);
                AnnotatedImage a = it.annotation();
                String name = uniqueName(stem(it), names);
                Path image = folder.resolve(name + extension(a.image()));
                Files.copy(a.image(), image);
                Path json = folder.resolve(name + ".json");
                LabelMeIo.write(a.withImage(image), json);
                String group = it.group(i);
                String s = side.get(group);
                ObjectNode e = entries.addObject();
                e.put("annotation", json.getFileName().toString());
                e.put("patient", it.patient());
                e.put("case", it.caseId());
                e.put("split", s);
                e.put("instances", a.instances().size());
                String shown = group.substring(2);
                if (s.equals("val")) {
                    nVal++;
                    valGroups.add(shown);
                } else {
                    nTrain++;
                    trainGroups.add(shown);
                }
            }
        } catch (IOException e) {
            throw new AnnotationFileException(folder, "cannot write the dataset: " + e.getMessage(), e);
        }
        JsonFiles.writeAtomically(folder.resolve(MANIFEST), manifest);
        return new Summary(
                folder, nTrain, nVal, Collections.unmodifiableSet(trainGroups), Collections.unmodifiableSet(valGroups));
    }

    /** Group -> "train"/"val", as the trainer's own patient split does (deepchm.data.labelme._group_split). */
    static Map<String, String> split(List<DatasetItem> items, double valFraction, long seed) {
        Map<String, Integer> sizes = new TreeMap<>();
        for (int i = 0; i < items.size(); i++) {
            sizes.merge(items.get(i).group(i), 1, Integer::sum);
        }
        List<String> order = new ArrayList<>(sizes.keySet());
        Collections.shuffle(order, new Random(seed));
        Map<String, String> side = new LinkedHashMap<>();
        double target = valFraction * items.size();
        int nVal = 0;
        String lastVal = null;
        for (String g : order) {
            int n = sizes.get(g);
            if (Math.abs(nVal + n - target) < Math.abs(nVal - target)) {
                side.put(g, "val");
                nVal += n;
                lastVal = g;
            } else {
                side.put(g, "train");
            }
        }
        if (nVal == 0 && target > 0 && order.size() >= 2) { // a validation set was asked for: smallest group
            String smallest = order.stream()
                    .min((a, b) -> Integer.compare(sizes.get(a), sizes.get(b)))
                    .orElseThrow();
            side.put(smallest, "val");
            lastVal = smallest;
        }
        if (lastVal != null && side.values().stream().allMatch("val"::equals)) {
            side.put(lastVal, "train"); // never leave training empty
        }
        return side;
    }

    private static void checkEmpty(Path folder) throws AnnotationFileException {
        if (!Files.exists(folder)) {
            return;
        }
        if (!Files.isDirectory(folder)) {
            throw new AnnotationFileException(folder, "exists and is not a folder");
        }
        try (Stream<Path> s = Files.list(folder)) {
            if (s.findAny().isPresent()) {
                throw new AnnotationFileException(
                        folder, "folder is not empty; choose a new one (nothing is overwritten)");
            }
        } catch (IOException e) {
            throw new AnnotationFileException(folder, "cannot list: " + e.getMessage(), e);
        }
    }

    private static String stem(DatasetItem it) {
        String file = it.annotation().image().getFileName().toString();
        int dot = file.lastIndexOf('.');
        String base = dot > 0 ? file.substring(0, dot) : file;
        StringBuilder sb = new StringBuilder();
        for (String part : new String[] {it.patient(), it.caseId(), base}) {
            if (part != null && !part.isBlank()) {
                sb.append(sb.length() > 0 ? "_" : "").append(part);
            }
        }
        return sb.toString().replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String uniqueName(String stem, Set<String> used) {
        String name = stem;
        for (int k = 2; !used.add(name.toLowerCase(java.util.Locale.ROOT)); k++) {
            name = stem + "-" + k;
        }
        return name;
    }

    private static String extension(Path image) {
        String f = image.getFileName().toString();
        int dot = f.lastIndexOf('.');
        return dot > 0 ? f.substring(dot).toLowerCase(java.util.Locale.ROOT) : "";
    }
}
