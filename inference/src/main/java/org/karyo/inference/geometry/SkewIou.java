package org.karyo.inference.geometry;

/** Exact skew-IoU of rotated boxes: intersection area by convex clipping over the union. */
public final class SkewIou {

    private SkewIou() {
    }

    public static double iou(RotatedBox a, RotatedBox b) {
        double ra = a.radius();
        double rb = b.radius();
        double dx = a.cx() - b.cx();
        double dy = a.cy() - b.cy();
        // Boxes whose circumscribed circles are apart cannot overlap.
        if (dx * dx + dy * dy >= (ra + rb) * (ra + rb)) {
            return 0.0;
        }
        return iou(a.corners(), a.area(), b.corners(), b.area());
    }

    /** IoU from precomputed corners and areas (the hot path of skew-NMS). */
    public static double iou(double[] cornersA, double areaA, double[] cornersB, double areaB) {
        double inter = ConvexClip.intersectionArea(cornersA, cornersB);
        double union = areaA + areaB - inter;
        return union <= 0 ? 0.0 : Math.min(1.0, inter / union);
    }

    /** IoU of quads at offsets {@code ia}, {@code ib} of a flat corner array, with scratch buffers of 24 doubles. */
    static double iou(double[] corners, int ia, double areaA, int ib, double areaB, double[] s1, double[] s2) {
        double inter = ConvexClip.intersectionArea(corners, ia, corners, ib, s1, s2);
        double union = areaA + areaB - inter;
        return union <= 0 ? 0.0 : Math.min(1.0, inter / union);
    }

    /** Area shared by two rotated boxes. */
    public static double intersectionArea(RotatedBox a, RotatedBox b) {
        return ConvexClip.intersectionArea(a.corners(), b.corners());
    }
}
