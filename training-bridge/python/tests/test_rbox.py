"""Exact skew-IoU and skew-NMS (deepchm/model/rbox.py) against analytic cases,
a pixel-grid estimate and a plain greedy loop."""
import math
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import torch  # noqa: E402

from deepchm.model import rbox  # noqa: E402
from deepchm.model.rbox import corners, nms, normalise, rotated_iou  # noqa: E402

torch.set_num_threads(1)


def iou1(a, b):
    return rotated_iou(torch.tensor([a], dtype=torch.float64),
                       torch.tensor([b], dtype=torch.float64)).item()


def grid_iou(a, b, n=500):
    """IoU estimated on an n x n grid of points over both boxes' bounds."""
    pts = torch.cat([corners(torch.tensor(a, dtype=torch.float64)),
                     corners(torch.tensor(b, dtype=torch.float64))])
    lo, hi = pts.min(0).values, pts.max(0).values
    xs = lo[0] + (torch.arange(n, dtype=torch.float64) + 0.5) * (hi[0] - lo[0]) / n
    ys = lo[1] + (torch.arange(n, dtype=torch.float64) + 0.5) * (hi[1] - lo[1]) / n
    gy, gx = torch.meshgrid(ys, xs, indexing="ij")

    def inside(box):
        t = math.radians(box[4])
        dx, dy = gx - box[0], gy - box[1]
        u = dx * math.cos(t) + dy * math.sin(t)
        v = -dx * math.sin(t) + dy * math.cos(t)
        return (u.abs() <= box[2] / 2) & (v.abs() <= box[3] / 2)

    ia, ib = inside(a), inside(b)
    return ((ia & ib).sum() / (ia | ib).sum()).item()


