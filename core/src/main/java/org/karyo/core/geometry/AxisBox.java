package org.karyo.core.geometry;

/** An immutable axis-aligned rectangle [x1, x2] x [y1, y2], used for horizontal-box ground truth (YOLO). */
public record AxisBox(double x1, double y1, double x2, double y2) {

    public AxisBox {
        if (!(x2 >= x1) || !(y2 >= y1)) {
            throw new IllegalArgumentException("empty or inverted box: " + x1 + "," + y1 + "," + x2 + "," + y2);
        }
    }

    public static AxisBox ofCentre(double cx, double cy, double w, double h) {
        return new AxisBox(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2);
    }

    public double width() {
        return x2 - x1;
    }

    public double height() {
        return y2 - y1;
    }

    public double area() {
        return width() * height();
    }

    public boolean intersects(AxisBox o) {
        return x1 <= o.x2 && o.x1 <= x2 && y1 <= o.y2 && o.y1 <= y2;
    }

    /** Horizontal IoU, as the YOLO-annotated evaluation sets use. */
    public double iou(AxisBox o) {
        double iw = Math.min(x2, o.x2) - Math.max(x1, o.x1);
        double ih = Math.min(y2, o.y2) - Math.max(y1, o.y1);
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        double inter = iw * ih;
        return inter / (area() + o.area() - inter);
    }

    /** As a rotated box at angle 0 (long side horizontal) or 90. */
    public RotatedBox toRotated() {
        return RotatedBox.of((x1 + x2) / 2, (y1 + y2) / 2, width(), height(), 0);
    }
}
