"""Targets on hand-made polygons (deepchm/model/targets.py).

Run: cd training-bridge/python && /usr/bin/python3 -m unittest discover -s tests
"""
import math
import os
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import deepchm.model.targets as targets_mod  # noqa: E402
from deepchm.model.targets import (build_targets, min_area_rect, polygon_area,  # noqa: E402
                                   rasterise, zhang_suen)


def rect(cx, cy, w, h, theta):
    t = math.radians(theta)
    u, n = np.array([math.cos(t), math.sin(t)]), np.array([-math.sin(t), math.cos(t)])
    c = np.array([cx, cy])
    return np.array([c + w / 2 * u + h / 2 * n, c - w / 2 * u + h / 2 * n,
                     c - w / 2 * u - h / 2 * n, c + w / 2 * u - h / 2 * n])


def stadium(cx, cy, length, width, theta, k=12):
    """A straight chromosome: a bar with round ends."""
    t, r, half = math.radians(theta), width / 2, length / 2 - width / 2
    pts = [(half + r * math.cos(a), r * math.sin(a)) for a in np.linspace(-math.pi / 2, math.pi / 2, k)]
    pts += [(-x, -y) for x, y in pts]
    c, s = math.cos(t), math.sin(t)
    return np.array([(cx + c * x - s * y, cy + s * x + c * y) for x, y in pts])


def arc(cx, cy, radius, width, span_deg, k=40):
    """A bent chromosome: a ring sector."""
    a = np.radians(np.linspace(-span_deg / 2, span_deg / 2, k)) - math.pi / 2
    outer = np.c_[cx + (radius + width / 2) * np.cos(a), cy + (radius + width / 2) * np.sin(a)]
    inner = np.c_[cx + (radius - width / 2) * np.cos(a), cy + (radius - width / 2) * np.sin(a)]
    return np.concatenate([outer, inner[::-1]])


def inside_rect(points, box, tol=1e-7):
    cx, cy, w, h, t = box
    t = math.radians(t)
    d = np.asarray(points) - (cx, cy)
    a = d @ (math.cos(t), math.sin(t))
    b = d @ (-math.sin(t), math.cos(t))
    return np.all(np.abs(a) <= w / 2 + tol) and np.all(np.abs(b) <= h / 2 + tol)


class MinAreaRectTest(unittest.TestCase):
    def test_rotated_rectangle_gives_back_its_box(self):
        for theta in (0, 15, 30, 89, 90, 120, 179.5):
            for w, h in ((60, 12), (12, 60)):
                box = min_area_rect(rect(50.25, 40.5, w, h, theta))
                want_t = theta if w >= h else (theta + 90) % 180
                want = (50.25, 40.5, max(w, h), min(w, h))
                self.assertTrue(np.allclose(box[:4], want, atol=1e-9), box)
                self.assertAlmostEqual((box[4] - want_t + 90) % 180 - 90, 0, places=6)
                self.assertTrue(0 <= box[4] < 180)

    def test_against_brute_force(self):
        rng = np.random.default_rng(0)
        for _ in range(40):
            pts = rng.normal(0, 1, (int(rng.integers(3, 14)), 2)) * (30, 8) + 50
            box = min_area_rect(pts)
            # Brute force: the optimum is aligned with some pair of points' direction.
            best = math.inf
            for i in range(len(pts)):
                for j in range(i + 1, len(pts)):
                    u = (pts[j] - pts[i]) / np.linalg.norm(pts[j] - pts[i])
                    a, b = pts @ u, pts @ (-u[1], u[0])
                    best = min(best, np.ptp(a) * np.ptp(b))
            self.assertAlmostEqual(box[2] * box[3], best, delta=1e-9 * best)
            self.assertGreaterEqual(box[2], box[3])
            self.assertTrue(inside_rect(pts, box))

    def test_degenerate(self):
        self.assertEqual(min_area_rect([(3, 4)]), (3.0, 4.0, 0.0, 0.0, 0.0))
        box = min_area_rect([(0, 0), (2, 2), (4, 4)])
        self.assertTrue(np.allclose(box, (2, 2, math.sqrt(32), 0, 45)))


