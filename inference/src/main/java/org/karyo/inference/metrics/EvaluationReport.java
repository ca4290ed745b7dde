package org.karyo.inference.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.function.Function;

/**
 * The outcome of one evaluation. Ratios are fractions in [0, 1] (the table shows percent).
 *
 * @param iou "skew" (rotated gt), "horizontal" (box-only gt) or "mixed"
 * @param bestF1 metrics at the score threshold that maximises F1 (how DeepCHM reports P, R, F1)
 * @param operating metrics at the model's own T_score, what a user of the app actually gets
 * @param bestCount metrics at the score threshold with the least total |count error| over the
 *     images (ties: most exact counts, then the higher threshold); null in reports written before
 *     it existed
 */
public record EvaluationReport(
        int images,
        int groundTruth,
        int predictions,
        String iou,
        double iouThreshold,
        String apMethod,
        double ap,
        ThresholdMetrics bestF1,
        ThresholdMetrics operating,
        ThresholdMetrics bestCount) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public String toJson() {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // records of numbers and strings always serialise
        }
    }

    public static EvaluationReport fromJson(String json) {
        try {
            return MAPPER.readValue(json, EvaluationReport.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String toTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                Locale.ROOT,
                "%d images, %d ground-truth objects, %d predictions; " + "TP at %s IoU >= %.2f%n",
                images,
                groundTruth,
                predictions,
                iou,
                iouThreshold));
        sb.append(String.format(Locale.ROOT, "AP %.2f %% (%s)%n%n", 100 * ap, apMethod));
        sb.append(String.format(Locale.ROOT, "%-28s %12s %12s %12s%n", "", "best F1", "operating", "best count"));
        row(sb, "score threshold", m -> fmt("%.4f", m.threshold()));
        row(sb, "predictions", m -> Integer.toString(m.predictions()));
        row(sb, "TP / FP / FN", m -> m.tp() + "/" + m.fp() + "/" + m.fn());
        row(sb, "precision %", m -> fmt("%.2f", 100 * m.precision()));
        row(sb, "recall %", m -> fmt("%.2f", 100 * m.recall()));
        row(sb, "F1 %", m -> fmt("%.2f", 100 * m.f1()));
        row(sb, "mFPs (FP per image)", m -> fmt("%.2f", m.mFPs()));
        row(sb, "mOD (mean u over TP)", m -> fmt("%.4f", m.mOD()));
        row(sb, "images with recall 100 %", m -> m.imagesFullRecall() + "/" + images);
        row(sb, "WCR %", m -> fmt("%.2f", 100 * m.wcr()));
        row(sb, "AER %", m -> fmt("%.2f", 100 * m.aer()));
        row(sb, "mean |count error| / image", m -> fmt("%.2f", m.meanAbsCountError()));
        row(sb, "count exact %", m -> fmt("%.2f", 100 * m.countExactShare()));
        return sb.toString();
    }

    private void row(StringBuilder sb, String name, Function<ThresholdMetrics, String> value) {
        sb.append(String.format(
                Locale.ROOT,
                "%-28s %12s %12s %12s%n",
                name,
                value.apply(bestF1),
                value.apply(operating),
                bestCount == null ? "-" : value.apply(bestCount)));
    }

    private static String fmt(String pattern, double v) {
        return String.format(Locale.ROOT, pattern, v);
    }
}
