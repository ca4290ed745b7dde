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
import org.karyo.inference.classify.KaryotypeAssigner;
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
                bench(new ChromosomeClassifier(cm), grey, bx, err);
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

    /**
     * Classifies the cell {@code repeat} more times and prints the median of the whole and of its
     * three phases: cut-outs (sampling + normalising), the one batched ONNX run, the assignment.
     */
    private void bench(ChromosomeClassifier clf, GreyImage grey, List<RotatedBox> bx, PrintWriter err)
            throws Exception {
        double[] all = new double[repeat],
                cut = new double[repeat],
                onnx = new double[repeat],
                asg = new double[repeat];
        double[] cpu = new double[repeat];
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < repeat; i++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            ChromosomeClassifier.Batch b = ChromosomeClassifier.prepare(grey, bx);
            long t1 = System.nanoTime();
            List<ChromosomeCall> calls = clf.classify(b);
            long t2 = System.nanoTime();
            KaryotypeAssigner.assign(calls);
            long t3 = System.nanoTime();
            cut[i] = (t1 - t0) / 1e6;
            onnx[i] = (t2 - t1) / 1e6;
            asg[i] = (t3 - t2) / 1e6;
            all[i] = (t3 - t0) / 1e6;
            cpu[i] = (os.getProcessCpuTime() - c0) / 1e6;
        }
        for (double[] a : new double[][] {all, cut, onnx, asg, cpu}) {
            java.util.Arrays.sort(a);
        }
        err.printf(
                java.util.Locale.ROOT,
                "classify + assign %d chromosomes: median %.1f ms, min %.1f ms over %d runs "
                        + "(cut-outs median %.1f ms, ONNX Runtime %.1f ms, assignment %.1f ms); "
                        + "CPU time of the process per run: median %.1f ms; load average %.1f on %d cores%n",
                bx.size(),
                all[repeat / 2],
                all[0],
                repeat,
                cut[repeat / 2],
                onnx[repeat / 2],
                asg[repeat / 2],
                cpu[repeat / 2],
                os.getSystemLoadAverage(),
                os.getAvailableProcessors());
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