class RasteriseTest(unittest.TestCase):
    def test_pixel_centres_inside(self):
        m = rasterise([(2, 2), (12, 2), (12, 7), (2, 7)], 20, 20)
        self.assertEqual(m.sum(), 50)  # pixels 2..11 x 2..6: centres in [2, 12) x [2, 7)
        self.assertTrue(m[2:7, 2:12].all())
        tri = np.array([(1.3, 2.2), (37.6, 5.1), (16.2, 38.7)])
        self.assertAlmostEqual(rasterise(tri, 40, 40).sum() / polygon_area(tri), 1, delta=0.03)

    def test_window_offset(self):
        p = rect(30, 20, 16, 6, 25)
        full = rasterise(p, 40, 60)
        self.assertTrue(np.array_equal(rasterise(p, 12, 20, x0=20, y0=14), full[14:26, 20:40]))


class ZhangSuenTest(unittest.TestCase):
    def test_thick_line_becomes_one_pixel(self):
        m = np.zeros((24, 80), dtype=bool)
        m[6:17, 5:75] = True  # 11 px thick
        s = zhang_suen(m)
        cols = s[:, 12:68]
        self.assertTrue(np.all(cols.sum(0) == 1))
        self.assertTrue(np.all(np.argwhere(cols)[:, 0] == 11))  # the middle row
        self.assertFalse(np.any(s & ~m))

    def test_matches_the_papers_loop(self):
        def reference(m):
            img = np.pad(m, 1).astype(int)
            while True:
                changed = False
                for step in (0, 1):
                    delete = []
                    for r, c in zip(*np.nonzero(img)):
                        p = [img[r - 1, c], img[r - 1, c + 1], img[r, c + 1], img[r + 1, c + 1],
                             img[r + 1, c], img[r + 1, c - 1], img[r, c - 1], img[r - 1, c - 1]]
                        a = sum(p[k] == 0 and p[(k + 1) % 8] == 1 for k in range(8))
                        if not (2 <= sum(p) <= 6 and a == 1):
                            continue
                        if step == 0 and p[0] * p[2] * p[4] == 0 and p[2] * p[4] * p[6] == 0:
                            delete.append((r, c))
                        if step == 1 and p[0] * p[2] * p[6] == 0 and p[0] * p[4] * p[6] == 0:
                            delete.append((r, c))
                    for r, c in delete:
                        img[r, c] = 0
                    changed |= bool(delete)
                if not changed:
                    return img[1:-1, 1:-1].astype(bool)
        rng = np.random.default_rng(3)
        for _ in range(4):
            m = rng.random((18, 22)) < 0.7
            self.assertTrue(np.array_equal(zhang_suen(m), reference(m)))

    def test_no_2x2_blocks_on_a_blob(self):
        s = zhang_suen(rasterise(stadium(40, 30, 60, 14, 35), 60, 80))
        blocks = s[:-1, :-1] & s[1:, :-1] & s[:-1, 1:] & s[1:, 1:]
        self.assertFalse(blocks.any())
        self.assertGreater(s.sum(), 30)


