"""How well an anchor set fits a dataset's chromosomes at the scale the workstation runs them.

Training makes an anchor positive at skew-IoU >= 0.6 with a ground-truth box (plus each box's
single best anchor), so a chromosome whose best anchor stays under 0.6 is learnt from one anchor
only. For every ground-truth box (minimum-area rectangle of its polygon, scaled like
`trainio.network_scale`) this takes the best skew-IoU over the cell's anchor shapes centred on
the box (the best case: real anchors sit on the stride-4 grid) and reports how many boxes fall
under 0.5 and 0.6.

    /usr/bin/python3 -m deepchm.tools.anchorfit --data DIR [--scales 2,5] [--chromosome-width 7.9]
"""
import argparse
import json
import sys

import numpy as np
import torch

from ..data.labelme import load_dataset
from ..model.network import AnchorConfig
from ..model.rbox import rotated_iou
from ..model.targets import min_area_rect
from ..trainio import network_scale


def best_anchor_iou(boxes: np.ndarray, cfg: AnchorConfig) -> np.ndarray:
    """(n,) best skew-IoU of each (cx, cy, w, h, theta) box with the anchor shapes centred on it."""
    shapes = torch.tensor(cfg.shapes(), dtype=torch.float64)
    out = np.zeros(len(boxes))
    for i, b in enumerate(torch.as_tensor(boxes, dtype=torch.float64)):
        anchors = torch.cat([b[:2].repeat(len(shapes), 1), shapes], 1)
        out[i] = float(rotated_iou(b[None], anchors).max())
    return out


def network_boxes(samples, in_hw, chromosome_width):
    """Ground-truth boxes of every sample at the workstation's network scale."""
    boxes = []
    for s in samples:
        k = network_scale(s, in_hw, chromosome_width)
        for p in s.polygons:
            cx, cy, w, h, t = min_area_rect(p)
            boxes.append((cx * k, cy * k, w * k, h * k, t))
    return np.array(boxes, dtype=np.float64).reshape(-1, 5)


def summary(best: np.ndarray) -> dict:
    n = len(best)
    return {"boxes": n, "below_0.5": int((best < 0.5).sum()), "below_0.6": int((best < 0.6).sum()),
            "median_best_iou": float(np.median(best)) if n else None}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", required=True, help="LabelMe dataset folder (as for deepchm.train)")
    ap.add_argument("--scales", default="2,5", help="anchor scales to check, comma separated")
    ap.add_argument("--chromosome-width", type=float, help="the model's input.chromosome_width")
    ap.add_argument("--input", default="512x768")
    args = ap.parse_args(argv)
    in_hw = tuple(int(v) for v in args.input.lower().split("x"))
    train, val, _ = load_dataset(args.data, val_fraction=0.0)
    boxes = network_boxes(train + val, in_hw, args.chromosome_width)
    cfg = AnchorConfig(scales=tuple(float(v) for v in args.scales.split(",")))
    report = {"scales": list(cfg.scales), "anchors_per_cell": cfg.num_anchors,
              **summary(best_anchor_iou(boxes, cfg))}
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
