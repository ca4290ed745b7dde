package org.karyo.inference.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.karyo.inference.count.CaseSummary;
import org.karyo.inference.detect.Detection;
import org.karyo.inference.detect.DetectionResult;
import org.karyo.inference.detect.Detector;
import org.karyo.inference.detect.StageTimings;
import org.karyo.inference.detect.ThresholdCounter;
import org.karyo.inference.model.ModelInfo;

/** The outcome of {@code karyo count}: per-image results, the case summary, and where they came from. */
record CountReport(Map<String, Object> model, List<Entry> entries, CaseSummary summary) {

    /** One image: its result, or why it could not be counted. */
    record Entry(Path file, DetectionResult result, String error) {
        static Entry ok(Path f, DetectionResult r) {
            return new Entry(f, r, null);
        }

        static Entry failed(Path f, String error) {
            return new Entry(f, null, error);
        }
    }

    static CountReport of(Map<String, Object> method, List<Entry> entries) {
        List<CaseSummary.CellCount> cells = new ArrayList<>();
        for (Entry e : entries) {
            if (e.result() != null) {
                cells.add(new CaseSummary.CellCount(
                        e.file().toString(), e.result().count()));
            }
        }
        return new CountReport(method, entries, CaseSummary.of(cells));
    }

    /** What counted the cells when the threshold peer did. */
    static Map<String, Object> thresholdMethod(ThresholdCounter peer) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", "threshold");
        m.put("min_area_fraction", peer.minAreaFraction());
        return m;
    }

    /** What counted the cells when a model did: which one, its file's hash, thresholds. */
    static Map<String, Object> modelMethod(Detector detector) {
        ModelInfo info = detector.info();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("method", "model");
        model.put("name", info.name());
        model.put("version", info.version());
        model.put("trained", info.trained());
        model.put("file", detector.model().file().toString());
        model.put("sha256", detector.model().sha256());
        model.put("provider", detector.model().provider());
        model.put("thresholds", detector.thresholds());
        model.put(
                "skeleton_rule",
                detector.skeletonRule() == null
                        ? "off"
                        : detector.skeletonRule().describe());
        return model;
    }

    long failed() {
        return entries.stream().filter(e -> e.result() == null).count();
    }

    Map<String, Object> toJson() {
        List<Object> images = new ArrayList<>();
        for (Entry e : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", e.file().toString());
            if (e.result() == null) {
                m.put("error", e.error());
            } else {
                DetectionResult r = e.result();
                m.put("width", r.imageWidth());
                m.put("height", r.imageHeight());
                m.put("count", r.count());
                m.put("inverted", r.inverted());
                m.put("scale", r.letterbox().scale()); // below the fit when chromosomes were size-normalised
                List<Object> boxes = new ArrayList<>();
                for (Detection d : r.detections()) {
                    boxes.add(Map.of(
                            "cx",
                            d.box().cx(),
                            "cy",
                            d.box().cy(),
                            "w",
                            d.box().w(),
                            "h",
                            d.box().h(),
                            "angle",
                            d.box().angle(),
                            "score",
                            d.score()));
                }
                m.put("boxes", boxes);
                StageTimings t = r.timings();
                Map<String, Object> ms = new LinkedHashMap<>();
                ms.put("load", StageTimings.ms(t.load()));
                ms.put("preprocess", StageTimings.ms(t.preprocess()));
                ms.put("model", StageTimings.ms(t.model()));
                ms.put("decode", StageTimings.ms(t.decode()));
                ms.put("nms", StageTimings.ms(t.nms()));
                ms.put("total", StageTimings.ms(t.total()));
                m.put("timings_ms", ms);
            }
            images.add(m);
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("cells", summary.cellCount());
        s.put("failed", failed());
        s.put("modal_number", summary.cellCount() > 0 ? summary.modalNumber() : null);
        s.put("non_modal", summary.nonModal());
        s.put("distribution", summary.distribution());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", model);
        root.put("images", images);
        root.put("summary", s);
        return root;
    }

    String toCsv() {
        StringBuilder sb = new StringBuilder("file,status,count,error\n");
        for (Entry e : entries) {
            sb.append(csv(e.file().toString())).append(',');
            if (e.result() != null) {
                sb.append("ok,").append(e.result().count()).append(",\n");
            } else {
                sb.append("error,,").append(csv(e.error())).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * RFC 4180 quoting; a cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) is
     * prefixed with an apostrophe (OWASP's advice against CSV injection).
     */
    static String csv(String s) {
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