class BuildTargetsTest(unittest.TestCase):
    def test_straight_bar(self):
        p = stadium(64, 60, 80, 14, 30)
        t = build_targets([p], 128, 128)
        self.assertEqual(t.saliency.shape, (3, 32, 32))
        # the round ends are 12-gons, a hair shorter than the ideal 80
        self.assertTrue(np.allclose(t.boxes[0, :4], (64, 60, 80, 14), atol=0.25), t.boxes)
        self.assertAlmostEqual(t.boxes[0, 4], 30, delta=0.01)
        self.assertLess(t.bend[0], 0.6)
        self.assertAlmostEqual(t.aspect[0], 80 / 14, delta=0.05)
        self.assertFalse(t.crossing[0])
        # Skeleton cells at 1 lie on the axis: their centres within one cell diagonal.
        th = math.radians(30)
        for r, c in np.argwhere(t.saliency[0] == 1):
            x, y = (c + 0.5) * 4 - 64, (r + 0.5) * 4 - 60
            self.assertLess(abs(-x * math.sin(th) + y * math.cos(th)), 2 * math.sqrt(2) + 0.5)
            self.assertLess(abs(x * math.cos(th) + y * math.sin(th)), 40)
        self.assertEqual(t.saliency[2].max(), 0)  # nothing to cross
        self.assertFalse(t.ignore.any())

    def test_arc_is_bent(self):
        t = build_targets([arc(64, 90, 50, 14, 100)], 128, 128)
        self.assertGreater(t.bend[0], 3.0)
        self.assertFalse(t.crossing[0])

    def test_crossing_x(self):
        a, b = stadium(64, 64, 90, 14, 30), stadium(64, 64, 90, 14, 120)
        t = build_targets([a, b], 128, 128)
        self.assertTrue(t.crossing.all())
        peaks = np.argwhere(t.saliency[2] == 1)
        self.assertGreater(len(peaks), 0)
        # crossing point (64, 64) is on the corner of cells 15 and 16
        self.assertTrue(np.all(np.abs(peaks - 15.5) <= 1.5), peaks)
        r, c = np.unravel_index(np.argmax(t.saliency[2]), t.saliency[2].shape)
        self.assertLessEqual(max(abs(r - 15.5), abs(c - 15.5)), 1.5)
        # Each instance is rasterised on its own: both keep a full-length box.
        self.assertTrue(np.allclose(t.boxes[:, 2], 90, atol=0.25))
        # A third bar far away crosses nothing.
        t = build_targets([a, b, stadium(20, 110, 30, 10, 0)], 128, 128)
        self.assertEqual(t.crossing.tolist(), [True, True, False])

    def test_edge_peaks_on_outline(self):
        p = rect(60, 50, 70, 30, 20)
        t = build_targets([p], 100, 120)
        edge = t.saliency[1]
        th = math.radians(20)
        for r, c in np.argwhere(edge == 1):
            x, y = (c + 0.5) * 4 - 60, (r + 0.5) * 4 - 50
            a, b = x * math.cos(th) + y * math.sin(th), -x * math.sin(th) + y * math.cos(th)
            # distance of the cell centre to the outline: at most a cell diagonal + a pixel
            d = min(abs(abs(a) - 35), abs(abs(b) - 15)) if abs(a) <= 35 + 4 and abs(b) <= 15 + 4 else 99
            self.assertLess(d, 2 * math.sqrt(2) + 1.0, (r, c))
        # deep inside the rectangle the edge map is low
        self.assertLess(edge[50 // 4, 60 // 4], 0.05)
        self.assertTrue(np.all((t.saliency >= 0) & (t.saliency <= 1)))
        self.assertEqual(t.saliency.dtype, np.float32)

    def test_gaussian_profile(self):
        # One tiny instance: a single skeleton cell, values exp(-d^2 / 2) around it.
        t = build_targets([rect(42, 42, 2, 2, 0)], 96, 96)
        g = t.saliency[0]
        r, c = np.argwhere(g == 1)[0]
        self.assertAlmostEqual(g[r, c + 1], math.exp(-0.5), places=6)
        self.assertAlmostEqual(g[r + 2, c + 2], math.exp(-4.0), places=6)
        self.assertEqual(g[r, c + 4], 0.0)  # beyond 3 sigma

    def test_scipy_path_gives_the_same_maps(self):
        def brute_edt(free):  # what scipy.ndimage.distance_transform_edt returns
            zeros = np.argwhere(~free)
            grid = np.argwhere(np.ones_like(free))
            d2 = ((grid[:, None, :] - zeros[None]) ** 2).sum(2).min(1)
            return np.sqrt(d2).reshape(free.shape)
        polys = [stadium(40, 40, 60, 12, 30), stadium(40, 40, 60, 12, 110)]
        kernel = build_targets(polys, 80, 96).saliency
        saved, targets_mod._edt = targets_mod._edt, brute_edt
        try:
            edt = build_targets(polys, 80, 96).saliency
        finally:
            targets_mod._edt = saved
        self.assertTrue(np.allclose(kernel, edt, atol=1e-6))

    def test_ignore_and_empty(self):
        m = np.zeros((64, 64), dtype=bool)
        m[10, 21] = True
        t = build_targets([], 64, 64, ignore_mask=m)
        self.assertEqual(t.boxes.shape, (0, 5))
        self.assertEqual(t.saliency.max(), 0)
        self.assertEqual(np.argwhere(t.ignore).tolist(), [[2, 5]])
        # polygons partly or wholly outside the image: boxes as drawn, maps only inside
        t = build_targets([rect(-50, -50, 10, 4, 0), rect(62, 30, 20, 6, 0)], 64, 66)
        self.assertEqual(t.boxes.shape, (2, 5))
        self.assertEqual(t.saliency.shape, (3, 16, 16))
        self.assertGreater(t.saliency[0].max(), 0)


if __name__ == "__main__":
    unittest.main()
