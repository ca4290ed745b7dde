"""Fast checks of the chromosome classifier's cut-out, augmentation, network, trainer and export
(synthetic crops: no data archive needed).

Run: cd training-bridge/python && /usr/bin/python3 -m unittest tests.test_classify
"""
import math
import os
import sys
import tempfile
import unittest
from unittest import mock

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import numpy as np  # noqa: E402
import torch  # noqa: E402

from deepchm.classify import augment  # noqa: E402
from deepchm.classify import data as cd  # noqa: E402
from deepchm.classify.augment import make_sample  # noqa: E402
from deepchm.classify.cutout import COLS, ROWS, cutout  # noqa: E402
from deepchm.classify.export import CONTRACT, export  # noqa: E402
from deepchm.classify.model import NUM_CLASSES, REJECT, Averaged, ChromosomeNet, FlipAveraged  # noqa: E402
from deepchm.classify import train as ctrain  # noqa: E402
from deepchm.classify.train import draw, loss_fn  # noqa: E402
from deepchm.model.export import read_metadata  # noqa: E402

torch.set_num_threads(1)


def synthetic_cell(n=46, seed=0):
    """Banded dark bars on white, lengths by class like real chromosomes (1 longest)."""
    rng = np.random.default_rng(seed)
    crops = []
    for i in range(n):
        label = i // 2 if i < 44 else (22 if i == 44 else 23)
        h = int(80 - label * 2.4) + int(rng.integers(-2, 3))
        w = 14
        g = np.full((h, w), 255, np.uint8)
        m = np.zeros((h, w), bool)
        m[:, 2:12] = True
        bands = (np.arange(h) // (3 + label % 4)) % 2
        g[m] = np.repeat(np.where(bands, 60, 140), 10)[: m.sum()].astype(np.uint8)
        g[:4, 2:12] = 30        # a dark p-arm tip: polarity has a cue
        crops.append(cd.Crop(label, g, m))
    cell = cd.Cell("case1", "case1.1", crops)
    cell.median_len = float(np.median([c.grey.shape[0] for c in crops]))
    return cell


class CutoutTest(unittest.TestCase):
    def test_bar_along_the_box_runs_down_the_patch(self):
        img = np.full((60, 80), 200, np.float32)
        img[27:33, 20:60] = 40
        p = cutout(img, 40, 30, 40, 6, (1.0, 0.0))
        self.assertEqual(p.shape, (ROWS, COLS))
        self.assertAlmostEqual(float(p[48, 24]), 1.0, places=4)
        self.assertAlmostEqual(float(p[48, 2]), 0.0, places=4)
        self.assertTrue((p >= 0).all() and (p <= 1).all())

    def test_reversed_direction_is_the_patch_turned_halfway(self):
        rng = np.random.default_rng(1)
        img = rng.uniform(0, 255, (64, 64)).astype(np.float32)
        t = math.radians(37)
        a = cutout(img, 31.3, 30.8, 30, 10, (math.cos(t), math.sin(t)))
        b = cutout(img, 31.3, 30.8, 30, 10, (-math.cos(t), -math.sin(t)))
        np.testing.assert_allclose(a, b[::-1, ::-1], atol=1e-3)


class SplitTest(unittest.TestCase):
    def test_split_is_by_case_and_stable(self):
        self.assertEqual(cd.case_of("97002341.12"), "97002341")
        splits = {cd.split_of_case(str(c)) for c in range(2000)}
        self.assertEqual(splits, {"train", "val", "test"})
        self.assertEqual(cd.split_of_case("97002341"), cd.split_of_case("97002341"))


class AugmentTest(unittest.TestCase):
    def test_samples_have_the_contract_shape_and_labels(self):
        cell = synthetic_cell()
        rng = np.random.default_rng(0)
        ups = set()
        for i in range(40):
            crop = cell.crops[i]
            p, s, lab, up = make_sample(rng, cell, crop, train=True)
            self.assertEqual(p.shape, (ROWS, COLS))
            self.assertEqual(lab, crop.label)
            self.assertIn(up, (0.0, 1.0))
            ups.add(up)
            self.assertTrue(np.isfinite(s))
        self.assertEqual(ups, {0.0, 1.0}, "both polarities are drawn")
        p, s, lab, up = make_sample(rng, cell, None, train=True, negative=True)
        self.assertEqual(lab, REJECT)
        self.assertEqual(up, -1.0)

    def test_relative_size_orders_long_before_short(self):
        cell = synthetic_cell()
        rng = np.random.default_rng(0)
        s1 = make_sample(rng, cell, cell.crops[0], train=False, cutout=False)[1]
        s21 = make_sample(rng, cell, cell.crops[40], train=False, cutout=False)[1]
        self.assertGreater(s1, 0)
        self.assertLess(s21, 0)

    def test_real_cell_resolution_blurs_but_keeps_the_relative_size(self):
        cell = synthetic_cell()
        sharp = make_sample(np.random.default_rng(5), cell, cell.crops[0], train=False, cutout=True)
        small = make_sample(np.random.default_rng(5), cell, cell.crops[0], train=False, cutout=True,
                            target_len=cell.median_len / 4)
        self.assertAlmostEqual(sharp[1], small[1], places=4)
        band_edges = [float(np.abs(np.diff(p[0][:, 20:28], axis=0)).mean()) for p in (sharp, small)]
        self.assertLess(band_edges[1], 0.6 * band_edges[0], "a quarter of the resolution blurs the bands")

    def test_a_condensed_chromosome_is_wider_in_its_cut_out(self):
        cell = synthetic_cell()
        crop = cell.crops[0]            # 80 x 14, 10 px wide
        width = []
        for condense in (None, 0.5):
            p, s, _, _ = make_sample(np.random.default_rng(1), cell, crop, train=False, cutout=False,
                                     condense=condense)
            width.append(int((p[48] > 0.5).sum()))
            self.assertGreater(s, 0, "still longer than the (equally condensed) cell's median")
        self.assertGreater(width[1], 1.7 * width[0])

    def test_separated_chromatids_pale_along_the_axis_only_inside_the_chromosome(self):
        cell = synthetic_cell()
        crop = cell.crops[0]
        g = augment._chromatids(np.random.default_rng(2), crop.grey.astype(np.float32), crop.mask)
        self.assertTrue((g[~crop.mask] == 255).all())
        rows = slice(int(0.75 * g.shape[0]), g.shape[0] - 5)    # away from the waist (<= 0.6 h)
        self.assertGreater(float(g[rows, 6:8].mean()), float(crop.grey[rows, 6:8].astype(np.float32).mean()) + 5)
        np.testing.assert_allclose(g[rows, 2], crop.grey[rows, 2], atol=12)

    def test_splayed_chromatids_make_an_x_wider_than_the_chromosome(self):
        cell = synthetic_cell()
        crop = cell.crops[0]            # 80 x 14, mask 10 px wide
        g, m = augment._splay(np.random.default_rng(3), crop.grey.astype(np.float32), crop.mask)
        self.assertEqual(g.shape, m.shape)
        self.assertTrue((g[~m] == 255).all())
        self.assertGreater(g.shape[1], 10 + 5, "the chromatids' ends spread apart (>= 6 degrees each)")
        self.assertLessEqual(g.shape[0], crop.grey.shape[0] + 1)
        self.assertAlmostEqual(int(m.sum()), int(crop.mask.sum()), delta=0.15 * crop.mask.sum())


def one_y_in_four_cells():
    """Four cells, one of them male: Y is 1 of 184 crops (rarer than in the bank)."""
    cells = [synthetic_cell(seed=i) for i in range(4)]
    for c in cells[1:]:
        c.crops[45].label = 22          # 46,XX
    return cells


class SidewaysPolarityAndBalanceTest(unittest.TestCase):
    def test_a_near_square_chromosome_comes_both_ways_and_sideways_has_no_polarity_label(self):
        cell = synthetic_cell()
        g = np.full((15, 14), 255, np.uint8)
        m = np.zeros((15, 14), bool)
        m[:, 2:12] = True
        g[m] = 90
        square = cd.Crop(21, g, m)
        rng = np.random.default_rng(0)
        ups = [make_sample(rng, cell, square, train=True)[3] for _ in range(60)]
        self.assertIn(-1.0, ups, "cut out sideways: no polarity label")
        self.assertTrue(any(u >= 0 for u in ups), "cut out along its axis: labelled")
        self.assertTrue(set(ups) <= {-1.0, 0.0, 1.0})
        long_ups = [make_sample(rng, cell, cell.crops[0], train=True)[3] for _ in range(40)]
        self.assertNotIn(-1.0, long_ups, "a long chromosome stays along its box even condensed")
        wide = cd.Crop(21, np.full((10, 14), 90, np.uint8), np.ones((10, 14), bool))
        eval_ups = {make_sample(rng, cell, wide, train=False, cutout=True)[3] for _ in range(20)}
        self.assertTrue(eval_ups <= {0.0, 1.0}, "evaluation sets keep their labels (comparable)")

    def test_polarity_label_follows_the_p_arm_through_every_augmentation(self):
        cell = synthetic_cell()
        g = np.full((80, 14), 255, np.uint8)
        m = np.zeros((80, 14), bool)
        m[:, 2:12] = True
        g[:40][m[:40]] = 25             # p-arm dark, q-arm pale: the label is visible
        g[40:][m[40:]] = 170
        crop = cd.Crop(0, g, m)
        rng = np.random.default_rng(4)
        agree = n = 0
        for _ in range(80):
            p, _, _, up = make_sample(rng, cell, crop, train=True)
            self.assertIn(up, (0.0, 1.0))
            top, bottom = float(p[15:40, 16:32].mean()), float(p[56:81, 16:32].mean())
            agree += (top > bottom) == (up == 1.0)
            n += 1
        self.assertGreaterEqual(agree, 0.95 * n, "the darker arm is where the label says")

    def test_y_and_the_small_acrocentrics_are_condensed_and_given_chromatids(self):
        cell = synthetic_cell()
        for label in (20, 21, 22, 23):          # 21, 22, X, Y
            crop = [c for c in cell.crops if c.label == label][0]
            rng = np.random.default_rng(label)
            with mock.patch.object(augment, "_squash", wraps=augment._squash) as sq, \
                    mock.patch.object(augment, "_chromatids", wraps=augment._chromatids) as ch, \
                    mock.patch.object(augment, "_splay", wraps=augment._splay) as sp:
                for _ in range(100):
                    make_sample(rng, cell, crop, train=True)
            self.assertGreater(sq.call_count, 30, "condensed (share %.2f)" % augment.CONDENSE_SHARE)
            self.assertGreater(ch.call_count, 5)
            self.assertGreater(sp.call_count, 5)

    def test_class_balanced_draw_oversamples_the_rare_y(self):
        cells = one_y_in_four_cells()
        index = ctrain.class_index(cells)
        self.assertEqual(len(index[23]), 1)
        counts = {}
        for balanced in (0.0, 0.5):
            rng = np.random.default_rng(1)
            counts[balanced] = sum(ctrain._pick(rng, cells, balanced, index)[1].label == 23
                                   for _ in range(6000))
        self.assertLess(counts[0.0], 0.01 * 6000)                     # 1/184 = 0.5 %
        self.assertGreater(counts[0.5], 0.015 * 6000)                 # 0.5/24 + 0.5/184 = 2.4 %
        self.assertLess(counts[0.5], 0.035 * 6000)
        imgs, sizes, labels, pol = draw(np.random.default_rng(2), cells, 12, train=True, balanced=0.5)
        self.assertEqual(tuple(imgs.shape), (12, 1, ROWS, COLS))

    def test_without_balancing_the_draw_sequence_is_the_old_one(self):
        cells = one_y_in_four_cells()
        a, b = np.random.default_rng(9), np.random.default_rng(9)
        for _ in range(50):
            cell, crop = ctrain._pick(a, cells, 0.0, None)
            old_cell = cells[b.integers(len(cells))]
            self.assertIs(cell, old_cell)
            self.assertIs(crop, old_cell.crops[b.integers(len(old_cell.crops))])

    def test_every_y_of_the_validation_cells_is_cut_out_repeatedly(self):
        cells = one_y_in_four_cells()
        imgs, sizes, labels, pol = ctrain.class_crops(np.random.default_rng(0), cells, 23, 3, condense=0.6)
        self.assertEqual(labels.tolist(), [23, 23, 23])
        self.assertFalse(torch.equal(imgs[0], imgs[1]), "each repeat is its own cut-out")

    def test_polarity_weight_scales_only_the_labelled_polarity_loss(self):
        torch.manual_seed(0)
        logits, pl = torch.randn(6, NUM_CLASSES), torch.randn(6, 1)
        labels = torch.tensor([0, 5, 23, 22, 24, 1])
        p_up = torch.tensor([1.0, 0.0, -1.0, 1.0, -1.0, 0.0])
        l0, ce, bce = loss_fn(logits, pl, labels, p_up, pol_weight=0.0)
        l1 = loss_fn(logits, pl, labels, p_up, pol_weight=1.0)[0]
        l05 = loss_fn(logits, pl, labels, p_up)[0]
        self.assertAlmostEqual(l0.item(), ce, places=5)
        self.assertAlmostEqual((l1 - l05).item(), 0.5 * bce, places=5)
        pl2 = pl.clone()
        pl2[[2, 4]] += 5.0                      # unlabelled samples: no polarity loss
        self.assertAlmostEqual(loss_fn(logits, pl2, labels, p_up, pol_weight=1.0)[0].item(), l1.item(), places=5)

    def test_condense_min_sets_the_shortest_condensation_shown(self):
        old = augment.CONDENSE_RANGE
        try:
            for lo in (0.5, 0.35):
                augment.CONDENSE_RANGE = (lo, 1.0)
                rng = np.random.default_rng(3)
                shrinks = [augment._condensation(rng, True, None) for _ in range(2000)]
                squeezed = [c for c in shrinks if c < 1.0]
                self.assertGreaterEqual(min(squeezed), lo)
                self.assertLess(min(squeezed), lo + 0.02, "the whole range is drawn")
            with self.assertRaises(SystemExit):     # outside 0.2-1.0: refused before any work
                ctrain.main(["--out", tempfile.mkdtemp(), "--condense-min", "0.1"])
        finally:
            augment.CONDENSE_RANGE = old

    def test_combined45_adds_the_strongly_condensed_top1_to_the_combined_score(self):
        rec = {"val_top1": 0.9, "val_polarity": 0.98, "val_condensed_top1": 0.8, "val_y_top1": 0.7,
               "val_y_condensed_top1": 0.5, "val_condensed45_top1": 0.6}
        self.assertAlmostEqual(ctrain.selection_score(rec), 0.9 + 0.98 + 0.8 + 0.12)
        self.assertAlmostEqual(ctrain.selection_score(rec, "combined45"), 0.9 + 0.98 + 0.8 + 0.12 + 0.6)

    def test_condensed_figures_cover_every_presentation_and_shorten_the_chromosomes(self):
        from deepchm.classify import condensed
        cells = [synthetic_cell(seed=s) for s in (1, 2)]
        rec = condensed.figures(ChromosomeNet().eval(), cells, presentations=((1.0, None), (0.45, 30)))
        self.assertEqual(sorted(rec), ["c0.45_t30", "c1.00_tNone"])
        for top1, pol in rec.values():
            self.assertTrue(0 <= top1 <= 100 and 0 <= pol <= 100)
        with mock.patch.object(condensed, "make_sample", wraps=condensed.make_sample) as ms:
            condensed.figures(ChromosomeNet().eval(), cells[:1], presentations=((0.35, None),))
        self.assertEqual(ms.call_count, 46)
        self.assertTrue(all(c.kwargs["condense"] == 0.35 for c in ms.call_args_list))


class TrainAndExportTest(unittest.TestCase):
    def test_a_few_steps_reduce_the_loss_and_the_export_keeps_the_contract(self):
        torch.manual_seed(0)
        cell = synthetic_cell()
        rng = np.random.default_rng(0)
        imgs, sizes, labels, pol = draw(rng, [cell], 32, train=False, neg_share=0.1)
        model = ChromosomeNet()
        opt = torch.optim.Adam(model.parameters(), 3e-3)
        first = None
        for _ in range(25):
            logits, pl = model.forward_logits(imgs, sizes)
            loss, _, _ = loss_fn(logits, pl, labels, pol)
            first = first if first is not None else loss.item()
            opt.zero_grad()
            loss.backward()
            opt.step()
        self.assertLess(loss.item(), first * 0.7)
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "c.onnx")
            export(model, path, {"version": "0.0.0-test"})
            md = read_metadata(path)
            self.assertEqual(md["karyo.contract"], CONTRACT)
            self.assertEqual(len(md["classes"].split(",")), NUM_CLASSES)
            self.assertGreater(os.path.getsize(path), 100_000)
        model.eval()
        with torch.no_grad():
            probs, up = model(imgs[:3], sizes[:3])
        self.assertEqual(tuple(probs.shape), (3, NUM_CLASSES))
        np.testing.assert_allclose(probs.sum(1).numpy(), 1.0, atol=1e-5)
        self.assertEqual(tuple(up.shape), (3, 1))


