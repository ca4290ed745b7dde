"""Metaphase composer: exact polygons, determinism, no shared data in procedural mode,
train/val banks disjoint by cell, LabelMe + dataset.json readable, counts, 16-bit output."""
import hashlib
import json
import os
import tempfile
import unittest
from pathlib import Path
from unittest import mock

import numpy as np
from PIL import Image

from deepchm.synth import chromatids, compose, crops, outline, placement, procedural
from deepchm.data.labelme import load_dataset


def _digest(folder):
    h = hashlib.sha256()
    for p in sorted(Path(folder).iterdir()):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


class GeometryTest(unittest.TestCase):
    def test_trace_encloses_exactly_the_pixels(self):
        m = np.zeros((20, 20), bool)
        m[3:15, 5:9] = True
        m[8:11, 9:14] = True
        m[15, 9] = True  # diagonal neighbour (8-connected)
        poly = outline.trace_outline(m)
        self.assertTrue((outline.rasterize(poly, 20, 20) == m).all())

    def test_components_and_holes(self):
        m = np.zeros((9, 9), bool)
        m[1:6, 1:6] = True
        m[3, 3] = False          # a hole
        m[7:9, 7:9] = True       # a second, smaller object
        labels, n = crops.label(m)
        self.assertEqual(n, 2)
        big = crops.fill_holes(crops.largest_component(m))
        self.assertTrue(big[3, 3])
        self.assertFalse(big[8, 8])


