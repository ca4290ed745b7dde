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
import org.karyo.inference.classify.KaryotypeSummary;
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

    @Option(
            names = "--deviation",
            paramLabel = "NATS",
            split = ",",
            description =
                    "price(s) of each chromosome by which a karyotype differs from 46,XX/46,XY "
                            + "(default: the shipped KaryotypeAssigner.DEVIATION; several, comma-separated: a calibration sweep)")
    List<Double> deviations = List.of(KaryotypeAssigner.DEVIATION);

    @Option(
            names = "--not-a-chromosome",
            paramLabel = "NATS",
            split = ",",
            description = "price(s) of calling a box not a chromosome (default: KaryotypeAssigner.NOT_A_CHROMOSOME)")
    List<Double> notAChromosome = List.of(KaryotypeAssigner.NOT_A_CHROMOSOME);

    @Option(
            names = "--explain",
            description = "print every missed abnormal cell and every normal cell given a numerical finding")
    boolean explain;

    @Spec
    CommandSpec spec;

    /** One held-out cell: its kind, true labels and polarities, and the classifier's calls. */
    // read once per evaluation, never compared or hashed as a value (ArrayRecordComponent's concern)
    @SuppressWarnings("ArrayRecordComponent")
    private record EvalCell(String name, String kind, int[] labels, int[] up, List<ChromosomeCall> calls) {}

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        JsonNode json = new ObjectMapper().readTree(dir.resolve("cells.json").toFile());
        float[] images = floats(dir.resolve("images.f32"));
        float[] sizes = floats(dir.resolve("sizes.f32"));
        List<EvalCell> cells = new ArrayList<>();
        List<Double> ms46 = new ArrayList<>();
        int offset = 0;
        try (ClassifierModel cm = ClassifierModel.open(ClassifierLocator.resolve(classifierFile))) {
            ChromosomeClassifier clf = new ChromosomeClassifier(cm);
            for (JsonNode cell : json) {
                int n = cell.get("labels").size();
                float[] im = Arrays.copyOfRange(images, offset * Cutout.SIZE, (offset + n) * Cutout.SIZE);
                float[] sz = Arrays.copyOfRange(sizes, offset, offset + n);
                offset += n;
                long t0 = System.nanoTime();
                List<ChromosomeCall> calls = clf.classify(im, sz);
                KaryotypeAssigner.assign(calls);
                double ms = (System.nanoTime() - t0) / 1e6;
                if (n == 46) {
                    ms46.add(ms);
                }
                int[] labels = new int[n], up = new int[n];
                for (int i = 0; i < n; i++) {
                    labels[i] = cell.get("labels").get(i).asInt();
                    up[i] = cell.get("p_up").get(i).asInt();
                }
                cells.add(
                        new EvalCell(cell.get("cell").asText(), cell.get("kind").asText(), labels, up, calls));
            }
        }
        boolean sweep = deviations.size() * notAChromosome.size() > 1;
        for (double dev : deviations) {
            for (double none : notAChromosome) {
                report(out, cells, dev, none, sweep);
            }
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

    private void report(PrintWriter out, List<EvalCell> cells, double dev, double none, boolean sweep) {
        int total = 0, top1 = 0, assigned = 0, pol = 0, polN = 0, normalCells = 0, fullyRight = 0;
        int trulyNormal = 0, falseFindings = 0, falseAny = 0, iscnRight = 0;
        int[] perClassN = new int[24];
        int[] perClassOk = new int[24];
        int[] perClassAssigned = new int[24];
        Map<String, int[]> abnormal = new LinkedHashMap<>(); // kind -> {cells, named, flagged}
        for (EvalCell cell : cells) {
            int n = cell.labels().length;
            List<ChromosomeCall> calls = cell.calls();
            CellKaryotype k = KaryotypeAssigner.assign(calls, dev, none);
            String kind = cell.kind();
            String truthIscn = truthIscn(cell.labels());
            iscnRight += truthIscn.equals(k.iscn()) ? 1 : 0;
            if (kind.equals("as-is") && (truthIscn.equals("46,XX") || truthIscn.equals("46,XY"))) {
                trulyNormal++;
                boolean falseFinding = !k.numericalFindings().isEmpty();
                falseFindings += falseFinding ? 1 : 0;
                falseAny += anyFinding(k) ? 1 : 0;
                if (falseFinding && explain && !sweep) {
                    out.printf(
                            Locale.ROOT,
                            "false finding in %s (%s): %s%n",
                            cell.name(),
                            truthIscn,
                            describe(k, cell.labels()));
                }
            }
            if (!kind.equals("as-is") && !flagged(kind, k) && explain && !sweep) {
                out.printf(
                        Locale.ROOT,
                        "missed %s in %s (%s): %s%n",
                        kind,
                        cell.name(),
                        truthIscn,
                        describe(k, cell.labels()));
            }
            boolean allRight = true;
            for (int i = 0; i < n; i++) {
                int truth = cell.labels()[i];
                ChromosomeCall c = calls.get(i);
                boolean ok = c.best() == truth;
                boolean okA = k.placements().get(i).cls() == truth;
                allRight &= okA;
                if (kind.equals("as-is")) {
                    total++;
                    top1 += ok ? 1 : 0;
                    assigned += okA ? 1 : 0;
                    perClassN[truth]++;
                    perClassOk[truth] += ok ? 1 : 0;
                    perClassAssigned[truth] += okA ? 1 : 0;
                    if (cell.up()[i] >= 0) {
                        polN++;
                        pol += ((c.pUp() >= 0.5f ? 1 : 0) == cell.up()[i]) ? 1 : 0;
                    }
                }
            }
            if (kind.equals("as-is")) {
                normalCells++;
                fullyRight += allRight ? 1 : 0;
            } else {
                int[] a = abnormal.computeIfAbsent(kind, x -> new int[3]);
                a[0]++;
                a[1] += flagged(kind, k) ? 1 : 0;
                a[2] += anyFinding(k) ? 1 : 0;
            }
        }
        if (sweep) {
            StringBuilder sb = new StringBuilder(String.format(
                    Locale.ROOT,
                    "deviation %.2f, not-a-chromosome %.2f: assigned %.2f %%, cells right %d/%d, "
                            + "normal cells with a numerical finding %d/%d (any finding %d/%d)",
                    dev,
                    none,
                    100.0 * assigned / total,
                    fullyRight,
                    normalCells,
                    falseFindings,
                    trulyNormal,
                    falseAny,
                    trulyNormal));
            for (Map.Entry<String, int[]> e : abnormal.entrySet()) {
                sb.append(String.format(Locale.ROOT, ", %s named %d/%d", e.getKey(), e.getValue()[1], e.getValue()[0]));
            }
            out.println(sb);
            return;
        }
        out.printf(Locale.ROOT, "prices: deviation %.3f nats, not a chromosome %.3f nats%n", dev, none);
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
        out.printf(
                Locale.ROOT,
                "normal cells (46,XX / 46,XY by their labels) given a numerical finding: %d of %d; "
                        + "any finding (numerical or a chromosome that fits no class well): %d of %d%n",
                falseFindings,
                trulyNormal,
                falseAny,
                trulyNormal);
        out.printf(
                Locale.ROOT,
                "cells whose proposed ISCN equals their labels' (all kinds): %d of %d%n",
                iscnRight,
                cells.size());
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
                    Locale.ROOT,
                    "abnormal %s cells flagged: %d of %d (that abnormality named); %d of %d with any finding%n",
                    e.getKey(),
                    e.getValue()[1],
                    e.getValue()[0],
                    e.getValue()[2],
                    e.getValue()[0]);
        }
    }

    /** A numerical finding, or a chromosome that fits no class well: the cell is shown as not normal. */
    static boolean anyFinding(CellKaryotype k) {
        return k.findings().stream().anyMatch(f -> f.numerical() || f.kind() == Finding.Kind.UNSURE);
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

    /** The ISCN formula the cell's true labels add up to. */
    static String truthIscn(int[] labels) {
        List<Placement> ps = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            ps.add(new Placement(i, labels[i], 1f, false, false, false));
        }
        return KaryotypeSummary.of(ps, List.of()).iscn();
    }

    /** The proposal and the chromosomes placed wrong, for --explain. */
    private static String describe(CellKaryotype k, int[] labels) {
        StringBuilder sb =
                new StringBuilder(k.iscn()).append(", ").append(k.unsureCount()).append(" unsure; wrong:");
        for (int i = 0; i < labels.length; i++) {
            int truth = labels[i];
            Placement p = k.placements().get(i);
            if (p.cls() != truth) {
                sb.append(String.format(
                        Locale.ROOT,
                        " %s->%s(%.2f)",
                        ChromosomeClass.name(truth),
                        ChromosomeClass.name(p.cls()),
                        p.probability()));
            }
        }
        return sb.toString();
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
