package org.karyo.inference.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.karyo.core.geometry.RotatedBox;

/**
 * Reads the boxes of one image from a `karyo count --out results.json` file: the entry whose
 * file name matches the image, else the only entry. Malformed files get one message naming them.
 */
public final class BoxesFile {

    private BoxesFile() {}

    public static List<RotatedBox> read(Path json, Path image) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json.toFile());
        } catch (IOException e) {
            throw new IOException(json.getFileName() + ": not a readable results file (" + e.getMessage() + ")", e);
        }
        JsonNode images = root == null ? null : root.get("images");
        if (images == null || !images.isArray() || images.isEmpty()) {
            throw new IOException(json.getFileName() + ": no 'images' list (expected the output of karyo count --out)");
        }
        JsonNode entry = null;
        for (JsonNode im : images) {
            String f = im.path("file").asText("");
            if (!f.isEmpty()
                    && Path.of(f)
                            .getFileName()
                            .toString()
                            .equals(image.getFileName().toString())) {
                entry = im;
            }
        }
        if (entry == null) {
            if (images.size() != 1) {
                throw new IOException(json.getFileName() + ": no entry for " + image.getFileName());
            }
            entry = images.get(0);
        }
        JsonNode boxes = entry.get("boxes");
        if (boxes == null || !boxes.isArray()) {
            throw new IOException(json.getFileName() + ": the entry for " + image.getFileName() + " has no boxes");
        }
        List<RotatedBox> out = new ArrayList<>();
        for (JsonNode b : boxes) {
            for (String k : new String[] {"cx", "cy", "w", "h", "angle"}) {
                if (!b.path(k).isNumber()) {
                    throw new IOException(
                            json.getFileName() + ": box " + (out.size() + 1) + " has no numeric '" + k + "'");
                }
            }
            try {
                out.add(RotatedBox.of(
                        b.get("cx").asDouble(),
                        b.get("cy").asDouble(),
                        b.get("w").asDouble(),
                        b.get("h").asDouble(),
                        b.get("angle").asDouble()));
            } catch (IllegalArgumentException e) {
                throw new IOException(json.getFileName() + ": box " + (out.size() + 1) + ": " + e.getMessage(), e);
            }
        }
        return out;
    }
}
