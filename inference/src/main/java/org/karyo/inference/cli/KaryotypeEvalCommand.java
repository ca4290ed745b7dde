package org.karyo.inference.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.karyo.inference.classify.CellKaryotype;
import org.karyo.inference.classify.ChromosomeCall;
import org.karyo.inference.classify.ChromosomeClass;
import org.karyo.inference.classify.ChromosomeClassifier;
import org.karyo.inference.classify.ClassifierLocator;
import org.karyo.inference.classify.ClassifierModel;
import org.karyo.inference.classify.Cutout;
import org.karyo.inference.classify.Finding;
import org.karyo.inference.classify.KaryotypeAssigner;
import org.karyo.inference.classify.Placement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code karyo karyotype-eval DIR}: the classifier's held-out figures through the shipped code
 * (ONNX Runtime, assignment, findings) on cut-outs written by deepchm.classify.evalset.
 */
@Command(
        name = "karyotype-eval",
        mixinStandardHelpOptions = true,
        description = "Held-out classifier figures on a cut-out set from deepchm.classify.evalset.")
final class KaryotypeEvalCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR")
    Path dir;

    @Option(names = "--classifier", paramLabel = "M")
    Path classifierFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        JsonNode cells = new ObjectMapper().readTree(dir.resolve("cells.json").toFile());
        float[] images = floats(dir.resolve("images.f32"));
        float[] sizes = floats(dir.resolve("sizes.f32"));
        int total = 0, top1 = 0, assigned = 0, pol = 0, polN = 0, normalCells = 0, fullyRight = 0;
        int[] perClassN = new int[24];
        int[] perClassOk = new int[24];
        int[] perClassAssigned = new int[24];
        Map<String, int[]> abnormal = new LinkedHashMap<>(); // kind -> {cells, flagged}
        List<Double> ms46 = new ArrayList<>();
        int offset = 0;
        try (ClassifierModel cm = ClassifierModel.open(ClassifierLocator.resolve(classifierFile))) {
            ChromosomeClassifier clf = new ChromosomeClassifier(cm);
            for (JsonNode cell : cells) {
                int n = cell.get("labels").size();
                float[] im = Arrays.copyOfRange(images, offset * Cutout.SIZE, (offset + n) * Cutout.SIZE);
                float[] sz = Arrays.copyOfRange(sizes, offset, offset + n);
                offset += n;
                long t0 = System.nanoTime();
                List<ChromosomeCall> calls = clf.classify(im, sz);
                CellKaryotype k = KaryotypeAssigner.assign(calls);
                double ms = (System.nanoTime() - t0) / 1e6;
                if (n == 46) {
                    ms46.add(ms);
                }
                String kind = cell.get("kind").asText();
                boolean allRight = true;
                for (int i = 0; i < n; i++) {
                    int truth = cell.get("labels").get(i).asInt();
                    int up = cell.get("p_up").get(i).asInt();
                    ChromosomeCall c = calls.get(i);
                    Placement p = k.placements().get(i);
                    boolean ok = c.best() == truth;
                    boolean okA = p.cls() == truth;
                    allRight &= okA;
                    if (kind.equals("as-is")) {
                        total++;
                        top1 += ok ? 1 : 0;
                        assigned += okA ? 1 : 0;
                        perClassN[truth]++;
                        perClassOk[truth] += ok ? 1 : 0;
                        perClassAssigned[truth] += okA ? 1 : 0;
                        if (up >= 0) {
                            polN++;
                            pol += ((c.pUp() >= 0.5f ? 1 : 0) == up) ? 1 : 0;
                        }
                    }
                }
                if (kind.equals("as-is")) {
                    normalCells++;
                    fullyRight += allRight ? 1 : 0;
                } else {
                    int[] a = abnormal.computeIfAbsent(kind, x -> new int[2]);
                    a[0]++;
                    a[1] += flagged(kind, k) ? 1 : 0;
                }
            }
        }
        out.printf(Locale.ROOT, "held-out chromosomes: %d in %d cells%n", total, normalCells);
        out.printf(Locale.ROOT, "top-1 (classifier alone): %.2f %%%n", 100.0 * top1 / total);
        out.printf(Locale.ROOT, "top-1 after cell-level assignment: %.2f %%%n", 100.0 * assigned / total);
        out.printf(Locale.ROOT, "polarity: %.2f %% of %d%n", 100.0 * pol / polN, polN);
        out.printf(
                Locale.ROOT,
                "cells with every chromosome placed right: %d of %d (%.1f %%)%n",
                fullyRight,
                normalCells,
                100.0 * fullyRight / normalCells);
        StringBuilder sb = new StringBuilder("per class (alone / assigned):");
        for (int c = 0; c < 24; c++) {
            sb.append(String.format(
                    Locale.ROOT,
                    " %s %.1f/%.1f",
                    ChromosomeClass.name(c),
                    100.0 * perClassOk[c] / Math.max(1, perClassN[c]),
                    100.0 * perClassAssigned[c] / Math.max(1, perClassN[c])));
        }
        out.println(sb);
        for (Map.Entry<String, int[]> e : abnormal.entrySet()) {
            out.printf(
                    Locale.ROOT, "abnormal %s cells flagged: %d of %d%n", e.getKey(), e.getValue()[1], e.getValue()[0]);
        }
        if (!ms46.isEmpty()) {
            double[] t = ms46.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            out.printf(
                    Locale.ROOT,
                    "classify + assign, 46-chromosome cells (prepared cut-outs): median %.1f ms, p90 %.1f ms (n=%d)%n",
                    t[t.length / 2],
                    t[(int) (0.9 * (t.length - 1))],
                    t.length);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The abnormality the cell was made with is among its findings. */
    static boolean flagged(String kind, CellKaryotype k) {
        return switch (kind) {
            case "trisomy21" -> k.findings().stream().anyMatch(f -> f.kind() == Finding.Kind.GAIN && f.cls() == 20);
            case "monosomyX" -> k.sexComplement().equals("X");
            case "XXY" -> k.sexComplement().equals("XXY");
            default -> false;
        };
    }

    private static float[] floats(Path f) throws IOException {
        byte[] b = Files.readAllBytes(f);
        if (b.length % 4 != 0) {
            throw new IOException(f + ": not a float32 file");
        }
        float[] v = new float[b.length / 4];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }
}
