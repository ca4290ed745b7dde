package org.karyo.inference.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.karyo.core.geometry.RotatedBox;
import org.karyo.core.image.ImageReadException;
import org.karyo.inference.classify.BoxesFile;
import org.karyo.inference.classify.CellClassification;
import org.karyo.inference.classify.CellKaryotype;
import org.karyo.inference.classify.ChromosomeCall;
import org.karyo.inference.classify.ChromosomeClass;
import org.karyo.inference.classify.ChromosomeClassifier;
import org.karyo.inference.classify.ClassifierLocator;
import org.karyo.inference.classify.ClassifierModel;
import org.karyo.inference.classify.Finding;
import org.karyo.inference.classify.GreyImage;
import org.karyo.inference.classify.KaryogramPainter;
import org.karyo.inference.classify.Placement;
import org.karyo.inference.detect.Detection;
import org.karyo.inference.detect.Detector;
import org.karyo.inference.model.ContractException;
import org.karyo.inference.model.ModelLocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code karyo karyotype}: classify every chromosome of one cell, arrange its karyogram, propose its karyotype. */
@Command(
        name = "karyotype",
        mixinStandardHelpOptions = true,
        description =
                "Classify every chromosome of a metaphase image, write its karyogram and propose the cell's karyotype.")
final class KaryotypeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IMAGE")
    Path image;

    @Option(
            names = "--boxes",
            paramLabel = "results.json",
            description = "boxes from 'karyo count --out' (default: detect)")
    Path boxes;

    @Option(names = "--out", paramLabel = "karyogram.png", required = true, description = "karyogram image to write")
    Path out;

    @Option(names = "--json", description = "print the calls, placements and findings as JSON")
    boolean json;

    @Option(
            names = "--classifier",
            paramLabel = "M",
            description = "classifier ONNX model (default: $KARYO_CLASSIFIER, else the bundled one)")
    Path classifierFile;

    @Option(
            names = "--repeat",
            paramLabel = "N",
            description = "classify the cell N more times and print the median "
                    + "classification time (benchmark; the first run warms ONNX Runtime up)")
    int repeat;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ClassifierModel cm = openClassifier()) {
            GreyImage grey = CellClassification.read(image);
            List<RotatedBox> bx = boxes != null ? readBoxes() : detect(err);
            CellClassification cell = CellClassification.run(new ChromosomeClassifier(cm), grey, bx);
            if (repeat > 0) {
                double[] ms = new double[repeat];
                for (int i = 0; i < repeat; i++) {
                    ms[i] = CellClassification.run(new ChromosomeClassifier(cm), grey, bx)
                                    .classifyNanos()
                            / 1e6;
                }
                java.util.Arrays.sort(ms);
                err.printf(
                        java.util.Locale.ROOT,
                        "classify + assign %d chromosomes: median %.1f ms, min %.1f ms over %d runs "
                                + "(cut-outs, ONNX Runtime, assignment)%n",
                        bx.size(),
                        ms[repeat / 2],
                        ms[0],
                        repeat);
            }
            CellKaryotype k = cell.karyotype();
            ImageIO.write(
                    KaryogramPainter.paint(
                            grey, cell.calls(), k, image.getFileName().toString()),
                    "png",
                    out.toFile());
            if (json) {
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(o, toJson(cell, cm));
                o.println();
            } else {
                o.printf(
                        "%s\t%s\t%d chromosomes, %d unsure\t(classified in %.0f ms)%n",
                        image, k.iscn(), k.chromosomeCount(), k.unsureCount(), cell.classifyNanos() / 1e6);
                for (Finding f : k.findings()) {
                    o.printf("  %s: %s%n", f.kind(), f.evidence());
                }
            }
            err.println("wrote " + out);
            o.flush();
            return ExitCodes.OK;
        } catch (CliFailure e) {
            err.println(e.getMessage());
            return e.exitCode;
        } catch (ImageReadException e) {
            err.println(e.getMessage());
            return ExitCodes.SOME_FAILED;
        } catch (IOException e) {
            err.println(e.getMessage());
            return ExitCodes.SOME_FAILED;
        } catch (Exception e) {
            err.println("karyotype failed: " + e.getMessage());
            return ExitCodes.SOME_FAILED;
        }
    }

    private ClassifierModel openClassifier() {
        try {
            return ClassifierModel.open(ClassifierLocator.resolve(classifierFile));
        } catch (ModelLocator.NoModelException | ContractException e) {
            throw new CliFailure(ExitCodes.NO_MODEL, "cannot use classifier: " + e.getMessage());
        }
    }

    private List<RotatedBox> readBoxes() throws IOException {
        return BoxesFile.read(boxes, image);
    }

    private List<RotatedBox> detect(PrintWriter err) throws Exception {
        try (Detector d = Detectors.open(model, err, true)) {
            List<RotatedBox> out = new ArrayList<>();
            for (Detection det : d.detect(image).detections()) {
                out.add(det.box());
            }
            return out;
        }
    }

    static Map<String, Object> toJson(CellClassification cell, ClassifierModel cm) {
        CellKaryotype k = cell.karyotype();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("classifier", cm.describe());
        root.put("iscn", k.iscn());
        root.put("sex_chromosomes", k.sexComplement());
        root.put("chromosomes", k.chromosomeCount());
        root.put("unsure", k.unsureCount());
        root.put("classify_ms", cell.classifyNanos() / 1e6);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int c = 0; c < ChromosomeClass.COUNT; c++) {
            counts.put(ChromosomeClass.name(c), k.classCounts()[c]);
        }
        root.put("class_counts", counts);
        List<Object> list = new ArrayList<>();
        for (Placement p : k.placements()) {
            ChromosomeCall c = cell.calls().get(p.call());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(
                    "box",
                    Map.of(
                            "cx",
                            c.box().cx(),
                            "cy",
                            c.box().cy(),
                            "w",
                            c.box().w(),
                            "h",
                            c.box().h(),
                            "angle",
                            c.box().angle()));
            m.put("class", ChromosomeClass.name(p.cls()));
            m.put("probability", p.probability());
            m.put("classifier_first", ChromosomeClass.name(c.best()));
            m.put("p_arm_up", c.pUp());
            m.put("flipped", p.flipped());
            m.put("low_confidence", p.lowConfidence());
            list.add(m);
        }
        root.put("placements", list);
        List<Object> fs = new ArrayList<>();
        for (Finding f : k.findings()) {
            fs.add(Map.of(
                    "kind",
                    f.kind().name(),
                    "chromosomes",
                    f.calls().stream().map(i -> i + 1).toList(),
                    "evidence",
                    f.evidence()));
        }
        root.put("findings", fs);
        return root;
    }
}
