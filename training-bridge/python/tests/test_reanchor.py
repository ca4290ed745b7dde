"""Anchor transplant: a model moved onto other anchor scales predicts the same boxes."""
import io
import math
import os
import tempfile
import unittest
from contextlib import redirect_stderr, redirect_stdout

import torch

from deepchm import train
from deepchm.model import reanchor
from deepchm.synth import ribbons as synth
from deepchm.model.anchors import all_locations, anchors_at, decode_raw
from deepchm.model.network import AnchorConfig, DeepCHM, preset
from deepchm.trainio import save_checkpoint


def quiet_train(args):
    """The trainer's exit code; its progress events are not this test's output."""
    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        return train.main(args)


def boxes_and_scores(model, image):
    with torch.no_grad():
        _, scores, deltas = model.eval()(image)
    cfg = model.config.anchors
    h, w = scores.shape[2:]
    rows, cols = all_locations(h, w)
    a = anchors_at(rows, cols, cfg)                       # (L*A, 5), location-major
    d = deltas[0].permute(2, 3, 0, 1).reshape(-1, 5)      # [A,5,h,w] -> (L*A, 5)
    s = scores[0].permute(1, 2, 0).reshape(-1)
    return decode_raw(a, d).reshape(h * w, cfg.num_anchors, 5), s.reshape(h * w, cfg.num_anchors)


class TestReanchor(unittest.TestCase):
    def setUp(self):
        torch.manual_seed(0)
        self.old = DeepCHM(preset("tiny", 64, 96))
        with torch.no_grad():  # make the output layers carry something to transplant
            for conv in (self.old.cls_head.out, self.old.reg_head.out):
                conv.weight.normal_(0, 0.003)  # small: far from the decoder's dw/dh clamp
                conv.bias.normal_(0, 0.3)
        self.image = torch.rand(1, 1, 64, 96) * 255

    def test_new_anchors_predict_the_old_boxes(self):
        src = self.old.config.anchors
        dst = AnchorConfig(scales=(2.0, 3.5, 6.0))
        new = DeepCHM(preset("tiny", 64, 96, anchors=dst))
        new.load_state_dict(reanchor.transplant(self.old.state_dict(), src, dst))
        old_boxes, old_scores = boxes_and_scores(self.old, self.image)
        new_boxes, new_scores = boxes_and_scores(new, self.image)
        self.assertEqual(new_scores.shape[1], 72)
        for a, (s, k) in enumerate(reanchor.source_anchors(src, dst)):
            torch.testing.assert_close(new_scores[:, a], old_scores[:, s])
            torch.testing.assert_close(new_boxes[:, a], old_boxes[:, s], rtol=1e-4, atol=1e-3)
        # 3.5 comes from 5 (nearer in log scale), 6 from 5, 2 from 2 unchanged
        m = reanchor.source_anchors(src, dst)
        self.assertEqual([round(k, 3) for _, k in m[0:36:12]], [1.0, 0.7, 1.2])

    def test_same_scales_load_unchanged_and_other_ratios_are_refused(self):
        with self.assertRaises(ValueError):
            reanchor.source_anchors(AnchorConfig(), AnchorConfig(ratios=(1.5, 3.0)))
        model = DeepCHM(preset("tiny", 64, 96))
        reanchor.load_for(model, {"model": self.old.state_dict(), "args": {"anchor_scales": None}})
        for k, v in self.old.state_dict().items():
            torch.testing.assert_close(model.state_dict()[k], v)

    def test_trainer_initialises_from_other_anchor_scales(self):
        with tempfile.TemporaryDirectory() as tmp:
            data = os.path.join(tmp, "data")
            synth.write_set(data, 3, 128, 192, seed=5, count=(4, 6))
            ck = os.path.join(tmp, "old.pt")
            opt = torch.optim.Adam(self.old.parameters())
            args = type("A", (), {})()
            args.anchor_scales = None
            save_checkpoint(ck, self.old, opt, torch.optim.lr_scheduler.ExponentialLR(opt, 0.9),
                            {"step": 0}, args)
            out = os.path.join(tmp, "run")
            code = quiet_train(["--data", data, "--out", out, "--preset", "tiny", "--input", "64x96",
                                "--crop", "64", "--batch", "1", "--steps-per-epoch", "1", "--epochs", "1",
                                "--val-fraction", "0", "--anchor-scales", "2,3.5,6", "--init", ck])
            self.assertEqual(code, 0)
            saved = torch.load(os.path.join(out, "checkpoints", "last.pt"))
            self.assertEqual(tuple(saved["args"]["anchor_scales"]), (2.0, 3.5, 6.0))
            self.assertEqual(saved["model"]["cls_head.out.bias"].numel(), 72)
            # fine-tuning from it without the flag keeps its anchors (no silent move back to 2, 5)
            tuned = os.path.join(tmp, "tuned")
            code = quiet_train(["--data", data, "--out", tuned, "--preset", "tiny", "--input", "64x96",
                                "--crop", "64", "--batch", "1", "--steps-per-epoch", "1", "--epochs", "1",
                                "--val-fraction", "0", "--init", os.path.join(out, "checkpoints", "last.pt")])
            self.assertEqual(code, 0)
            saved = torch.load(os.path.join(tuned, "checkpoints", "last.pt"))
            self.assertEqual(tuple(saved["args"]["anchor_scales"]), (2.0, 3.5, 6.0))
            # resuming without the flag keeps the run's own anchors
            code = quiet_train(["--data", data, "--out", out, "--preset", "tiny", "--input", "64x96",
                                "--crop", "64", "--batch", "1", "--steps-per-epoch", "1", "--epochs", "2",
                                "--val-fraction", "0", "--resume"])
            self.assertEqual(code, 0)
            self.assertTrue(math.isfinite(float(torch.load(os.path.join(out, "checkpoints", "last.pt"))
                                                ["model"]["cls_head.out.bias"].sum())))
            # ... and refuses other ones, saying how to change them
            code = quiet_train(["--data", data, "--out", out, "--preset", "tiny", "--input", "64x96",
                                "--crop", "64", "--batch", "1", "--steps-per-epoch", "1", "--epochs", "3",
                                "--val-fraction", "0", "--resume", "--anchor-scales", "2,5"])
            self.assertEqual(code, 2)


if __name__ == "__main__":
    unittest.main()
