"""Training losses (deepchm/model/losses.py): KLD, HDLos weights, saliency focal
loss, the four negative samplers and DeepCHMLoss on small stand-in targets."""
import math
import os
import sys
import types
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import numpy as np  # noqa: E402
import torch  # noqa: E402

from deepchm.model.losses import (DeepCHMLoss, hardness_weight, kld, kld_loss,  # noqa: E402
                                  sample_negatives, saliency_focal)
from deepchm.model.network import AnchorConfig  # noqa: E402

torch.set_num_threads(1)
CFG = AnchorConfig()
A = CFG.num_anchors


def make_target(boxes, h, w, crossing=None, bend=None):
    """Stand-in for targets.py: skeleton = Gaussian (sigma 1 cell) along each
    box's central line, exact 1 at the nearest cell of its centre."""
    boxes = np.asarray(boxes, np.float32).reshape(-1, 5)
    n = len(boxes)
    sal = np.zeros((3, h, w), np.float32)
    yy, xx = np.mgrid[0:h, 0:w]
    for b in boxes:
        t = math.radians(b[4])
        for k in np.linspace(-0.4 * b[2], 0.4 * b[2], 9):
            px, py = (b[0] + k * math.cos(t)) / 4 - 0.5, (b[1] + k * math.sin(t)) / 4 - 0.5
            sal[0] = np.maximum(sal[0], np.exp(-((xx - px) ** 2 + (yy - py) ** 2) / 2))
        sal[0, int(b[1] // 4), int(b[0] // 4)] = 1.0
    return types.SimpleNamespace(
        boxes=boxes, saliency=sal,
        crossing=np.zeros(n, bool) if crossing is None else np.asarray(crossing, bool),
        bend=np.zeros(n, np.float32) if bend is None else np.asarray(bend, np.float32),
        aspect=(boxes[:, 2] / boxes[:, 3]).astype(np.float32), ignore=np.zeros((h, w), bool))


BOXES = [[20, 22, 30, 8, 10], [44, 40, 25, 10, 100], [40, 16, 36, 9, 150]]


def random_logits(h, w, b=1, seed=0):
    g = torch.Generator().manual_seed(seed)
    return (torch.randn(b, 3, h, w, generator=g) - 3, torch.randn(b, A, h, w, generator=g) - 3,
            0.1 * torch.randn(b, A, 5, h, w, generator=g))


def full_kl(p, t):
    """KL(N_p || N_t) with explicit 2x2 matrices, one box at a time."""
    def gauss(b):
        th = math.radians(b[4])
        r = torch.tensor([[math.cos(th), -math.sin(th)], [math.sin(th), math.cos(th)]], dtype=torch.float64)
        return torch.tensor(b[:2], dtype=torch.float64), r @ torch.diag(torch.tensor(
            [b[2] ** 2 / 4, b[3] ** 2 / 4], dtype=torch.float64)) @ r.t()
    mp, sp = gauss(p)
    mt, st = gauss(t)
    inv = torch.linalg.inv(st)
    d = (mt - mp)
    return 0.5 * (torch.trace(inv @ sp) + d @ inv @ d - 2 + torch.log(torch.det(st) / torch.det(sp))).item()


class TestKld(unittest.TestCase):
    def test_zero_for_identical_and_equivalent_forms(self):
        gt = torch.tensor([[10., 20, 30, 8, 40]] * 3)
        pred = torch.tensor([[10., 20, 30, 8, 40], [10., 20, 8, 30, 130], [10., 20, 30, 8, 220]])
        self.assertLess(kld(pred, gt).abs().max().item(), 1e-5)

    def test_grows_with_offset_and_rotation(self):
        gt = torch.tensor([[0., 0, 30, 8, 30]] * 4)
        shift = torch.tensor([[s, 0, 30, 8, 30] for s in (0.5, 1, 2, 4)])
        turn = torch.tensor([[0., 0, 30, 8, 30 + a] for a in (2, 5, 10, 20)])
        for pred in (shift, turn):
            d = kld(pred, gt)
            self.assertTrue((d[1:] > d[:-1]).all(), d)
            loss = kld_loss(d)
            self.assertTrue(((loss > 0) & (loss < 1)).all() and (loss[1:] > loss[:-1]).all())

    def test_per_box_closed_form(self):
        g = torch.Generator().manual_seed(0)
        p = torch.rand(6, 5, generator=g, dtype=torch.float64) * torch.tensor([20., 20, 30, 10, 180]) + \
            torch.tensor([0., 0, 2, 2, 0])
        t = torch.rand(6, 5, generator=g, dtype=torch.float64) * torch.tensor([20., 20, 30, 10, 180]) + \
            torch.tensor([0., 0, 2, 2, 0])
        got = kld(p, t)
        for i in range(6):
            self.assertAlmostEqual(got[i].item(), full_kl(p[i].tolist(), t[i].tolist()), places=6)


class TestHdlos(unittest.TestCase):
    def test_weight(self):
        z = torch.zeros(3)
        u = torch.tensor([1.0, 0.5, 0.3])
        self.assertTrue(torch.equal(hardness_weight(z, z, torch.full((3,), 4.0), u), torch.ones(3)))
        w = hardness_weight(torch.ones(3), z, torch.full((3,), 4.0), u)
        self.assertTrue(torch.allclose(w, torch.full((3,), 2 - math.exp(-1))))
        self.assertTrue((hardness_weight(z, torch.full((3,), 0.5), torch.full((3,), 4.0), u) > 1).all())

    def test_in_the_loss(self):
        logits = random_logits(16, 16)
        plain = make_target(BOXES, 16, 16)
        hard = make_target(BOXES, 16, 16, crossing=[1, 0, 1], bend=[0.5, 1.0, 0.0])
        on, off = DeepCHMLoss(CFG, seed=1), DeepCHMLoss(CFG, use_hdlos=False, seed=1)
        a, b = on(logits, [plain]), off(logits, [plain])
        self.assertAlmostEqual(a["cls"].item(), b["cls"].item(), places=5)   # w_j == 1
        self.assertAlmostEqual(a["reg"].item(), b["reg"].item(), places=5)
        c = DeepCHMLoss(CFG, seed=1)(logits, [hard])
        self.assertGreater(c["cls"].item(), a["cls"].item())
        self.assertGreater(c["reg"].item(), a["reg"].item())


class TestSaliency(unittest.TestCase):
    def test_focal(self):
        t = torch.from_numpy(make_target(BOXES, 16, 16).saliency)[None]
        bad = saliency_focal(torch.full_like(t, -4.6), t)
        good = saliency_focal(torch.where(t >= 1, 9.0, -9.0) + 0 * t, t)
        self.assertTrue(math.isfinite(bad.item()) and bad.item() > good.item())
        self.assertLess(good.item(), 0.05)


class TestSamplers(unittest.TestCase):
    def test_count_and_distinct(self):
        g = torch.Generator().manual_seed(0)
        loss, iou = torch.rand(200, generator=g), torch.rand(200, generator=g) * 0.4
        for kind in ("dasmp", "random", "ohem", "hnas"):
            for count in (0, 1, 30, 200, 500):
                idx = sample_negatives(kind, count, loss, iou, g)
                self.assertEqual(idx.numel(), min(count, 200), kind)
                self.assertEqual(idx.unique().numel(), idx.numel(), kind)
        self.assertEqual(set(sample_negatives("ohem", 5, loss, iou, g).tolist()),
                         set(loss.topk(5).indices.tolist()))
        hard = ((iou >= 0.1) & (iou < 0.5)).nonzero().flatten().tolist()
        self.assertGreaterEqual(len(set(sample_negatives("hnas", 40, loss, iou, g).tolist()) & set(hard)), 20)

    def test_dasmp_prefers_high_loss(self):
        g = torch.Generator().manual_seed(0)
        loss = torch.full((1000,), 0.01)
        loss[:100] = 5.0        # 10 % hard negatives
        picked = torch.cat([sample_negatives("dasmp", 50, loss, torch.zeros(1000), g) for _ in range(60)])
        share = (picked < 100).float().mean().item()
        self.assertGreater(share, 0.18)   # ~e^0.96 times more likely: expect ~0.22
        rand = torch.cat([sample_negatives("random", 50, loss, torch.zeros(1000), g) for _ in range(60)])
        self.assertLess((rand < 100).float().mean().item(), 0.14)


class TestDeepChmLoss(unittest.TestCase):
    def test_terms_finite_and_counts(self):
        logits = random_logits(16, 16, b=2)
        tg = [make_target(BOXES, 16, 16), make_target(np.zeros((0, 5)), 16, 16)]
        for sampler in ("dasmp", "random", "ohem", "hnas"):
            out = DeepCHMLoss(CFG, sampler=sampler)(logits, tg)
            for k in ("total", "saliency", "cls", "reg"):
                self.assertTrue(math.isfinite(out[k].item()), (sampler, k))
            single = DeepCHMLoss(CFG, sampler=sampler)(tuple(x[:1] for x in logits), tg[:1])
            self.assertGreaterEqual(out["num_pos"], 3)          # every gt has its best anchor
            # The empty image has no gt skeleton, so SGAch gives it no anchors.
            self.assertEqual(out["num_neg"], 2 * out["num_pos"])
            self.assertEqual(single["num_pos"], out["num_pos"])
        empty = tuple(x[1:] for x in logits)
        out = DeepCHMLoss(CFG)(empty, tg[1:])
        self.assertEqual((out["num_pos"], out["num_neg"]), (0, 0))
        self.assertGreater(out["total"].item(), 0)
        out = DeepCHMLoss(CFG, use_sgach=False)(empty, tg[1:])
        self.assertEqual((out["num_pos"], out["num_neg"]), (0, 16))
        self.assertEqual(out["reg"].item(), 0.0)
        out = DeepCHMLoss(CFG, sgach_pred=True)(empty, tg[1:])   # false skeleton cells
        self.assertEqual((out["num_pos"], out["num_neg"]), (0, 16))

    def test_switches(self):
        logits = random_logits(16, 16)
        tg = [make_target(BOXES, 16, 16)]
        self.assertEqual(DeepCHMLoss(CFG, use_dasmp=False).sampler, "random")
        self.assertEqual(DeepCHMLoss(CFG, sampler="ohem", use_dasmp=False).sampler, "ohem")
        with self.assertRaises(ValueError):
            DeepCHMLoss(CFG, sampler="nope")
        dense = DeepCHMLoss(CFG, use_sgach=False)(logits, tg)
        sparse = DeepCHMLoss(CFG)(logits, tg)
        self.assertGreaterEqual(dense["num_pos"], sparse["num_pos"])
        self.assertTrue(math.isfinite(dense["total"].item()))

    def test_optimisation_decreases_each_term(self):
        tg = [make_target(BOXES, 16, 16, crossing=[1, 0, 0], bend=[0.3, 0.0, 1.0])]
        params = [torch.nn.Parameter(x) for x in random_logits(16, 16, seed=3)]
        opt = torch.optim.Adam(params, lr=0.05)
        loss = DeepCHMLoss(CFG, seed=0)
        hist = []
        for _ in range(50):
            out = loss(tuple(params), tg)
            opt.zero_grad()
            out["total"].backward()
            opt.step()
            hist.append({k: out[k].item() for k in ("total", "saliency", "cls", "reg")})
        for k in ("total", "saliency", "cls", "reg"):
            self.assertLess(hist[-1][k], 0.5 * hist[0][k], k)


if __name__ == "__main__":
    unittest.main()