class ComposeTest(unittest.TestCase):
    def _check_exact(self, source, bank=None, h=550, w=700):
        rng = np.random.default_rng(3)
        img, polys, labels, masks = compose.compose(rng, source, h, w, bank=bank, return_masks=True)
        self.assertEqual(img.shape, (h, w))
        self.assertEqual(len(polys), len(labels))
        for poly, (x0, y0, m) in zip(polys, masks):
            truth = np.zeros((h, w), bool)
            ys, xs = np.nonzero(m)
            truth[ys + y0, xs + x0] = True
            r = outline.rasterize(poly, h, w)
            iou = (r & truth).sum() / (r | truth).sum()
            self.assertGreaterEqual(iou, 0.9)
            self.assertLessEqual(len(poly), 60)
        return polys

    def test_polygons_exact_procedural(self):
        polys = self._check_exact("procedural")
        self.assertGreaterEqual(len(polys), 44)

    def test_split_chromatids_stay_one_object_and_keep_their_pixels(self):
        g, m, _ = procedural.procedural_chromosome(np.random.default_rng(4), 2)
        sg, sm = chromatids.split_chromatids(g, m, np.radians(15), 4.0)
        self.assertEqual(sm.shape[0], m.shape[0])
        self.assertGreater(sm.shape[1], m.shape[1])                 # wider: the arms swing apart
        self.assertEqual(int(sm.sum()), int(m.sum()))              # every chromatid pixel kept
        self.assertEqual(crops.label(sm)[1], 1)                    # joined at the centromere
        rows = np.nonzero(sm.any(1))[0]
        end = sm[rows[0] + 2]                                      # near a telomere: two chromatids
        self.assertEqual(int((np.diff(end.astype(int)) == 1).sum()), 2)
        self.assertTrue((sg[~sm] == 255).all())

    def test_polygons_exact_with_split_chromatids(self):
        rng = np.random.default_rng(5)
        img, polys, _, masks = compose.compose(rng, "procedural", 550, 700, return_masks=True,
                                               chromatid_split=1.0, blur_max=2.5)
        self.assertGreaterEqual(len(polys), 44)
        for poly, (x0, y0, m) in zip(polys, masks):
            truth = np.zeros((550, 700), bool)
            ys, xs = np.nonzero(m)
            truth[ys + y0, xs + x0] = True
            r = outline.rasterize(poly, 550, 700)
            self.assertGreaterEqual((r & truth).sum() / (r | truth).sum(), 0.9)

    def test_a_cut_off_chromatid_is_not_drawn_unlabelled(self):
        alpha = np.zeros((30, 30))
        alpha[2:20, 5:9] = 1.0      # the chromosome kept as the object
        alpha[2:12, 15:18] = 1.0    # a chromatid that lost its connection
        binm = placement.clean(alpha >= 0.5)
        self.assertFalse(binm[5, 16])
        dark, kept = chromatids.labelled_only(alpha * 0.8, alpha, binm)
        self.assertEqual(float(dark[2:12, 15:18].sum()), 0.0)
        self.assertEqual(float(kept[2:12, 15:18].sum()), 0.0)
        self.assertTrue((dark[2:20, 5:9] == 0.8).all())

    def test_no_split_keeps_the_earlier_random_stream(self):
        # the training and test sets of model 1.1.0 must regenerate byte for byte: this digest
        # was taken with the composer before chromatid splitting existed
        a = compose.compose(np.random.default_rng(9), "procedural", 300, 400, chromatid_split=0.0)
        self.assertEqual("e09f437bdd8e6d05ecff111b4b485fa7fcaf375c3c121fe34d30e627aeb5687f",
                         hashlib.sha256(a[0].tobytes()).hexdigest())
        c = compose.compose(np.random.default_rng(9), "procedural", 300, 400, chromatid_split=1.0)
        self.assertNotEqual(hashlib.sha256(a[0].tobytes()).digest(), hashlib.sha256(c[0].tobytes()).digest())

    def test_split_strength_one_keeps_the_split_data_of_model_1_2_0(self):
        # train/c and the split test set of 1.2.0 were composed before --split-strength existed
        c = compose.compose(np.random.default_rng(9), "procedural", 300, 400, chromatid_split=1.0)
        self.assertEqual("59f9cc0444a5711410f7f2ef1fd26ffb188ee326ff6936b469928b1306db9426",
                         hashlib.sha256(c[0].tobytes()).hexdigest())

    def test_stronger_split_swings_chromatids_further_apart(self):
        cell = procedural.procedural_cell(np.random.default_rng(4), 46)
        def mean_width(strength):
            out = chromatids.split_cell_chromatids(np.random.default_rng(8), cell, strength)
            return np.mean([min(m.shape) for _, m, _ in out])
        self.assertGreater(mean_width(1.8), mean_width(1.0) * 1.15)
        self.assertGreater(mean_width(1.0), np.mean([min(m.shape) for _, m, _ in cell]))

    def test_sixteen_bit_array(self):
        img, _, _ = compose.compose(np.random.default_rng(0), "procedural", 300, 400, bit_depth=16)
        self.assertEqual(img.dtype, np.uint16)

    def test_counts_respected(self):
        for n in (45, 46, 47):
            _, polys, labels = compose.compose(np.random.default_rng(n), "procedural", 550, 700, count=n)
            self.assertEqual(len(polys), n)

    def test_deterministic_and_sixteen_bit(self):
        with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
            compose.main(["--out", a, "--images", "2", "--seed", "7", "--bit-depth", "16"])
            compose.main(["--out", b, "--images", "2", "--seed", "7", "--bit-depth", "16"])
            self.assertEqual(_digest(a), _digest(b))
            png = os.path.join(a, "meta_00000.png")
            with open(png, "rb") as f:
                self.assertEqual(f.read(25)[24], 16)  # IHDR bit depth: a 16-bit grey PNG
            arr = np.asarray(Image.open(png))
            self.assertLessEqual(int(arr.max()), 4095)
            self.assertGreater(int(arr.max()), 255)

    def test_procedural_never_reads_shared_data(self):
        real_open = open

        def guarded(path, *args, **kw):
            if "shared" in str(path) or str(path).endswith(".tar.gz"):
                raise AssertionError("procedural mode opened %s" % path)
            return real_open(path, *args, **kw)

        with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as out, \
                mock.patch.dict(os.environ, {"KARYO_CACHE": cache, "KARYO_SHARED_DATA": "/nonexistent/shared"}), \
                mock.patch("builtins.open", guarded), \
                mock.patch("tarfile.open", side_effect=AssertionError("tar opened")), \
                mock.patch.object(crops, "load_bank", side_effect=AssertionError("bank loaded")):
            compose.main(["--out", out, "--images", "1", "--seed", "1", "--source", "procedural"])
            self.assertEqual(os.listdir(cache), [])

    def test_dataset_loads(self):
        with tempfile.TemporaryDirectory() as out:
            compose.main(["--out", out, "--images", "3", "--seed", "2", "--counts", "45,47",
                          "--patient", "P9", "--split", "val"])
            manifest = json.load(open(os.path.join(out, "dataset.json")))
            self.assertEqual(manifest["format"], "karyo-dataset-1")
            train, val, summary = load_dataset(out)
            self.assertEqual((len(train), len(val)), (0, 3))
            self.assertEqual(summary["split"], "dataset.json")
            for s in val:
                self.assertIn(len(s.polygons), (45, 47))
                self.assertEqual(s.patient, "P9")
                self.assertEqual(s.image().shape, (s.height, s.width))
            self.assertEqual(summary["instances"], sum(e["count"] for e in manifest["images"]))