class TestRotatedIou(unittest.TestCase):
    def test_identical(self):
        for box in ([0, 0, 10, 2, 0], [123.4, 567.8, 31, 7, 37.5], [1e4, 2e4, 40, 10, 165]):
            self.assertAlmostEqual(iou1(box, box), 1.0, places=9)

    def test_shifted_bars(self):
        self.assertAlmostEqual(iou1([0, 0, 10, 2, 0], [5, 0, 10, 2, 0]), 1 / 3, places=9)
        self.assertAlmostEqual(iou1([0, 0, 10, 2, 0], [0, 1, 10, 2, 0]), 1 / 3, places=9)
        # Same bars rotated by 30 degrees, shifted along the long side by 2.5.
        t = math.radians(30)
        b = [2.5 * math.cos(t), 2.5 * math.sin(t), 10, 2, 30]
        self.assertAlmostEqual(iou1([0, 0, 10, 2, 30], b), 7.5 / 12.5, places=9)

    def test_cross_of_equal_bars(self):
        w, h = 10.0, 2.0
        want = h * h / (2 * w * h - h * h)
        self.assertAlmostEqual(iou1([0, 0, w, h, 0], [0, 0, w, h, 90]), want, places=9)
        self.assertAlmostEqual(iou1([5, 5, w, h, 20], [5, 5, w, h, 110]), want, places=9)

    def test_square_vs_diamond(self):
        inter = 2 * (math.sqrt(2) - 1)  # octagon area / square area
        self.assertAlmostEqual(iou1([0, 0, 10, 10, 0], [0, 0, 10, 10, 45]),
                               inter / (2 - inter), places=9)

    def test_containment(self):
        self.assertAlmostEqual(iou1([0, 0, 10, 4, 30], [0, 0, 20, 8, 30]), 0.25, places=9)
        self.assertAlmostEqual(iou1([1, 1, 4, 2, 75], [0, 0, 30, 30, 10]), 8 / 900, places=9)
        self.assertAlmostEqual(iou1([0, 0, 30, 30, 10], [1, 1, 4, 2, 75]), 8 / 900, places=9)

    def test_disjoint_and_touching(self):
        self.assertEqual(iou1([0, 0, 10, 2, 17], [100, 0, 10, 2, 0]), 0.0)
        self.assertEqual(iou1([0, 0, 10, 2, 0], [3, 3, 10, 2, 0]), 0.0)       # SAT-separated
        self.assertAlmostEqual(iou1([0, 0, 10, 2, 0], [10, 0, 10, 2, 0]), 0.0, places=12)
        self.assertAlmostEqual(iou1([0, 0, 10, 2, 0], [0, 2, 10, 2, 0]), 0.0, places=12)
        self.assertAlmostEqual(iou1([0, 0, 2, 2, 0], [2, 2, 2, 2, 0]), 0.0, places=12)  # corner
        self.assertAlmostEqual(iou1([0, 0, 10, 2, 0], [5 + math.sqrt(2), 0, 2, 2, 45]), 0.0, places=9)

    def test_against_grid_estimate(self):
        g = torch.Generator().manual_seed(1)
        for _ in range(30):
            r = torch.rand(8, generator=g, dtype=torch.float64).tolist()
            a = [0.0, 0.0, 5 + 40 * r[0], 2 + 12 * r[1], 180 * r[2]]
            b = [(r[3] - 0.5) * 30, (r[4] - 0.5) * 20, 5 + 40 * r[5], 2 + 12 * r[6], 180 * r[7]]
            exact = iou1(a, b)
            self.assertAlmostEqual(exact, grid_iou(a, b), delta=0.02, msg=str((a, b)))
            self.assertAlmostEqual(exact, iou1(b, a), places=10)

    def test_coincident_edges_any_rotation(self):
        """Axis-aligned boxes on an integer grid (many shared edges and
        corners) have an analytic IoU; rotating both pairs about the origin
        by the same angle must not change it."""
        g = torch.Generator().manual_seed(4)
        for _ in range(60):
            c = torch.randint(0, 5, (4,), generator=g).double().tolist()
            s = torch.randint(1, 6, (4,), generator=g).double().tolist()
            a, b = [c[0], c[1], s[0], s[1], 0.0], [c[2], c[3], s[2], s[3], 0.0]
            ix = max(0.0, min(a[0] + a[2] / 2, b[0] + b[2] / 2) - max(a[0] - a[2] / 2, b[0] - b[2] / 2))
            iy = max(0.0, min(a[1] + a[3] / 2, b[1] + b[3] / 2) - max(a[1] - a[3] / 2, b[1] - b[3] / 2))
            want = ix * iy / (a[2] * a[3] + b[2] * b[3] - ix * iy)
            for deg in (0.0, 90.0, 15.0, 45.0, 137.0):
                t = math.radians(deg)
                rot = [[x * math.cos(t) - y * math.sin(t), x * math.sin(t) + y * math.cos(t),
                        w, h, deg] for x, y, w, h, _ in (a, b)]
                self.assertAlmostEqual(iou1(*rot), want, places=9, msg=str((a, b, deg)))

    def test_matrix_symmetric_chunked_and_empty(self):
        g = torch.Generator().manual_seed(2)
        a = torch.rand(150, 5, generator=g) * torch.tensor([80, 80, 30, 10, 180]) + \
            torch.tensor([0, 0, 2, 1, 0])
        m = rotated_iou(a, a)
        self.assertEqual(m.dtype, torch.float32)
        self.assertLess((m - m.t()).abs().max().item(), 1e-6)
        self.assertLess((m.diagonal() - 1).abs().max().item(), 1e-6)
        self.assertTrue(((m >= 0) & (m <= 1 + 1e-6)).all())
        old = rbox.PAIR_CHUNK, rbox.ROW_BLOCK
        try:
            rbox.PAIR_CHUNK, rbox.ROW_BLOCK = 37, 200
            self.assertTrue(torch.equal(rotated_iou(a, a[:70]), m[:, :70]))
        finally:
            rbox.PAIR_CHUNK, rbox.ROW_BLOCK = old
        self.assertEqual(tuple(rotated_iou(a, a[:0]).shape), (150, 0))
        self.assertEqual(tuple(rotated_iou(a[:0], a).shape), (0, 150))

    def test_normalise(self):
        b = normalise(torch.tensor([[0, 0, 2, 10, 30], [0, 0, 10, 2, -30], [0, 0, 4, 8, 120],
                                    [0, 0, 10, 2, 540]], dtype=torch.float64))
        want = [[0, 0, 10, 2, 120], [0, 0, 10, 2, 150], [0, 0, 8, 4, 30], [0, 0, 10, 2, 0]]
        self.assertTrue(torch.allclose(b, torch.tensor(want, dtype=torch.float64)))


def plain_nms(boxes, scores, thr):
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
    m = rotated_iou(boxes, boxes)
    kept = []
    for i in order:
        if all(m[i, k].item() < thr for k in kept):
            kept.append(i)
    return kept


class TestNms(unittest.TestCase):
    def test_matches_plain_loop(self):
        g = torch.Generator().manual_seed(3)
        for thr in (0.2, 0.5):
            boxes = torch.rand(250, 5, generator=g) * torch.tensor([120, 120, 30, 10, 180]) + \
                torch.tensor([0, 0, 10, 3, 0])
            scores = (torch.rand(250, generator=g) * 10).floor() / 10  # many ties
            got = nms(boxes, scores, thr).tolist()
            self.assertEqual(got, plain_nms(boxes, scores.tolist(), thr))

    def test_threshold_is_inclusive_and_ties(self):
        boxes = torch.tensor([[0, 0, 10, 2, 0], [5, 0, 10, 2, 0]], dtype=torch.float64)
        same = torch.tensor([0.9, 0.9])
        self.assertEqual(nms(boxes, same, 1 / 3).tolist(), [0])   # IoU 1/3 >= 1/3
        self.assertEqual(nms(boxes, same, 0.34).tolist(), [0, 1])
        self.assertEqual(nms(boxes, torch.tensor([0.5, 0.9]), 0.2).tolist(), [1])
        self.assertEqual(nms(boxes[:0], same[:0], 0.2).numel(), 0)


if __name__ == "__main__":
    unittest.main()
