"""Anchors, SGAch locations, delta coding and anchor labels
(deepchm/model/anchors.py) against the contract in docs/onnx-contract.md."""
import math
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import torch  # noqa: E402

from deepchm.model.anchors import (MAX_LOG_SCALE, anchors_at, cell_anchors, decode, decode_maps,  # noqa: E402
                                   encode, label_anchors, sgach_locations)
from deepchm.model.network import AnchorConfig  # noqa: E402
from deepchm.model.rbox import rotated_iou  # noqa: E402

torch.set_num_threads(1)
CFG = AnchorConfig()


def angle_diff(a, b):
    d = torch.remainder(a - b, 180.0)
    return torch.minimum(d, 180.0 - d)


class TestAnchors(unittest.TestCase):
    def test_cell_anchors_in_contract_order(self):
        ca = cell_anchors(CFG)
        self.assertEqual(tuple(ca.shape), (48, 3))
        self.assertTrue(torch.allclose(ca, torch.tensor(CFG.shapes(), dtype=torch.float32)))
        # a = (ratioIdx * |scales| + scaleIdx) * |angles| + angleIdx
        a = (1 * 2 + 0) * 12 + 3
        self.assertAlmostEqual(ca[a, 0].item(), 10 * 2, places=5)    # l*s*sqrt(r), r=4, s=2
        self.assertAlmostEqual(ca[a, 1].item(), 10 / 2, places=5)
        self.assertAlmostEqual(ca[a, 2].item(), 45.0)

    def test_anchors_at_location_major(self):
        rows, cols = torch.tensor([0, 3]), torch.tensor([5, 1])
        an = anchors_at(rows, cols, CFG)
        self.assertEqual(tuple(an.shape), (96, 5))
        ca = cell_anchors(CFG)
        for k in (0, 47, 48, 95, 60):
            loc, a = k // 48, k % 48
            self.assertEqual(an[k, 0].item(), (cols[loc].item() + 0.5) * 4)
            self.assertEqual(an[k, 1].item(), (rows[loc].item() + 0.5) * 4)
            self.assertTrue(torch.equal(an[k, 2:], ca[a]))

    def test_sgach_locations(self):
        sk = torch.zeros(4, 5)
        sk[1, 2], sk[3, 0], sk[0, 4], sk[2, 2] = 0.2, 0.9, 0.5, 0.19
        rows, cols = sgach_locations(sk, 0.2)
        self.assertEqual(list(zip(rows.tolist(), cols.tolist())), [(0, 4), (1, 2), (3, 0)])


class TestCoding(unittest.TestCase):
    def test_round_trip(self):
        g = torch.Generator().manual_seed(0)
        n = 500
        anc = cell_anchors(CFG).double()[torch.randint(0, 48, (n,), generator=g)]
        anc = torch.cat([torch.zeros(n, 2, dtype=torch.float64), anc], 1)
        anc[:, :2] = torch.rand(n, 2, generator=g, dtype=torch.float64) * 200
        gt = torch.rand(n, 5, generator=g, dtype=torch.float64) * torch.tensor([200., 200, 60, 60, 540]) \
            - torch.tensor([0., 0, -2, -2, 180])   # w < h often, theta in [-180, 360)
        d = encode(anc, gt)
        self.assertTrue(((d[:, 4] > -math.pi / 2) & (d[:, 4] <= math.pi / 2 + 1e-12)).all())
        back = decode(anc, d)
        long_, short = torch.maximum(gt[:, 2], gt[:, 3]), torch.minimum(gt[:, 2], gt[:, 3])
        self.assertLess((back[:, :2] - gt[:, :2]).abs().max().item(), 1e-5)
        self.assertLess((back[:, 2] - long_).abs().max().item(), 1e-5)
        self.assertLess((back[:, 3] - short).abs().max().item(), 1e-5)
        theta = torch.where(gt[:, 2] < gt[:, 3], gt[:, 4] + 90, gt[:, 4])
        self.assertLess(angle_diff(back[:, 4], theta).max().item(), 1e-5)
        self.assertTrue(((back[:, 4] >= 0) & (back[:, 4] < 180)).all())
        self.assertLess(rotated_iou(back, gt).diagonal().min().item(), 1 + 1e-9)
        self.assertGreater(rotated_iou(back, gt).diagonal().min().item(), 1 - 1e-6)

    def test_theta_wrap_and_formula(self):
        anc = torch.tensor([[10., 20, 20, 5, 0], [10., 20, 20, 5, 165]], dtype=torch.float64)
        gt = torch.tensor([[10., 20, 20, 5, 179], [10., 20, 20, 5, 2]], dtype=torch.float64)
        d = encode(anc, gt)
        self.assertAlmostEqual(math.degrees(d[0, 4].item()), -1.0, places=9)
        self.assertAlmostEqual(math.degrees(d[1, 4].item()), 17.0, places=9)
        # The contract's formula, written out for one anchor.
        box = decode(anc[:1], torch.tensor([[0.5, -0.2, math.log(2), 0.0, math.radians(100)]],
                                           dtype=torch.float64))[0].tolist()
        for got, want in zip(box, [10 + 0.5 * 20, 20 - 0.2 * 5, 40, 5, 100]):
            self.assertAlmostEqual(got, want, places=9)
        big = decode(anc[:1], torch.tensor([[0, 0, 50.0, 0, 0]], dtype=torch.float64))
        self.assertAlmostEqual(big[0, 2].item(), 20 * math.exp(MAX_LOG_SCALE), places=6)


