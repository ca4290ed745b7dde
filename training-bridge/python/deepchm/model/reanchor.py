"""Fine-tuning onto a different anchor set (`train --init` with other `--anchor-scales`).

Only the two output convolutions of the heads depend on the anchors: one classification
channel and five regression channels per anchor. Each new anchor takes the channels of the
old anchor with the same ratio and angle and the nearest scale (in log scale), rewritten so
that it predicts the same box: with k = new side / old side, dx and dy shrink by 1/k (they
are in units of the anchor's sides) and dw, dh lose log k. So the transplanted model starts
out finding exactly what the old one found, and training only has to specialise the copies.
"""
import math

import torch

from .network import AnchorConfig

HEAD_OUTPUTS = ("cls_head.out.weight", "cls_head.out.bias",
                "reg_head.out.weight", "reg_head.out.bias")


def anchor_config_of(checkpoint_args: dict) -> AnchorConfig:
    """The anchors a checkpoint was trained with (checkpoints from before --anchor-scales
    existed used the default set)."""
    a = AnchorConfig()
    scales = (checkpoint_args or {}).get("anchor_scales")
    return AnchorConfig(scales=tuple(scales)) if scales else a


def source_anchors(src: AnchorConfig, dst: AnchorConfig):
    """-> [(source anchor index, side factor k)] for each anchor of dst, in contract order."""
    if tuple(src.ratios) != tuple(dst.ratios) or tuple(src.angles) != tuple(dst.angles):
        raise ValueError("anchor transplant keeps ratios and angles; only scales may change "
                         "(from %s/%s to %s/%s)" % (src.ratios, src.angles, dst.ratios, dst.angles))
    na, ns = len(src.angles), len(src.scales)
    out = []
    for ri in range(len(dst.ratios)):
        for s in dst.scales:
            side = dst.base_size * s
            si = min(range(ns), key=lambda j: abs(math.log(side / (src.base_size * src.scales[j]))))
            k = side / (src.base_size * src.scales[si])
            for ai in range(len(dst.angles)):
                out.append(((ri * ns + si) * na + ai, k))
    return out


def transplant(state: dict, src: AnchorConfig, dst: AnchorConfig) -> dict:
    """A copy of `state` whose head outputs are re-indexed from src's anchors to dst's."""
    mapping = source_anchors(src, dst)
    out = dict(state)
    idx = torch.tensor([m[0] for m in mapping])
    out["cls_head.out.weight"] = state["cls_head.out.weight"][idx].clone()
    out["cls_head.out.bias"] = state["cls_head.out.bias"][idx].clone()
    w, b = state["reg_head.out.weight"], state["reg_head.out.bias"]
    nw = torch.empty((5 * len(mapping),) + tuple(w.shape[1:]), dtype=w.dtype)
    nb = torch.empty(5 * len(mapping), dtype=b.dtype)
    for a, (s, k) in enumerate(mapping):
        for c in range(5):
            nw[5 * a + c] = w[5 * s + c]
            nb[5 * a + c] = b[5 * s + c]
        nw[5 * a:5 * a + 2] /= k   # dx, dy are in units of the anchor's w, h
        nb[5 * a:5 * a + 2] /= k
        nb[5 * a + 2:5 * a + 4] -= math.log(k)  # w = anchor_w * exp(dw)
    out["reg_head.out.weight"], out["reg_head.out.bias"] = nw, nb
    return out


def load_for(model, checkpoint: dict):
    """Loads checkpoint weights into `model`, transplanting the head outputs when the
    checkpoint was trained with other anchor scales."""
    state = checkpoint["model"]
    src = anchor_config_of(checkpoint.get("args"))
    dst = model.config.anchors
    if state["cls_head.out.bias"].numel() != dst.num_anchors or tuple(src.scales) != tuple(dst.scales):
        state = transplant(state, src, dst)
    model.load_state_dict(state)
