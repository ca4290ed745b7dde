package org.karyo.inference.model;

import java.util.Map;

/**
 * Everything the workstation knows about a model, all of it read from the ONNX metadata
 * (docs/onnx-contract.md): nothing about a model is hard-coded.
 */
public record ModelInfo(
        String name,
        String version,
        boolean trained,
        int inputHeight,
        int inputWidth,
        double background,
        AnchorSpec anchors,
        Thresholds thresholds,
        Map<String, String> metadata) {

    public ModelInfo {
        metadata = Map.copyOf(metadata);
    }

    /** Feature-map height (input / stride). */
    public int mapHeight() {
        return inputHeight / anchors.stride();
    }

    public int mapWidth() {
        return inputWidth / anchors.stride();
    }

    /**
     * Median chromosome width (network pixels, as {@code ChromosomeWidth} measures it) of the
     * model's training data, or NaN when the model does not declare it ({@code input.chromosome_width}).
     */
    public double chromosomeWidth() {
        try {
            return Double.parseDouble(metadata.getOrDefault("input.chromosome_width", "NaN"));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    public String label() {
        return name + " " + version;
    }
}
