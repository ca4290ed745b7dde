"""Augmentation keeps polygons registered with pixels; crops keep/clip/drop per the 40 % rule.

Run: cd training-bridge/python && /usr/bin/python3 -m unittest discover -s tests
"""
import os
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from deepchm.data.augment import (augment, clip_polygon, crop, hflip, random_crop,  # noqa: E402
                                  rot90, rotate, vflip)
from deepchm.model.targets import polygon_area, rasterise  # noqa: E402

POLY = np.array([(20.3, 30.1), (70.2, 18.7), (95.5, 40.2), (60.1, 70.6), (30.4, 64.2)])


def drawn(h=96, w=128, polys=(POLY,)):
    img = np.full((h, w), 255, dtype=np.uint8)
    for p in polys:
        img[rasterise(p, h, w)] = 40
    return img


def iou(image, poly):
    dark = image < 128
    m = rasterise(poly, *image.shape)
    return (dark & m).sum() / (dark | m).sum()


def square(x, y, s):
    return np.array([(x, y), (x + s, y), (x + s, y + s), (x, y + s)], dtype=np.float64)


class RegistrationTest(unittest.TestCase):
    def test_flips_and_quarter_turns_are_exact(self):
        img = drawn()
        for name, f in (("hflip", hflip), ("vflip", vflip),
                        ("rot90", lambda i, p: rot90(i, p, 1)), ("rot180", lambda i, p: rot90(i, p, 2)),
                        ("rot270", lambda i, p: rot90(i, p, 3))):
            out, polys = f(img, [POLY])
            self.assertEqual(iou(out, polys[0]), 1.0, name)
        out, _ = rot90(img, [POLY], 1)
        self.assertEqual(out.shape, (128, 96))

    def test_small_rotation(self):
        img = drawn()
        for deg in (-15, -7.5, 3, 12, 15):
            out, polys = rotate(img, [POLY], deg)
            self.assertGreater(iou(out, polys[0]), 0.9, deg)
            # the canvas grew so that nothing was cut: the old frame maps inside the new one
            _, frame = rotate(img, [square(0, 0, 1) * (128, 96)], deg)
            self.assertTrue(np.all(frame[0] >= -1e-9))
            self.assertTrue(np.all(frame[0] <= np.array(out.shape[::-1]) + 1e-9))
            self.assertGreater(out.shape[0], 96)
            self.assertEqual(out[0, 0], 255)  # new area filled with background
        out, polys = rotate(img, [POLY], 0)
        self.assertEqual(out.shape, img.shape)
        self.assertTrue(np.array_equal(out, img))

    def test_random_augment(self):
        img = drawn()
        for seed in range(12):
            out, polys = augment(img, [POLY], np.random.default_rng(seed))
            self.assertEqual(out.dtype, np.uint8)
            self.assertEqual(len(polys), 1)
            self.assertGreater(iou(out, polys[0]), 0.9, seed)


class ClipTest(unittest.TestCase):
    def test_sutherland_hodgman(self):
        self.assertAlmostEqual(polygon_area(clip_polygon(square(3, 3, 10), 0, 0, 8, 8)), 25)
        diamond = np.array([(5, -2), (12, 5), (5, 12), (-2, 5)], dtype=np.float64)
        c = clip_polygon(diamond, 0, 0, 10, 10)
        self.assertAlmostEqual(polygon_area(c), 100 - 4 * 4.5)  # the square less 4 corners
        self.assertEqual(len(c), 8)
        self.assertEqual(len(clip_polygon(square(20, 20, 5), 0, 0, 10, 10)), 0)
        p = square(2, 2, 3)
        self.assertTrue(np.array_equal(clip_polygon(p, 0, 0, 10, 10), p))


class CropTest(unittest.TestCase):
    def test_keep_clip_drop(self):
        polys = [square(10, 10, 20),   # inside
                 square(90, 10, 20),   # half inside: kept, clipped
                 square(96, 50, 20),   # 20 % inside: dropped, ignored
                 square(150, 150, 20)]  # outside
        img = drawn(200, 200, polys)
        out, kept_polys, ignore, kept = crop(img, polys, 0, 0, 100)
        self.assertEqual(kept, [0, 1])
        self.assertAlmostEqual(polygon_area(kept_polys[1]), 200)
        self.assertEqual(ignore.sum(), 4 * 20)  # the inside part of the 20 % square
        self.assertTrue(ignore[50:70, 96:100].all())
        self.assertTrue(np.all(out[ignore] == 40))  # pixels are kept, only flagged
        self.assertTrue(np.all(out[rasterise(kept_polys[1], 100, 100)] == 40))
        # exactly 40 % inside is kept
        _, kp, ig, kept = crop(img, [square(96, 10, 10)], 0, 0, 100)
        self.assertEqual(kept, [0])
        self.assertFalse(ig.any())

    def test_padding_and_offset(self):
        img = drawn(60, 80, [square(10, 10, 20)])
        out, polys, ignore, kept = crop(img, [square(10, 10, 20)], -8, -4, 100)
        self.assertEqual(out.shape, (100, 100))
        self.assertTrue(np.array_equal(out[4:64, 8:88], img))
        self.assertTrue(np.all(out[:4] == 255) and np.all(out[64:] == 255))
        self.assertEqual(iou(out, polys[0]), 1.0)

    def test_random_crop(self):
        polys = [square(30 + 60 * i, 40 + 45 * j, 24) for i in range(5) for j in range(5)]
        img = drawn(260, 330, polys)
        for seed in range(10):
            out, ps, ignore = random_crop(img, polys, 128, np.random.default_rng(seed))
            self.assertEqual(out.shape, (128, 128))
            self.assertEqual(ignore.shape, (128, 128))
            self.assertGreater(len(ps), 0)  # centred near a chromosome
            for p in ps:
                self.assertGreater(iou(out, p), 0.0)
                self.assertTrue(np.all((p >= 0) & (p <= 128)))
            dark = out < 128
            covered = np.zeros_like(dark)
            for p in ps:
                covered |= rasterise(p, 128, 128)
            self.assertTrue(np.array_equal(dark, covered | (dark & ignore)))
        # an image smaller than the crop is padded, not cut
        small = drawn(50, 70, [square(10, 10, 20)])
        out, ps, ignore = random_crop(small, [square(10, 10, 20)], 128, np.random.default_rng(0))
        self.assertEqual((out < 255).sum(), (small < 255).sum())
        self.assertEqual(len(ps), 1)
        self.assertEqual(iou(out, ps[0]), 1.0)


if __name__ == "__main__":
    unittest.main()