@unittest.skipUnless(crops.archive_path().is_file(), "shared crop archive absent: %s" % crops.archive_path())
class RealBankTest(unittest.TestCase):
    def test_splits_share_no_cell(self):
        train = set(crops.list_cells("train"))
        val = set(crops.list_cells("val"))
        self.assertTrue(train and val)
        self.assertFalse(train & val)
        self.assertGreater(len(val), 0.1 * (len(train) + len(val)))

    def test_real_compose_exact(self):
        ids, bank = crops.load_bank("val", limit_cells=2, with_ids=True)
        self.assertEqual(len(bank), 2)
        self.assertTrue(all(crops.split_of(c) == "val" for c in ids))
        for cell in bank:
            self.assertGreaterEqual(len(cell), 40)
            for grey, mask, lab in cell[:5]:
                self.assertEqual(grey.dtype, np.uint8)
                self.assertEqual(grey.shape, mask.shape)
                self.assertTrue(mask.any())
        polys = self._compose(bank)
        self.assertGreaterEqual(len(polys), 40)

    def _compose(self, bank):
        return ComposeTest._check_exact(self, "real", bank=bank)


if __name__ == "__main__":
    unittest.main()


class ProphaseAndHighResolutionTest(unittest.TestCase):
    """--stretch-max and --width-px: longer chromosomes, wider ones; defaults keep the old stream."""

    @staticmethod
    def _sides(polys):
        import cv2
        out = []
        for p in polys:
            (_, _), (w, h), _ = cv2.minAreaRect(np.asarray(p, np.float32))
            out.append((max(w, h), min(w, h)))
        return np.array(out)

    def test_stretched_chromosomes_are_longer_not_wider(self):
        base = compose.compose(np.random.default_rng(5), "procedural", 1200, 1600)[1]
        long = compose.compose(np.random.default_rng(5), "procedural", 1200, 1600, stretch_max=2.2)[1]
        a, b = self._sides(base), self._sides(long)
        self.assertGreater(np.median(b[:, 0]), 1.25 * np.median(a[:, 0]))
        self.assertLess(abs(np.median(b[:, 1]) - np.median(a[:, 1])), 0.25 * np.median(a[:, 1]))

    def test_width_px_sets_the_chromosome_width(self):
        _, polys, _ = compose.compose(np.random.default_rng(6), "procedural", 1600, 2200, width_px=(26, 28))
        widths = self._sides(polys)[:, 1]
        self.assertTrue(20 <= np.median(widths) <= 34, np.median(widths))

    def test_defaults_unchanged(self):
        a = compose.compose(np.random.default_rng(7), "procedural", 550, 700)[0]
        b = compose.compose(np.random.default_rng(7), "procedural", 550, 700, stretch_max=None, width_px=None)[0]
        self.assertTrue(np.array_equal(a, b))
