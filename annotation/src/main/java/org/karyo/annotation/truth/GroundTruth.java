package org.karyo.annotation.truth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.karyo.annotation.AnnotatedImage;
import org.karyo.annotation.InstancePolygon;
import org.karyo.annotation.mask.BinaryMask;
import org.karyo.annotation.mask.Pixel;
import org.karyo.annotation.mask.Rasteriser;
import org.karyo.annotation.mask.ZhangSuen;
import org.karyo.core.geometry.RotatedBox;

/**
 * The ground truth the trainer computes from an annotated image (training-bridge targets.py
 * {@code build_targets}), for showing to the annotator: per instance the rotated box, mask and
 * skeleton and the crossing flag, and the crossing region (pixels covered by two or more masks).
 * Polygons with fewer than 3 points or none inside the image get no mask; as in the trainer the
 * pixel under their vertex mean stands in for the skeleton.
 */
public record GroundTruth(List<InstanceTruth> instances, List<Pixel> crossingPixels) {

    /** Skeleton pixels of two instances this close (px) meet or cross (targets.py MEET_PX). */
    public static final double MEET_PX = 2.0;

    public GroundTruth {
        instances = List.copyOf(instances);
        crossingPixels = List.copyOf(crossingPixels);
    }

    public static GroundTruth of(AnnotatedImage image) {
        return of(image.instances(), image.width(), image.height());
    }

    public static GroundTruth of(List<InstancePolygon> polygons, int width, int height) {
        List<BinaryMask> masks = new ArrayList<>();
        List<List<Pixel>> skeletons = new ArrayList<>();
        Map<Pixel, Integer> cover = new HashMap<>();
        for (InstancePolygon p : polygons) {
            BinaryMask m = Rasteriser.mask(p, width, height);
            masks.add(m);
            skeletons.add(skeleton(p, m, width, height));
            for (Pixel px : m.pixels()) {
                cover.merge(px, 1, Integer::sum);
            }
        }
        List<List<Pixel>> meets = meetings(skeletons);
        List<InstanceTruth> out = new ArrayList<>();
        for (int i = 0; i < polygons.size(); i++) {
            InstancePolygon p = polygons.get(i);
            RotatedBox box = p.size() == 0 ? null : p.minAreaRect();
            out.add(new InstanceTruth(
                    p.id(), box, masks.get(i), skeletons.get(i), !meets.get(i).isEmpty(), meets.get(i)));
        }
        List<Pixel> crossing = cover.entrySet().stream()
                .filter(e -> e.getValue() >= 2)
                .map(Map.Entry::getKey)
                .sorted((a, b) -> a.y() != b.y() ? Integer.compare(a.y(), b.y()) : Integer.compare(a.x(), b.x()))
                .toList();
        return new GroundTruth(out, crossing);
    }

    /** targets.py {@code _instance}: the thinned mask, with its two stand-ins for tiny shapes. */
    static List<Pixel> skeleton(InstancePolygon p, BinaryMask m, int width, int height) {
        if (m.isEmpty()) {
            if (p.size() == 0) {
                return List.of();
            }
            double cx = p.points().stream().mapToDouble(v -> v.x()).average().orElse(-1);
            double cy = p.points().stream().mapToDouble(v -> v.y()).average().orElse(-1);
            if (cx >= 0 && cx < width && cy >= 0 && cy < height) {
                return List.of(new Pixel((int) cx, (int) cy));
            }
            return List.of();
        }
        List<Pixel> skel = ZhangSuen.thin(m).pixels();
        if (!skel.isEmpty()) {
            return skel;
        }
        // Zhang-Suen erases 2x2 blobs entirely: keep the mask pixel nearest the mask's mean.
        List<Pixel> px = m.pixels();
        double mx = px.stream().mapToDouble(Pixel::x).average().orElse(0);
        double my = px.stream().mapToDouble(Pixel::y).average().orElse(0);
        Pixel best = px.get(0);
        double bestD = Double.POSITIVE_INFINITY;
        for (Pixel q : px) {
            double d = (q.x() - mx) * (q.x() - mx) + (q.y() - my) * (q.y() - my);
            if (d < bestD) {
                bestD = d;
                best = q;
            }
        }
        return List.of(best);
    }

    /** targets.py {@code _meeting}: per instance, its skeleton pixels within MEET_PX of another's. */
    static List<List<Pixel>> meetings(List<List<Pixel>> skeletons) {
        Map<Pixel, List<Integer>> owners = new HashMap<>();
        for (int i = 0; i < skeletons.size(); i++) {
            for (Pixel p : skeletons.get(i)) {
                owners.computeIfAbsent(p, k -> new ArrayList<>(1)).add(i);
            }
        }
        int r = (int) Math.floor(MEET_PX);
        List<List<Pixel>> out = new ArrayList<>();
        for (int i = 0; i < skeletons.size(); i++) {
            List<Pixel> hits = new ArrayList<>();
            for (Pixel p : skeletons.get(i)) {
                if (near(owners, p, i, r)) {
                    hits.add(p);
                }
            }
            out.add(hits);
        }
        return out;
    }

    private static boolean near(Map<Pixel, List<Integer>> owners, Pixel p, int self, int r) {
        for (int dy = -r; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++) {
                if (dx * dx + dy * dy > MEET_PX * MEET_PX) {
                    continue;
                }
                List<Integer> o = owners.get(new Pixel(p.x() + dx, p.y() + dy));
                if (o != null && o.stream().anyMatch(k -> k != self)) {
                    return true;
                }
            }
        }
        return false;
    }
}
