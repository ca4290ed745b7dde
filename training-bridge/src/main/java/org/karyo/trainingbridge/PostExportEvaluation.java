package org.karyo.trainingbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.karyo.inference.detect.Detector;
import org.karyo.inference.metrics.DetectorEvaluation;
import org.karyo.inference.metrics.EvaluationReport;
import org.karyo.inference.metrics.groundtruth.GroundTruthException;
import org.karyo.inference.metrics.groundtruth.GroundTruthImage;
import org.karyo.inference.metrics.groundtruth.LabelMeReader;
import org.karyo.inference.model.ContractException;
import org.karyo.inference.onnx.DeepChmModel;

/**
 * Evaluates an exported ONNX model through the Java inference path (the code of
 * {@code karyo eval}) on the validation split the trainer wrote to {@code RUN_DIR/val_split.json}
 * ({@code {"root": DIR, "annotations": ["rel/a.json", ...]}}), so the metrics reported for a new
 * model are those of the file that ships, not of the PyTorch network. Images embedded in the
 * LabelMe files ({@code imageData}) are decoded to temporary files for the detector.
 */
public final class PostExportEvaluation {

    public static final String SPLIT_FILE = "val_split.json";
    /** As {@code karyo eval}'s default: the lowest score kept for the AP curve. */
    static final double MIN_SCORE = 0.05;

    private PostExportEvaluation() {
    }

    /**
     * @param listed    annotation files in the split
     * @param evaluated images that ran through the detector
     * @param notes     what was skipped and why
     */
    public record Result(EvaluationReport report, int listed, int evaluated, List<String> notes, Path split) {

        public Result {
            notes = List.copyOf(notes);
        }

        /** The form stored in the registry under {@code metrics.evaluation} and {@code metrics.evaluation_set}. */
        public void into(ObjectNode metrics) {
            metrics.set("evaluation", AtomicFiles.JSON.valueToTree(report));
            ObjectNode set = metrics.putObject("evaluation_set");
            set.put("split", split.toString());
            set.put("listed", listed);
            set.put("evaluated", evaluated);
            set.set("notes", AtomicFiles.JSON.valueToTree(notes));
        }
    }

    public static Result evaluate(Path onnx, Path splitFile, boolean preferGpu, Consumer<String> progress)
            throws IOException, ContractException {
        JsonNode split = AtomicFiles.JSON.readTree(splitFile.toFile());
        JsonNode list = split == null ? null : split.get("annotations");
        if (list == null || !list.isArray() || !split.hasNonNull("root")) {
            throw new IOException(splitFile + ": expected {\"root\": DIR, \"annotations\": [...]}");
        }
        Path root = splitFile.toAbsolutePath().getParent().resolve(split.get("root").asText());
        List<String> notes = new ArrayList<>();
        Path tmp = Files.createTempDirectory("karyo-val-");
        try {
            List<GroundTruthImage> images = new ArrayList<>();
            int noObjects = 0, noImage = 0, decoded = 0;
            for (JsonNode rel : list) {
                Path json = root.resolve(rel.asText());
                String name = rel.asText().replaceFirst("(?i)\\.json$", "");
                GroundTruthImage gt;
                try {
                    gt = LabelMeReader.readFile(json, name, notes);
                } catch (GroundTruthException e) {
                    notes.add("skipped " + e.getMessage());
                    continue;
                }
                if (gt.objects().isEmpty()) {
                    noObjects++; // as karyo eval: "not annotated" is not "empty"
                } else if (gt.imageAvailable()) {
                    images.add(gt);
                } else {
                    Path img = decodeImageData(json, tmp.resolve(images.size() + ".img"));
                    if (img == null) {
                        noImage++;
                    } else {
                        decoded++;
                        images.add(new GroundTruthImage(gt.name(), img, gt.width(), gt.height(), gt.objects()));
                    }
                }
            }
            if (noObjects > 0) {
                notes.add(noObjects + " image(s) without annotations skipped");
            }
            if (noImage > 0) {
                notes.add(noImage + " image(s) skipped: no image file and no embedded imageData");
            }
            if (decoded > 0) {
                notes.add(decoded + " image(s) read from embedded imageData");
            }
            if (images.isEmpty()) {
                throw new IOException("none of the " + list.size() + " validation images in " + splitFile
                        + " can be evaluated" + (notes.isEmpty() ? "" : ": " + String.join("; ", notes)));
            }
            try (Detector detector = Detector.of(DeepChmModel.open(onnx, preferGpu))) {
                DetectorEvaluation.Result r = DetectorEvaluation.evaluate(detector, images, false, MIN_SCORE, progress);
                if (r.failed() > 0) {
                    notes.add(r.failed() + " image(s) failed in the detector (see the progress lines)");
                }
                if (r.report() == null) {
                    throw new IOException("no validation image could be run through the detector");
                }
                return new Result(r.report(), list.size(), r.evaluated(), notes, splitFile.toAbsolutePath());
            }
        } finally {
            AtomicFiles.deleteTree(tmp);
        }
    }

    /** Writes the base64 {@code imageData} of a LabelMe file to {@code out}; null when there is none. */
    static Path decodeImageData(Path json, Path out) throws IOException {
        JsonNode data = AtomicFiles.JSON.readTree(json.toFile()).get("imageData");
        if (data == null || !data.isTextual() || data.asText().isBlank()) {
            return null;
        }
        try {
            // OpenCV recognises the format from the bytes, so the file needs no matching extension
            Files.write(out, Base64.getMimeDecoder().decode(data.asText()));
            return out;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
