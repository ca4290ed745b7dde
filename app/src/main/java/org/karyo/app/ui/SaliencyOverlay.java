package org.karyo.app.ui;

import javafx.scene.image.Image;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import org.karyo.core.image.Letterbox;
import org.karyo.inference.detect.DetectionResult;
import org.karyo.inference.onnx.RawMaps;

/**
 * The detector's saliency maps as a translucent colour overlay: skeleton in cyan, edges in yellow,
 * crossings in magenta, so a reviewer can see why a box is (or is not) where it is. The map is
 * cropped to the part of the network input that holds the image; the viewer scales it onto the image.
 */
public final class SaliencyOverlay {

    private SaliencyOverlay() {}

    public static Image of(DetectionResult result, int stride) {
        RawMaps m = result.maps();
        Letterbox lb = result.letterbox();
        if (m == null || lb == null) {
            throw new IllegalArgumentException("the detection kept no maps");
        }
        int w = Math.max(1, Math.min(m.width(), (int) Math.ceil(lb.resizedWidth() / (double) stride)));
        int h = Math.max(1, Math.min(m.height(), (int) Math.ceil(lb.resizedHeight() / (double) stride)));
        WritableImage img = new WritableImage(w, h);
        var px = img.getPixelWriter();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double sk = clamp(m.saliency(RawMaps.SKELETON, y, x));
                double ed = clamp(m.saliency(RawMaps.EDGE, y, x));
                double cr = clamp(m.saliency(RawMaps.INTERSECTION, y, x));
                double a = Math.max(sk, Math.max(ed, cr));
                double r = Math.max(ed, cr), g = Math.max(sk, ed), b = Math.max(sk, cr);
                px.setColor(x, y, Color.color(r, g, b, 0.85 * a));
            }
        }
        return img;
    }

    private static double clamp(float v) {
        return Float.isFinite(v) ? Math.max(0, Math.min(1, v)) : 0;
    }
}
