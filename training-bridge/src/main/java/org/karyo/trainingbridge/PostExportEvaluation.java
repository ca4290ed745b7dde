package org.karyo.trainingbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.karyo.core.groundtruth.AnnotationFileException;
import org.karyo.core.groundtruth.GroundTruthImage;
import org.karyo.core.groundtruth.LabelMeReader;
import org.karyo.inference.detect.Detector;
import org.karyo.inference.metrics.Calibration;
import org.karyo.inference.metrics.DetectorEvaluation;
import org.karyo.inference.metrics.EvaluationReport;
import org.karyo.inference.metrics.Evaluator;
import org.karyo.inference.metrics.ImageEvaluation;
import org.karyo.inference.model.ContractException;
import org.karyo.inference.model.Thresholds;
import org.karyo.inference.onnx.DeepChmModel;
import org.karyo.inference.onnx.OnnxMetadataFile;

/**
 * Evaluates an exported ONNX model through the Java inference path (the code of
 * {@code karyo eval}) on the validation split the trainer wrote to {@code RUN_DIR/val_split.json}
 * ({@code {"root": DIR, "annotations": ["rel/a.json", ...]}}), so the metrics reported for a new
 * model are those of the file that ships, not of the PyTorch network. Images embedded in the
 * LabelMe files ({@code imageData}) are decoded to temporary files for the detector. After
 * training, the same cells calibrate the operating point ({@code karyo calibrate}'s rule), so a
 * new model is registered at the threshold that miscounts the fewest chromosomes, not at the
 * export's default.
 */
public final class PostExportEvaluation {

    public static final String SPLIT_FILE = "val_split.json";
    /** As {@code karyo eval}'s default: the lowest score kept for the AP curve. */
    static final double MIN_SCORE = 0.05;

    private PostExportEvaluation() {}

    /** Fewer validation cells than this make a calibrated operating point mostly noise: the export's is kept. */
    public static final int MIN_CALIBRATION_IMAGES = 10;

    /**
     * What the Java evaluation of an export found.
     *
     * @param report     the evaluation of the model that is registered: the calibrated copy's when
     *                   there is one, else the export's
     * @param listed     annotation files in the split
     * @param evaluated  images that ran through the detector
     * @param notes      what was skipped and why
     * @param calibrated the calibration, or null when none was asked for or possible (see notes)
     */
    public record Result(
            EvaluationReport report, int listed, int evaluated, List<String> notes, Path split, Calibrated calibrated) {

        public Result {
            notes = List.copyOf(notes);
        }

        /** The model file to register: the calibrated copy when there is one. */
        public Path model(Path exported) {
            return calibrated != null ? calibrated.model() : exported;
        }

        /**
         * The form stored in the registry under {@code metrics.evaluation}, {@code metrics.evaluation_set}
         * and, when calibrated, {@code metrics.calibration}.
         */
        public void into(ObjectNode metrics) {
            metrics.set("evaluation", AtomicFiles.JSON.valueToTree(report));
            ObjectNode set = metrics.putObject("evaluation_set");
            set.put("split", split.toString());
            set.put("listed", listed);
            set.put("evaluated", evaluated);
            set.set("notes", AtomicFiles.JSON.valueToTree(notes));
            if (calibrated != null) {
                ObjectNode c = metrics.putObject("calibration");
                c.put("score", calibrated.score());
                c.put("contain", calibrated.contain());
                c.set(
                        "exported_operating",
                        AtomicFiles.JSON.valueToTree(calibrated.exported().operating()));
            }
        }
    }

    /**
     * The export's operating point replaced by the one with the fewest miscounted chromosomes on
     * the validation split ({@code karyo calibrate}'s rule).
     *
     * @param model    the calibrated copy of the export
     * @param exported the export's own evaluation, at the thresholds the trainer wrote
     */
    public record Calibrated(Path model, double score, double contain, EvaluationReport exported) {}

    /** Evaluates the model at its own thresholds. */
    public static Result evaluate(Path onnx, Path splitFile, boolean preferGpu, Consumer<String> progress)
            throws IOException, ContractException {
        return evaluate(onnx, splitFile, null, preferGpu, progress);
    }

