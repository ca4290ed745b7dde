"""Chromosome width as the workstation measures it: the chamfer distance against a plain
sequential implementation, Otsu, widths of drawn bars, the normalisation rule, and training
crops taken at the normalised scale."""
import math
import unittest

import numpy as np

from deepchm.data import width
from deepchm.data.labelme import Sample
from deepchm.trainio import letterbox_scale, network_scale


def sequential_chamfer(fg):
    """The textbook two-pass 3x3 chamfer, pixel by pixel (slow; the reference)."""
    h, w = fg.shape
    d = np.where(fg, 1e9, 0.0)
    a, b = width.A, width.B
    for y in range(h):
        for x in range(w):
            for dy, dx, c in ((0, -1, a), (-1, -1, b), (-1, 0, a), (-1, 1, b)):
                yy, xx = y + dy, x + dx
                if 0 <= yy < h and 0 <= xx < w:
                    d[y, x] = min(d[y, x], d[yy, xx] + c)
    for y in range(h - 1, -1, -1):
        for x in range(w - 1, -1, -1):
            for dy, dx, c in ((0, 1, a), (1, 1, b), (1, 0, a), (1, -1, b)):
                yy, xx = y + dy, x + dx
                if 0 <= yy < h and 0 <= xx < w:
                    d[y, x] = min(d[y, x], d[yy, xx] + c)
    return d


def bars(bar_width, angle_deg=0.0, size=(300, 400)):
    """Dark bars of a known width on a light background."""
    h, w = size
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    t = math.radians(angle_deg)
    across = -math.sin(t) * xx + math.cos(t) * yy
    along = math.cos(t) * xx + math.sin(t) * yy
    img = np.full(size, 235, np.uint8)
    on = (np.mod(across, 4 * bar_width) < bar_width) & (np.mod(along, 120) < 80) \
        & (xx > 10) & (yy > 10) & (xx < w - 10) & (yy < h - 10)
    img[on] = 60
    return img


class WidthTest(unittest.TestCase):
    def test_chamfer_matches_the_sequential_algorithm(self):
        rng = np.random.default_rng(1)
        fg = rng.uniform(size=(23, 31)) < 0.8
        fg[0, :] = False  # background somewhere on every side
        self.assertTrue(np.allclose(width.chamfer_distance(fg), sequential_chamfer(fg), atol=1e-4))

    def test_otsu_splits_two_populations(self):
        img = np.concatenate([np.full(500, 40), np.full(1500, 220)]).astype(np.uint8).reshape(40, 50)
        t = width.otsu(img)
        self.assertTrue(40 <= t < 220, t)

    def test_bars_measure_their_width_at_any_angle(self):
        for w in (6, 10, 16):
            for angle in (0, 30, 45):
                est = width.estimate(bars(w, angle))
                self.assertLess(abs(est - w), 0.2 * w + 1.0, (w, angle, est))

    def test_blank_images_have_no_width(self):
        self.assertTrue(math.isnan(width.estimate(np.full((100, 100), 200, np.uint8))))

    def test_only_much_wider_chromosomes_are_rescaled(self):
        self.assertEqual(0.5, width.normalised_scale(0.5, float("nan"), 8.0))
        self.assertEqual(0.5, width.normalised_scale(0.5, 20.0, 0))
        self.assertAlmostEqual(8.0 / 30.0, width.normalised_scale(0.5, 30.0, 8.0))  # 15 px > 1.3 x 8
        self.assertEqual(0.5, width.normalised_scale(0.5, 20.0, 8.0))                # 10 px <= 10.4

    def test_training_scale_follows_the_workstation(self):
        img = bars(24, 20, size=(550, 700))
        s = Sample("a.json", [], [], 550, 700, _image=img)
        fit = letterbox_scale(550, 700, (512, 768))
        self.assertEqual(fit, network_scale(s, (512, 768), None))
        scaled = network_scale(s, (512, 768), 8.0)
        self.assertAlmostEqual(8.0 / s.chromosome_width(), scaled)
        self.assertLess(scaled, fit)


if __name__ == "__main__":
    unittest.main()
