package org.karyo.annotation.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.karyo.annotation.AnnotatedImage;
import org.karyo.annotation.InstancePolygon;
import org.karyo.annotation.io.DatasetItem;
import org.karyo.annotation.io.DatasetWriter;
import org.karyo.core.groundtruth.AnnotationFileException;
import org.karyo.core.image.ImageReadException;

/**
 * Turns an archive's pairs into a LabelMe dataset: every accepted cell with one classified outline
 * per placed chromosome (flagged ones carry the LabelMe flag {@code ambiguous} or {@code doubtful}),
 * written by the project's
 * {@link DatasetWriter}, and {@code archive-summary.json} / {@code .csv} beside it: per pair what
 * was found unflagged, flagged (ambiguous or doubtful), not found, the scores, and for refused or failed pairs the reason.
 */
public final class ArchiveImporter {

    public static final String SUMMARY_JSON = "archive-summary.json";
    public static final String SUMMARY_CSV = "archive-summary.csv";
    public static final String AMBIGUOUS_FLAG = "ambiguous";
    public static final String DOUBTFUL_FLAG = "doubtful";

    /** Told after every pair; may stop the import between pairs. */
    public interface Listener {
        void done(int index, int total, PairReport report);
    }

    private ArchiveImporter() {}

    /** Back-projects one pair; never throws for bad images, says what is wrong instead. */
    public static PairReport importPair(ArchivePairing.Pair p) {
        return importPair(p, () -> false);
    }

    /**
     * As {@link #importPair(ArchivePairing.Pair)}, stopping within the pair when {@code cancelled}
     * says so.
     *
     * @throws java.util.concurrent.CancellationException when cancelled
     */
    public static PairReport importPair(ArchivePairing.Pair p, BooleanSupplier cancelled) {
        long t0 = System.nanoTime();
        try {
            GreyImage kImg = GreyImage.read(p.karyogram());
            Karyogram k = KaryogramReader.read(kImg.pixels(), kImg.width(), kImg.height());
            GreyImage m = GreyImage.read(p.metaphase());
            BackProjection r = BackProjector.project(m, k, cancelled);
            double s = (System.nanoTime() - t0) / 1e9;
            long found = r.count(Placement.Status.FOUND);
            long amb = r.count(Placement.Status.AMBIGUOUS) + r.count(Placement.Status.DOUBTFUL);
            long nf = r.count(Placement.Status.NOT_FOUND);
            PairReport.Outcome o = r.accepted() ? PairReport.Outcome.ACCEPTED : PairReport.Outcome.REFUSED;
            List<String> msgs = new ArrayList<>();
            if (k.count() != 46) {
                msgs.add("the karyogram holds " + k.count() + " chromosomes");
            }
            msgs.addAll(k.notes());
            if (!r.accepted()) {
                msgs.add(0, r.refusal());
            } else if (nf > 0) {
                msgs.add(nf + " chromosome(s) of the karyogram not found in the metaphase");
            }
            String msg = String.join("; ", msgs);
            return new PairReport(
                    p.cell(),
                    p.metaphase(),
                    p.karyogram(),
                    o,
                    k.count(),
                    found,
                    amb,
                    nf,
                    r.medianScore(),
                    r.scale(),
                    s,
                    msg,
                    r);
        } catch (ImageReadException e) {
            return PairReport.failed(p, e.getMessage(), (System.nanoTime() - t0) / 1e9);
        } catch (ArchiveException e) {
            return PairReport.failed(
                    p, p.karyogram().getFileName() + ": " + e.getMessage(), (System.nanoTime() - t0) / 1e9);
        }
    }

    /** The accepted cell as an annotation: classified outlines of the placed chromosomes. */
    public static AnnotatedImage annotation(PairReport r) {
        List<InstancePolygon> shapes = new ArrayList<>();
        int id = 1;
        for (Placement pl : r.result().placements()) {
            if (!pl.placed() || pl.outline().size() < 3) {
                continue;
            }
            Map<String, Boolean> flags = new LinkedHashMap<>();
            flags.put(AMBIGUOUS_FLAG, pl.status() == Placement.Status.AMBIGUOUS);
            flags.put(DOUBTFUL_FLAG, pl.status() == Placement.Status.DOUBTFUL);
            shapes.add(new InstancePolygon(id++, pl.label(), pl.outline(), null, flags));
        }
        return AnnotatedImage.of(r.metaphase(), r.result().width(), r.result().height(), shapes);
    }

