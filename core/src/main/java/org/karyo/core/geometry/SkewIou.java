package org.karyo.core.geometry;

/** Exact skew-IoU of rotated boxes: intersection area by clipping, over the union. */
public final class SkewIou {

    private static final ThreadLocal<RectIntersection.Scratch> SCRATCH =
            ThreadLocal.withInitial(RectIntersection.Scratch::new);

    private SkewIou() {}

    public static double iou(RotatedBox a, RotatedBox b) {
        double ra = a.radius(), rb = b.radius();
        double dx = a.cx() - b.cx(), dy = a.cy() - b.cy();
        // boxes whose circumscribed circles are apart cannot overlap
        if (dx * dx + dy * dy >= (ra + rb) * (ra + rb)) {
            return 0.0;
        }
        return fromIntersection(intersectionArea(a, b), a.area(), b.area());
    }

    /** Area shared by two rotated boxes. */
    public static double intersectionArea(RotatedBox a, RotatedBox b) {
        double ta = Math.toRadians(a.angle()), tb = Math.toRadians(b.angle());
        return RectIntersection.area(
                a.cx(),
                a.cy(),
                Math.cos(ta),
                Math.sin(ta),
                a.w() / 2,
                a.h() / 2,
                b.cx(),
                b.cy(),
                Math.cos(tb),
                Math.sin(tb),
                b.w() / 2,
                b.h() / 2,
                SCRATCH.get());
    }

    static double fromIntersection(double inter, double areaA, double areaB) {
        double union = areaA + areaB - inter;
        return union <= 0 ? 0.0 : Math.min(1.0, inter / union);
    }
}