class TestLabels(unittest.TestCase):
    def test_hand_made_case(self):
        gt = torch.tensor([[50., 50, 40, 10, 0], [150., 50, 40, 10, 90]])
        anchors = torch.tensor([
            [50., 50, 40, 10, 0],      # 0: IoU 1 with gt0 -> pos
            [52., 50, 40, 10, 0],      # 1: IoU 38/42 -> pos
            [60., 50, 40, 10, 0],      # 2: 30/50 = 0.6 -> pos (>=)
            [66., 50, 40, 10, 0],      # 3: 24/56 = 0.43 -> ignored
            [80., 50, 40, 10, 0],      # 4: 10/70 -> neg
            [150., 72, 10, 40, 0],     # 5: gt1 best (IoU 18/62) -> pos despite < 0.6
            [150., 78, 10, 40, 0],     # 6: below best -> neg
            [300., 300, 40, 10, 0],    # 7: far -> neg
        ])
        labels, matched, ious = label_anchors(anchors, gt)
        self.assertEqual(labels.tolist(), [1, 1, 1, -1, 0, 1, 0, 0])
        self.assertEqual(matched[labels == 1].tolist(), [0, 0, 0, 1])
        self.assertEqual(tuple(ious.shape), (8, 2))
        self.assertAlmostEqual(ious[5, 1].item(), 18 / 62, places=5)
        ignore = torch.tensor([True, False, False, False, True, True, False, True])
        labels2, _, _ = label_anchors(anchors, gt, ignore=ignore)
        self.assertEqual(labels2.tolist(), [1, 1, 1, -1, -1, 1, 0, -1])

    def test_ties_and_no_gt(self):
        gt2 = torch.tensor([[50., 50, 40, 10, 0]])
        anchors2 = torch.tensor([[70., 50, 40, 10, 0], [30., 50, 40, 10, 0]])
        labels, matched, _ = label_anchors(anchors2, gt2)
        self.assertEqual(labels.tolist(), [1, 1])          # both tie for the best (1/3)
        labels, matched, ious = label_anchors(anchors2, gt2[:0])
        self.assertEqual(labels.tolist(), [0, 0])
        self.assertEqual(matched.tolist(), [-1, -1])
        self.assertEqual(tuple(ious.shape), (2, 0))


class TestDecodeMaps(unittest.TestCase):
    def test_recovers_encoded_boxes(self):
        """Ideal maps (skeleton at the gt centres, score 1 and exact deltas at
        one anchor per gt) decode to the gt boxes."""
        h, w, a = 16, 24, CFG.num_anchors
        gt = torch.tensor([[20.3, 22.1, 30, 8, 10], [60.0, 30.0, 25, 12, 100],
                           [80.5, 50.2, 40, 9, 170]])
        sal = torch.zeros(3, h, w)
        scores = torch.full((a, h, w), 0.01)
        deltas = torch.zeros(a, 5, h, w)
        for k, g in enumerate(gt):
            r, c = int(g[1] // 4), int(g[0] // 4)
            sal[0, r, c] = 0.9
            anc = anchors_at(torch.tensor([r]), torch.tensor([c]), CFG)
            best = rotated_iou(anc, g[None]).argmax().item()
            scores[best, r, c] = 0.95 - 0.1 * k
            deltas[best, :, r, c] = encode(anc[best:best + 1].double(), g[None].double())[0].float()
            dup = (best + 1) % a                   # the same box again: NMS removes it
            scores[dup, r, c] = 0.7
            deltas[dup, :, r, c] = encode(anc[dup:dup + 1].double(), g[None].double())[0].float()
        boxes, sc = decode_maps(sal, scores, deltas, CFG, 0.2, 0.5, 0.2)
        self.assertEqual(sc.tolist(), [0.949999988079071, 0.8500000238418579, 0.75])
        self.assertLess((boxes - gt).abs().max().item(), 1e-3)


if __name__ == "__main__":
    unittest.main()