class AveragedTest(unittest.TestCase):
    """Two networks in one graph (export --checkpoint A --checkpoint B): their mean."""

    def setUp(self):
        torch.manual_seed(2)
        self.a, self.b = ChromosomeNet().eval(), ChromosomeNet().eval()
        self.imgs = torch.rand(4, 1, 96, 48)
        self.sizes = torch.randn(4, 1) * 0.3

    def test_probabilities_and_polarity_are_the_members_means(self):
        with torch.no_grad():
            probs, up = Averaged([self.a, self.b]).eval()(self.imgs, self.sizes)
            pa, ua = self.a(self.imgs, self.sizes)
            pb, ub = self.b(self.imgs, self.sizes)
        np.testing.assert_allclose(probs.numpy(), ((pa + pb) / 2).numpy(), atol=1e-6)
        np.testing.assert_allclose(up.numpy(), ((ua + ub) / 2).numpy(), atol=1e-6)
        np.testing.assert_allclose(probs.sum(1).numpy(), 1.0, atol=1e-5)
        # the members differ (else the test could not tell a mean from one member)
        self.assertGreater(float((pa - pb).abs().max()), 1e-3)

    def test_a_checkpoint_that_is_not_a_classifier_is_named(self):
        from deepchm.classify import export as cexport
        with tempfile.TemporaryDirectory() as d:
            good, bad = os.path.join(d, "good.pt"), os.path.join(d, "detector.pt")
            torch.save({"model": self.a.state_dict(), "epoch": 1}, good)
            torch.save({"model": {"backbone.weight": torch.zeros(3)}, "epoch": 1}, bad)
            with self.assertRaises(SystemExit) as e:
                cexport.main(["--checkpoint", good, "--checkpoint", bad, "--out", os.path.join(d, "e.onnx")])
            self.assertIn(bad, str(e.exception))
            self.assertIn("not a chromosome classifier checkpoint", str(e.exception))
            self.assertFalse(os.path.exists(os.path.join(d, "e.onnx")))

    def test_one_network_is_not_an_average(self):
        with self.assertRaises(ValueError):
            Averaged([self.a])

    def test_the_command_line_averages_repeated_checkpoints(self):
        from deepchm.classify import export as cexport
        with tempfile.TemporaryDirectory() as d:
            paths = []
            for i, net in enumerate((self.a, self.b)):
                paths.append(os.path.join(d, f"{i}.pt"))
                torch.save({"model": net.state_dict(), "epoch": 10 + i,
                            "val": {"val_top1": 0.9 + i / 100, "val_polarity": 0.98}}, paths[-1])
            out = os.path.join(d, "e.onnx")
            with mock.patch("sys.stdout"):
                cexport.main(["--checkpoint", paths[0], "--checkpoint", paths[1], "--out", out, "--tta"])
            md = read_metadata(out)
            self.assertEqual((md["inference.members"], md["training.members"], md["inference.tta"]),
                             ("2", "10,11", "flip4"))
            single = os.path.join(d, "s.onnx")
            with mock.patch("sys.stdout"):
                cexport.main(["--checkpoint", paths[0], "--out", single])
            self.assertNotIn("training.val_top1", md)       # one member's figure would mislead
            self.assertNotIn("inference.members", read_metadata(single))
            self.assertEqual("0.9000", read_metadata(single)["training.val_top1"])
            # two members' weights: about twice the single network's file
            self.assertGreater(os.path.getsize(out), 1.8 * os.path.getsize(single))


