package org.karyo.inference.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Parses and checks the contract metadata of a model; every problem found is named in one message. */
public final class ModelMetadata {

    public static final String CONTRACT = "deepchm-onnx-1";

    private ModelMetadata() {}

    public static ModelInfo parse(Map<String, String> md) throws ContractException {
        List<String> problems = new ArrayList<>();
        String contract = md.get("karyo.contract");
        if (contract == null) {
            throw new ContractException("not a Karyo DeepCHM model: its metadata has no 'karyo.contract' entry "
                    + "(expected '" + CONTRACT + "')");
        }
        if (!CONTRACT.equals(contract)) {
            throw new ContractException(
                    "model follows contract '" + contract + "', this version reads '" + CONTRACT + "'");
        }
        Reader r = new Reader(md, problems);
        String name = r.text("model.name");
        String version = r.text("model.version");
        String trained = r.text("model.trained");
        if (trained != null && !trained.equals("true") && !trained.equals("false")) {
            problems.add("model.trained must be 'true' or 'false', got '" + trained + "'");
        }
        int h = (int) r.number("input.height");
        int w = (int) r.number("input.width");
        if (h > 0 && (h % 32 != 0 || w % 32 != 0)) {
            problems.add("input size " + h + "x" + w + " is not a multiple of 32");
        }
        double bg = r.number("input.background");
        int stride = (int) r.number("anchors.stride");
        double base = r.number("anchors.base_size");
        double[] scales = r.list("anchors.scales");
        double[] ratios = r.list("anchors.ratios");
        double[] angles = r.list("anchors.angles");
        double offset = r.number("anchors.center_offset");
        double loc = r.number("thresholds.loc");
        double score = r.number("thresholds.score");
        double nms = r.number("thresholds.nms");
        // optional (models before 1.2.1 do not declare it): the containment rule stays off
        double contain = md.containsKey("thresholds.contain") ? r.number("thresholds.contain") : 0;
        if (!problems.isEmpty()) {
            throw new ContractException("model metadata is not usable: " + String.join("; ", problems));
        }
        try {
            AnchorSpec anchors = new AnchorSpec(stride, base, scales, ratios, angles, offset);
            if (h % stride != 0 || w % stride != 0) {
                throw new IllegalArgumentException(
                        "input size " + h + "x" + w + " is not divisible by stride " + stride);
            }
            return new ModelInfo(
                    name,
                    version,
                    "true".equals(trained),
                    h,
                    w,
                    bg,
                    anchors,
                    new Thresholds(loc, score, nms, contain),
                    md);
        } catch (IllegalArgumentException e) {
            throw new ContractException("model metadata is not usable: " + e.getMessage());
        }
    }

    /** Reads typed entries, collecting problems instead of failing on the first. */
    private record Reader(Map<String, String> md, List<String> problems) {
        String text(String key) {
            String v = md.get(key);
            if (v == null || v.isBlank()) {
                problems.add("missing '" + key + "'");
                return null;
            }
            return v.trim();
        }

        double number(String key) {
            String v = text(key);
            if (v == null) {
                return Double.NaN;
            }
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                problems.add("'" + key + "' is not a number: '" + v + "'");
                return Double.NaN;
            }
        }

        double[] list(String key) {
            String v = text(key);
            if (v == null) {
                return new double[0];
            }
            String[] parts = v.split(",", -1);
            double[] out = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    out[i] = Double.parseDouble(parts[i].trim());
                } catch (NumberFormatException e) {
                    problems.add("'" + key + "' is not a comma-separated list of numbers: '" + v + "'");
                    return new double[0];
                }
            }
            return out;
        }
    }
}
