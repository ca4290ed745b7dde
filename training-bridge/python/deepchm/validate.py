"""Validation pass: loss on whole letterboxed images and detection metrics through the
Python inference path (SGAch, decode, skew-NMS) at the model's default thresholds."""
import numpy as np
import torch

from .model.anchors import decode_maps
from .metrics import match_image, summarise
from .model.targets import build_targets
from .trainio import letterboxed, network_scale

T_LOC, T_SCORE_FLOOR, T_NMS = 0.2, 0.05, 0.2


@torch.no_grad()
def validate(model, loss_fn, samples, in_hw, device, trained_width=None):
    model.eval()
    losses, per_image = [], []
    for s in samples:
        img, polys = letterboxed(s.image(), s.polygons, in_hw, scale=network_scale(s, in_hw, trained_width))
        t = build_targets(polys, in_hw[0], in_hw[1], stride=4)
        x = torch.from_numpy(img.astype(np.float32))[None, None].to(device)
        logits = model.forward_logits(x)
        losses.append(float(loss_fn(logits, [t])["total"]))
        sal, cls, deltas = logits
        boxes, scores = decode_maps(torch.sigmoid(sal[0]).cpu(), torch.sigmoid(cls[0]).cpu(), deltas[0].cpu(),
                                    model.config.anchors, T_LOC, T_SCORE_FLOOR, T_NMS)
        per_image.append((*match_image(np.asarray(boxes), np.asarray(scores), t.boxes), len(t.boxes)))
    metrics = summarise(per_image)
    metrics["loss"] = float(np.mean(losses)) if losses else float("nan")
    metrics["images"] = len(samples)
    return metrics
