"""Real chromosomes from archive imports for the classifier (deepchm.classify.archive) and their use
in training (train --real): outlines cut out upright, flagged or unclassified outlines left out,
no polarity label, a share of the training samples drawn from them, clear messages for bad files.
Synthetic LabelMe cells written to a temporary folder (no shared data).

Run: cd training-bridge/python && /usr/bin/python3 -m unittest tests.test_archive_crops
"""
import contextlib
import io
import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import cv2  # noqa: E402
import numpy as np  # noqa: E402

from deepchm.classify import archive, train  # noqa: E402
from deepchm.classify import data as cd  # noqa: E402
from deepchm.classify.augment import make_sample  # noqa: E402


def rotated_bar(cx, cy, length, width, degrees):
    """Corner points of a length x width bar centred at (cx, cy), its long side turned by
    `degrees` from the vertical."""
    t = np.radians(degrees)
    along = np.array([np.sin(t), np.cos(t)])
    across = np.array([np.cos(t), -np.sin(t)])
    c = np.array([cx, cy])
    return [list(c + a * along * length / 2 + b * across * width / 2)
            for a, b in ((-1, -1), (-1, 1), (1, 1), (1, -1))]


def write_cell(folder, name, shapes, size=(200, 240), bg=200):
    """A grey cell image (background `bg`) with every shape filled dark, and its LabelMe file;
    shapes: (label, points, flags)."""
    img = np.full(size, bg, np.uint8)
    for _, pts, _ in shapes:
        cv2.fillPoly(img, [np.round(np.array(pts)).astype(np.int32)], 60)
    cv2.imwrite(os.path.join(folder, name + ".png"), img)
    doc = {"version": "5.2.1", "flags": {}, "imagePath": name + ".png",
           "imageHeight": size[0], "imageWidth": size[1],
           "shapes": [{"label": lab, "points": pts, "shape_type": "polygon", "group_id": None,
                       "flags": flags} for lab, pts, flags in shapes]}
    with open(os.path.join(folder, name + ".json"), "w") as f:
        json.dump(doc, f)


