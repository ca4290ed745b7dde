"""Anchor coverage: best skew-IoU of ground-truth boxes with the anchor shapes."""
import io
import json
import tempfile
import unittest
from contextlib import redirect_stdout

import numpy as np

from deepchm.synth import ribbons as synth
from deepchm.tools import anchorfit
from deepchm.data.labelme import load_dataset
from deepchm.model.network import AnchorConfig


class TestAnchorFit(unittest.TestCase):
    def test_an_anchor_shape_fits_itself_and_a_square_fits_no_anchor(self):
        cfg = AnchorConfig()
        w, h, t = cfg.shapes()[5]
        best = anchorfit.best_anchor_iou(np.array([[50, 60, w, h, t], [50, 60, 40, 40, 0]]), cfg)
        self.assertAlmostEqual(best[0], 1.0, places=6)
        # 40 x 40 holds at best the 35.4 x 17.7 anchor: 626 / 1600
        self.assertAlmostEqual(best[1], 5 * 5 * 5 * 5 / 1600, places=2)
        self.assertEqual(anchorfit.summary(best)["below_0.6"], 1)

    def test_a_middle_scale_covers_the_sizes_between_two_scales(self):
        box = np.array([[0, 0, 26, 9, 45]])  # a long side between the 14 and 35 px anchors
        paper = anchorfit.best_anchor_iou(box, AnchorConfig())[0]
        middle = anchorfit.best_anchor_iou(box, AnchorConfig(scales=(2, 3.5, 6)))[0]
        self.assertLess(paper, 0.6)
        self.assertGreater(middle, 0.7)

    def test_command_reports_every_box_of_the_dataset(self):
        with tempfile.TemporaryDirectory() as tmp:
            synth.write_set(tmp, 2, 192, 256, seed=4, count=(5, 7))
            train, val, _ = load_dataset(tmp, val_fraction=0.0)
            out = io.StringIO()
            with redirect_stdout(out):
                self.assertEqual(anchorfit.main(["--data", tmp, "--scales", "2,3.5,6"]), 0)
            report = json.loads(out.getvalue())
            self.assertEqual(report["boxes"], sum(len(s.polygons) for s in train + val))
            self.assertEqual(report["anchors_per_cell"], 72)
            self.assertLessEqual(report["below_0.5"], report["below_0.6"])


if __name__ == "__main__":
    unittest.main()