    /**
     * Evaluates the model and, when {@code calibratedOut} is given and the split has at least
     * {@link #MIN_CALIBRATION_IMAGES} cells, writes a copy of it calibrated on them to
     * {@code calibratedOut} and reports that copy. The detector runs once either way.
     */
    public static Result evaluate(
            Path onnx, Path splitFile, Path calibratedOut, boolean preferGpu, Consumer<String> progress)
            throws IOException, ContractException {
        JsonNode split = AtomicFiles.JSON.readTree(splitFile.toFile());
        JsonNode list = split == null ? null : split.get("annotations");
        if (list == null || !list.isArray() || !split.hasNonNull("root")) {
            throw new IOException(splitFile + ": expected {\"root\": DIR, \"annotations\": [...]}");
        }
        Path root =
                splitFile.toAbsolutePath().getParent().resolve(split.get("root").asText());
        List<String> notes = new ArrayList<>();
        Path tmp = Files.createTempDirectory("karyo-val-");
        try {
            List<GroundTruthImage> images = readImages(root, list, tmp, notes);
            if (images.isEmpty()) {
                throw new IOException("none of the " + list.size() + " validation images in " + splitFile
                        + " can be evaluated" + (notes.isEmpty() ? "" : ": " + String.join("; ", notes)));
            }
            try (Detector detector = Detector.of(DeepChmModel.open(onnx, preferGpu))) {
                Thresholds own = detector.thresholds();
                // detect once with the containment rule off: the export's point and every calibration
                // candidate are filters of these boxes (Calibration)
                DetectorEvaluation.Detections d = DetectorEvaluation.detect(
                        detector.withThresholds(own.withContain(0)), images, false, MIN_SCORE, progress);
                if (d.failed() > 0) {
                    notes.add(d.failed() + " image(s) failed in the detector (see the progress lines)");
                }
                if (d.images().isEmpty()) {
                    throw new IOException("no validation image could be run through the detector");
                }
                EvaluationReport exported =
                        Evaluator.evaluate(Calibration.contained(d.images(), own.contain()), own.score());
                Calibrated cal = null;
                EvaluationReport report = exported;
                if (calibratedOut != null && d.images().size() < MIN_CALIBRATION_IMAGES) {
                    notes.add("not calibrated: " + d.images().size() + " validation image(s), at least "
                            + MIN_CALIBRATION_IMAGES + " needed; the export's thresholds are kept");
                } else if (calibratedOut != null) {
                    cal = calibrate(onnx, calibratedOut, d.images(), own, splitFile, exported);
                    report = Evaluator.evaluate(Calibration.contained(d.images(), cal.contain()), cal.score());
                }
                return new Result(report, list.size(), d.images().size(), notes, splitFile.toAbsolutePath(), cal);
            }
        } finally {
            AtomicFiles.deleteTree(tmp);
        }
    }

    private static Calibrated calibrate(
            Path onnx,
            Path out,
            List<ImageEvaluation> detected,
            Thresholds own,
            Path splitFile,
            EvaluationReport exported)
            throws IOException {
        Calibration.Result r = Calibration.calibrate(
                detected, Calibration.defaultFractions(), own.score(), Calibration.DEFAULT_MIN_SCORE);
        Map<String, String> md = new LinkedHashMap<>(OnnxMetadataFile.read(onnx));
        md.putAll(Calibration.metadata(r, splitFile.toAbsolutePath().toString(), detected.size()));
        OnnxMetadataFile.write(onnx, out, md);
        return new Calibrated(out, r.score(), r.contain(), exported);
    }

    private static List<GroundTruthImage> readImages(Path root, JsonNode list, Path tmp, List<String> notes)
            throws IOException {
        List<GroundTruthImage> images = new ArrayList<>();
        int noObjects = 0, noImage = 0, decoded = 0;
        for (JsonNode rel : list) {
            Path json = root.resolve(rel.asText());
            String name = rel.asText().replaceFirst("(?i)\\.json$", "");
            GroundTruthImage gt;
            try {
                gt = LabelMeReader.readFile(json, name, notes);
            } catch (AnnotationFileException e) {
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
        return images;
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
