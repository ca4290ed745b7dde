"""Fast checks of the DeepCHM network and exporter (tiny preset only).

Run: cd training-bridge/python && /usr/bin/python3 -m unittest discover -s tests
"""
import json
import math
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import torch  # noqa: E402

from deepchm.model.export import (CONTRACT, build_random, decode_varint, encode_varint,  # noqa: E402
                                  export_onnx, read_metadata)
from deepchm.model.network import AnchorConfig, DeepCHM, count_macs, count_parameters, preset  # noqa: E402
from deepchm.model.reference import reference_input, sample_indices  # noqa: E402

torch.set_num_threads(2)

CONTRACT_KEYS = [
    "karyo.contract", "model.name", "model.version", "model.created", "model.trained",
    "model.architecture", "input.height", "input.width", "input.background",
    "anchors.stride", "anchors.base_size", "anchors.scales", "anchors.ratios",
    "anchors.angles", "anchors.center_offset", "thresholds.loc", "thresholds.score",
    "thresholds.nms", "training.data", "training.settings", "training.metrics"]


def run(model, h, w):
    model.eval()
    with torch.no_grad():
        return model(torch.full((1, 1, h, w), 200.0))


class ShapeTest(unittest.TestCase):
    def test_presets_cost_what_the_model_card_says(self):
        # parameters and GMAC at 512 x 768 quoted in docs/model-card.md and docs/performance.md
        for name, params, gmac in (("lite", 3.12e6, 9.17), ("lite-wide", 11.53e6, 19.38)):
            model = DeepCHM(preset(name, 512, 768))
            self.assertAlmostEqual(count_parameters(model) / 1e6, params / 1e6, delta=0.01, msg=name)
            self.assertAlmostEqual(count_macs(model, 512, 768) / 1e9, gmac, delta=0.01, msg=name)

    def test_tiny_shapes(self):
        for h, w in ((64, 96), (128, 192)):
            torch.manual_seed(0)
            model = DeepCHM(preset("tiny", h, w))
            sal, scores, deltas = run(model, h, w)
            self.assertEqual(list(sal.shape), [1, 3, h // 4, w // 4])
            self.assertEqual(list(scores.shape), [1, 48, h // 4, w // 4])
            self.assertEqual(list(deltas.shape), [1, 48, 5, h // 4, w // 4])
            self.assertTrue(0 <= float(sal.min()) and float(sal.max()) <= 1)
            self.assertTrue(0 <= float(scores.min()) and float(scores.max()) <= 1)

    def test_logits_match_probabilities(self):
        torch.manual_seed(0)
        model = DeepCHM(preset("tiny", 64, 96)).eval()
        x = torch.rand(1, 1, 64, 96) * 255
        with torch.no_grad():
            sal_l, cls_l, d_l = model.forward_logits(x)
            sal, scores, deltas = model(x)
        self.assertTrue(torch.allclose(torch.sigmoid(sal_l), sal))
        self.assertTrue(torch.allclose(torch.sigmoid(cls_l), scores))
        self.assertTrue(torch.equal(d_l, deltas))

    def test_prior_biases(self):
        # An untrained model should mark almost nothing as skeleton/foreground.
        torch.manual_seed(0)
        sal, scores, _ = run(DeepCHM(preset("tiny", 64, 96)), 64, 96)
        self.assertLess(float(sal[0, 0].mean()), 0.05)
        self.assertLess(float(scores.mean()), 0.05)

    def test_bad_input_size(self):
        with self.assertRaises(ValueError):
            preset("tiny", 100, 96)


class AnchorTest(unittest.TestCase):
    def test_paper_anchor_count_and_order(self):
        a = AnchorConfig()
        self.assertEqual(a.num_anchors, 48)
        shapes = a.shapes()
        # a = (ratioIdx * |scales| + scaleIdx) * |angles| + angleIdx
        w, h, t = shapes[(1 * 2 + 0) * 12 + 3]
        self.assertAlmostEqual(w, 5 * 2 * math.sqrt(4))
        self.assertAlmostEqual(h, 5 * 2 / math.sqrt(4))
        self.assertEqual(t, 45.0)

    def test_outputs_follow_anchor_settings(self):
        anchors = AnchorConfig(scales=(3.0,), ratios=(1.5, 2.0, 4.0), angles=(0, 30, 60, 90, 120, 150))
        torch.manual_seed(0)
        model = DeepCHM(preset("tiny", 64, 96, anchors=anchors))
        self.assertEqual(model.num_anchors, 18)
        _, scores, deltas = run(model, 64, 96)
        self.assertEqual(list(scores.shape), [1, 18, 16, 24])
        self.assertEqual(list(deltas.shape), [1, 18, 5, 16, 24])


class PMInfTest(unittest.TestCase):
    def test_switch(self):
        x = torch.rand(1, 1, 64, 96) * 255
        for on in (True, False):
            torch.manual_seed(0)
            model = DeepCHM(preset("tiny", 64, 96, use_pmInf=on)).eval()
            d = model.config.decoder_channels
            self.assertEqual(model.cls_head.fuse[0].in_channels, d + 3 if on else d)
            with torch.no_grad():
                before = model(x)[1]
                # Saliency reaches the heads only through PMInf.
                model.saliency.bias.add_(3.0)
                after = model(x)[1]
            self.assertEqual(not torch.allclose(before, after), on)


class ExportTest(unittest.TestCase):
    def test_varint_roundtrip(self):
        for n in (0, 1, 127, 128, 300, 16383, 16384, 2 ** 31 + 5):
            enc = encode_varint(n)
            self.assertEqual(decode_varint(enc + b"\x00", 0), (n, len(enc)))

    def test_metadata_reads_back(self):
        model, config = build_random("tiny", 64, 96, seed=0)
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "m.onnx")
            export_onnx(model, config, path, {"model.name": "unit-test",
                                              "training.metrics": {"f1": 0.5}})
            meta = read_metadata(path)
            self.assertGreater(os.path.getsize(path), 10000)
        for key in CONTRACT_KEYS:
            self.assertIn(key, meta)
        self.assertEqual(meta["karyo.contract"], CONTRACT)
        self.assertEqual(meta["model.name"], "unit-test")
        self.assertEqual(meta["model.trained"], "false")
        self.assertEqual(meta["input.height"], "64")
        self.assertEqual(meta["anchors.angles"], ",".join(str(a) for a in range(0, 180, 15)))
        self.assertEqual(json.loads(meta["training.metrics"]), {"f1": 0.5})
        arch = json.loads(meta["model.architecture"])
        self.assertEqual(arch["backbone"], "resnet18")
        self.assertEqual(arch["anchors_per_cell"], 48)


class ReferenceTest(unittest.TestCase):
    def test_input_and_samples(self):
        img = reference_input(4, 6)
        v = 127.5 + 127.5 * math.sin(0.05 * 5 + 0.07 * 3) * math.cos(0.03 * 5 - 0.02 * 3)
        self.assertEqual(img.dtype, torch.float32)
        self.assertAlmostEqual(float(img[0, 0, 3, 5]), v, places=4)
        idx = sample_indices(1000, 400)
        self.assertEqual(idx, sample_indices(1000, 400))
        self.assertEqual(len(idx), 400)
        self.assertTrue(all(i * 1000 // 400 <= j < (i + 1) * 1000 // 400
                            for i, j in enumerate(idx)))


if __name__ == "__main__":
    unittest.main()