class TestArchiveCrops(unittest.TestCase):

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = os.path.join(self.tmp.name, "lab-a")
        os.makedirs(self.dir)

    def tearDown(self):
        self.tmp.cleanup()

    def test_outlines_become_upright_crops_of_their_class(self):
        write_cell(self.dir, "cell1", [
            ("1", rotated_bar(60, 60, 60, 12, 35), {"ambiguous": False, "doubtful": False}),
            ("X", rotated_bar(150, 80, 40, 10, 90), {}),
            ("24", rotated_bar(120, 160, 20, 8, 0), {}),
        ])
        cells = archive.load_dataset(self.dir)
        self.assertEqual(1, len(cells))
        cell = cells[0]
        self.assertEqual("lab-a", cell.case)
        self.assertEqual([0, 22, 23], sorted(c.label for c in cell.crops))
        one = next(c for c in cell.crops if c.label == 0)
        h, w = one.grey.shape
        self.assertAlmostEqual(60, h, delta=3)     # the long side upright
        self.assertAlmostEqual(12, w, delta=3)
        self.assertFalse(one.polarity_known)
        self.assertTrue((one.grey[~one.mask] == 255).all())
        self.assertLess(float(np.median(one.grey[one.mask])), 100)     # dark chromosome kept
        x = next(c for c in cell.crops if c.label == 22)
        self.assertGreater(x.grey.shape[0], x.grey.shape[1])             # lying bar turned upright
        self.assertEqual(float(np.median([c.grey.shape[0] for c in cell.crops])), cell.median_len)

    def test_background_scaled_to_white(self):
        write_cell(self.dir, "cell1", [("5", rotated_bar(100, 100, 50, 12, 0), {})], bg=180)
        crop = archive.load_dataset(self.dir)[0].crops[0]
        # dark 60 on background 180 -> 60 * 255 / 180 = 85
        self.assertAlmostEqual(85, float(np.median(crop.grey[crop.mask])), delta=3)

    def test_flagged_and_unclassified_outlines_left_out(self):
        write_cell(self.dir, "cell1", [
            ("2", rotated_bar(60, 60, 50, 12, 0), {"ambiguous": True}),
            ("3", rotated_bar(120, 60, 50, 12, 0), {"doubtful": True}),
            ("chromosome", rotated_bar(180, 60, 50, 12, 0), {}),
            ("4", rotated_bar(60, 150, 50, 12, 0), {}),
            ("5", [[10, 10], [11, 10], [11, 11]], {}),          # too small to be a chromosome
        ])
        cell = archive.load_dataset(self.dir)[0]
        self.assertEqual([3], [c.label for c in cell.crops])

    def test_bad_files_named(self):
        with self.assertRaises(archive.ArchiveError) as e:
            archive.load_dataset(self.dir)
        self.assertIn(self.dir, str(e.exception))
        with open(os.path.join(self.dir, "broken.json"), "w") as f:
            f.write("{not json")
        with self.assertRaises(archive.ArchiveError) as e:
            archive.load_dataset(self.dir)
        self.assertIn("broken.json", str(e.exception))
        os.remove(os.path.join(self.dir, "broken.json"))
        write_cell(self.dir, "cell1", [("5", rotated_bar(100, 100, 50, 12, 0), {})])
        with open(os.path.join(self.dir, "cell1.png"), "wb") as f:
            f.write(b"\x89PNG truncated")
        with self.assertRaises(archive.ArchiveError) as e:
            archive.load_dataset(self.dir)
        self.assertIn("cell1.png", str(e.exception))

    def test_real_crops_have_no_polarity_label(self):
        write_cell(self.dir, "cell1", [(str(k + 1), rotated_bar(30 + 40 * (k % 5), 40 + 80 * (k // 5),
                                                                50, 12, 10 * k), {}) for k in range(10)])
        cell = archive.load_dataset(self.dir)[0]
        rng = np.random.default_rng(0)
        for crop in cell.crops:
            patch, size, label, p_up = make_sample(rng, cell, crop, train=True)
            self.assertEqual((96, 48), patch.shape)
            self.assertEqual(crop.label, label)
            self.assertEqual(-1.0, p_up)
        bank = cd.Crop(0, np.full((40, 10), 80, np.uint8), np.ones((40, 10), bool))
        self.assertTrue(bank.polarity_known)

    def test_share_of_samples_from_real_cells(self):
        write_cell(self.dir, "cell1", [("Y", rotated_bar(100, 100, 30, 10, 0), {})])
        real = archive.load_dataset(self.dir)
        bank_crop = cd.Crop(0, np.full((40, 10), 80, np.uint8), np.ones((40, 10), bool))
        bank = cd.finish([cd.Cell("c1", "c1.1", [bank_crop] * 5)])
        _, _, labels, _ = train.draw(np.random.default_rng(1), bank, 400, train=True, neg_share=0.0,
                                     real=real, real_share=0.3)
        share = float((labels == 23).float().mean())
        self.assertAlmostEqual(0.3, share, delta=0.07)
        _, _, labels, _ = train.draw(np.random.default_rng(1), bank, 100, train=True, neg_share=0.0)
        self.assertEqual(0, int((labels == 23).sum()))

    def test_trainer_refuses_a_folder_without_cells_by_name(self):
        err = io.StringIO()
        with self.assertRaises(SystemExit) as e, contextlib.redirect_stderr(err):
            train.main(["--out", os.path.join(self.tmp.name, "run"), "--real", self.dir])
        self.assertEqual(2, e.exception.code)
        self.assertIn(self.dir, err.getvalue())
        self.assertFalse(os.path.exists(os.path.join(self.tmp.name, "run")))


if __name__ == "__main__":
    unittest.main()
