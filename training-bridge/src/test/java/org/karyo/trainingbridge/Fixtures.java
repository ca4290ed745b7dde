package org.karyo.trainingbridge;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.karyo.inference.onnx.OnnxMetadataFile;

/** Test material: the inference module's random-weight contract model, scripts, LabelMe files. */
final class Fixtures {

    /** Surefire runs in the module folder; the fixture lives in the inference module's test resources. */
    static final Path TINY = Path.of("../inference/src/test/resources/models/deepchm-tiny-random.onnx");

    private Fixtures() {}

    static Path tinyModel(Path dir) throws IOException {
        Files.createDirectories(dir);
        return Files.copy(TINY, dir.resolve("deepchm-tiny-random.onnx"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** The tiny model with another model.version: same network, different file, different id. */
    static Path tinyModelVersion(Path dir, String version) throws IOException {
        Map<String, String> md = new LinkedHashMap<>(OnnxMetadataFile.read(TINY));
        md.put("model.version", version);
        Path out = dir.resolve("tiny-" + version + ".onnx");
        OnnxMetadataFile.write(TINY, out, md);
        return out;
    }

    /** An executable shell script. */
    static Path script(Path dir, String name, String body) throws IOException {
        Files.createDirectories(dir);
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    /** A white 192x128 PNG with two dark bars where {@link #labelMe} puts its polygons. */
    static byte[] png() throws IOException {
        BufferedImage img = new BufferedImage(192, 128, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 192, 128);
        g.setColor(Color.DARK_GRAY);
        g.fillRect(40, 30, 12, 50);
        g.fillRect(100, 60, 50, 10);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /**
     * A LabelMe file with two chromosome polygons (none when {@code empty}); the image is embedded
     * (key "imageData") when {@code embed}, else named by {@code imagePath}.
     */
    static Path labelMe(Path file, String imagePath, boolean embed, boolean empty) throws IOException {
        String shapes = empty
                ? ""
                : """
                {"label": "1", "shape_type": "polygon", "points": [[40,30],[52,30],[52,80],[40,80]]},
                {"label": "2", "shape_type": "polygon", "points": [[100,60],[150,60],[150,70],[100,70]]}""";
        String data = embed ? "\"" + Base64.getEncoder().encodeToString(png()) + "\"" : "null";
        Files.createDirectories(file.getParent());
        Files.writeString(
                file,
                """
                {"version": "5.0.1", "flags": {}, "shapes": [%s],
                 "imagePath": "%s", "imageData": %s, "imageHeight": 128, "imageWidth": 192}
                """
                        .formatted(shapes, imagePath, data));
        return file;
    }
}