    /**
     * Imports every pair into {@code out} (a new or empty folder), overlays into {@code overlays}
     * when not null; stops between pairs when {@code cancelled} says so (the dataset then holds the
     * pairs done). Returns the reports in pair order.
     */
    public static List<PairReport> run(
            List<ArchivePairing.Pair> pairs,
            List<String> unpaired,
            Path out,
            Path overlays,
            Listener listener,
            BooleanSupplier cancelled)
            throws AnnotationFileException, IOException {
        List<PairReport> reports = new ArrayList<>();
        List<DatasetItem> items = new ArrayList<>();
        for (int i = 0; i < pairs.size() && !cancelled.getAsBoolean(); i++) {
            ArchivePairing.Pair p = pairs.get(i);
            PairReport r;
            try {
                r = importPair(p, cancelled);
            } catch (java.util.concurrent.CancellationException e) {
                break; // the pairs done so far are written
            }
            reports.add(r);
            if (r.outcome() == PairReport.Outcome.ACCEPTED) {
                items.add(new DatasetItem(annotation(r), caseOf(p.cell()), caseOf(p.cell())));
            }
            if (overlays != null && r.result() != null) {
                Files.createDirectories(overlays);
                try {
                    OverlayPainter.write(
                            GreyImage.read(p.metaphase()), r.result(), overlays.resolve(p.cell() + ".png"));
                } catch (ImageReadException e) {
                    throw new IOException(e.getMessage(), e); // it was read a moment ago
                }
            }
            if (listener != null) {
                listener.done(i, pairs.size(), r);
            }
        }
        DatasetWriter.write(out, items, 0.0, 1L);
        writeSummary(out, reports, unpaired);
        return reports;
    }

    /** The case of a CytoVision cell name: what comes before the first dot ("8129A" of "8129A.001"). */
    static String caseOf(String cell) {
        int dot = cell.indexOf('.');
        return dot > 0 ? cell.substring(0, dot) : cell;
    }

    static void writeSummary(Path out, List<PairReport> reports, List<String> unpaired) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("format", "karyo-archive-summary-1");
        root.put("pairs", reports.size());
        root.put(
                "accepted",
                reports.stream()
                        .filter(r -> r.outcome() == PairReport.Outcome.ACCEPTED)
                        .count());
        ArrayNode up = root.putArray("unpaired");
        unpaired.forEach(up::add);
        ArrayNode arr = root.putArray("cells");
        StringBuilder csv = new StringBuilder(
                "cell,outcome,karyogram_count,found,flagged,not_found,median_score," + "scale,seconds,message\n");
        for (PairReport r : reports) {
            ObjectNode o = arr.addObject();
            o.put("cell", r.cell());
            o.put("metaphase", r.metaphase().getFileName().toString());
            o.put("karyogram", r.karyogram().getFileName().toString());
            o.put("outcome", r.outcome().name().toLowerCase(Locale.ROOT));
            o.put("karyogramCount", r.karyogramCount());
            o.put("found", r.found());
            o.put("flagged", r.flagged());
            o.put("notFound", r.notFound());
            o.put("medianScore", round(r.medianScore()));
            o.put("scale", round(r.scale()));
            o.put("seconds", round(r.seconds()));
            o.put("message", r.message());
            if (r.result() != null) {
                o.put("lowerQuartileScore", round(r.result().lowerQuartileScore()));
                o.put("longerHalfLowerQuartileScore", round(r.result().longerHalfLowerQuartile()));
                ArrayNode ch = o.putArray("chromosomes");
                for (Placement p : r.result().placements()) {
                    ObjectNode c = ch.addObject();
                    c.put("class", p.label().displayName());
                    c.put("status", p.status().name().toLowerCase(Locale.ROOT));
                    c.put("score", round(p.score()));
                    c.put("fit", round(p.fit()));
                    c.put("degrees", p.degrees());
                    c.put("mirror", p.mirror());
                }
            }
            csv.append(String.format(
                    Locale.ROOT,
                    "%s,%s,%d,%d,%d,%d,%.3f,%.3f,%.2f,\"%s\"%n",
                    r.cell(),
                    r.outcome().name().toLowerCase(Locale.ROOT),
                    r.karyogramCount(),
                    r.found(),
                    r.flagged(),
                    r.notFound(),
                    r.medianScore(),
                    r.scale(),
                    r.seconds(),
                    r.message().replace("\"", "'")));
        }
        json.writeValue(out.resolve(SUMMARY_JSON).toFile(), root);
        Files.writeString(out.resolve(SUMMARY_CSV), csv, StandardCharsets.UTF_8);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