class FlipAveragedTest(unittest.TestCase):
    """The exported test-time augmentation (export --tta): four flipped views, averaged."""

    def setUp(self):
        torch.manual_seed(1)
        self.net = ChromosomeNet().eval()
        self.imgs = torch.rand(3, 1, 96, 48)
        self.sizes = torch.randn(3, 1) * 0.3
        self.tta = FlipAveraged(self.net).eval()

    def test_classes_average_four_views_and_polarity_the_plain_and_the_turned_one(self):
        with torch.no_grad():
            probs, up = self.tta(self.imgs, self.sizes)
            views = [self.imgs, torch.flip(self.imgs, [3]), torch.flip(self.imgs, [2, 3]), torch.flip(self.imgs, [2])]
            outs = [self.net(v, self.sizes) for v in views]
        np.testing.assert_allclose(probs.numpy(), sum(o[0] for o in outs).numpy() / 4, atol=1e-6)
        want = (outs[0][1] + (1 - outs[2][1])) / 2
        np.testing.assert_allclose(up.numpy(), want.numpy(), atol=1e-6)
        np.testing.assert_allclose(probs.sum(1).numpy(), 1.0, atol=1e-5)
        self.assertEqual(tuple(up.shape), (3, 1))

    def test_a_turned_cut_out_gets_the_same_class_and_the_opposite_polarity(self):
        with torch.no_grad():
            probs, up = self.tta(self.imgs, self.sizes)
            probs_t, up_t = self.tta(torch.flip(self.imgs, [2, 3]), self.sizes)
            plain_up = self.net(self.imgs, self.sizes)[1]
            plain_up_t = self.net(torch.flip(self.imgs, [2, 3]), self.sizes)[1]
        np.testing.assert_allclose(probs_t.numpy(), probs.numpy(), atol=1e-6)
        np.testing.assert_allclose(up_t.numpy(), 1 - up.numpy(), atol=1e-6)
        # the plain network is not equivariant by construction (else this test could not fail)
        self.assertGreater(float((plain_up_t - (1 - plain_up)).abs().max()), 1e-4)

    def test_the_export_marks_the_model_and_keeps_the_contract(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "t.onnx")
            export(self.tta, path, {"version": "0.0.0-test", "inference.tta": "flip4"})
            md = read_metadata(path)
            self.assertEqual(md["karyo.contract"], CONTRACT)
            self.assertEqual(md["inference.tta"], "flip4")

    def test_the_command_line_wraps_only_when_asked(self):
        from deepchm.classify import export as cexport
        with tempfile.TemporaryDirectory() as d:
            ckpt = os.path.join(d, "best.pt")
            torch.save({"model": self.net.state_dict(), "epoch": 3}, ckpt)
            with mock.patch("sys.stdout"):
                cexport.main(["--checkpoint", ckpt, "--out", os.path.join(d, "t.onnx"), "--version", "9.9.9", "--tta"])
                cexport.main(["--checkpoint", ckpt, "--out", os.path.join(d, "p.onnx"), "--version", "9.9.9"])
            with_tta = read_metadata(os.path.join(d, "t.onnx"))
            plain = read_metadata(os.path.join(d, "p.onnx"))
            self.assertEqual((with_tta["inference.tta"], with_tta["model.version"]), ("flip4", "9.9.9"))
            self.assertNotIn("inference.tta", plain)
            # the flips are exported as reversed Slice nodes; the plain network has none
            with open(os.path.join(d, "t.onnx"), "rb") as f:
                self.assertIn(b"Slice", f.read())
            with open(os.path.join(d, "p.onnx"), "rb") as f:
                self.assertNotIn(b"Slice", f.read())


if __name__ == "__main__":
    unittest.main()
