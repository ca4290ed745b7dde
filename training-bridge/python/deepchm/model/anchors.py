"""Anchors, skeleton-guided locations (SGAch), delta coding, anchor labels and
the Python inference path (shared/docs/deepchm.md sections 2-4). The coding
is the exact inverse of the Java decoder (docs/onnx-contract.md)."""
import math

import torch

from .network import AnchorConfig
from .rbox import normalise, nms, rotated_iou

# Same clamp as the Java decoder (SgachDecoder.MAX_LOG_SCALE).
MAX_LOG_SCALE = math.log(1000.0 / 16)
# Java caps the candidates handed to NMS at this many (best scores).
MAX_CANDIDATES = 10_000


def cell_anchors(cfg: AnchorConfig) -> torch.Tensor:
    """(A, 3) anchor (w, h, theta_deg) in contract order."""
    return torch.tensor(cfg.shapes(), dtype=torch.float32)


def anchors_at(rows: torch.Tensor, cols: torch.Tensor, cfg: AnchorConfig) -> torch.Tensor:
    """(L*A, 5) anchors at cells (rows[l], cols[l]); location-major, so row k
    is anchor k % A of location k // A."""
    shapes = cell_anchors(cfg).to(rows.device)
    a, n = shapes.shape[0], rows.numel()
    centres = cell_centres(rows, cols, cfg).repeat_interleave(a, 0)
    return torch.cat([centres, shapes.repeat(n, 1)], 1)


def cell_centres(rows: torch.Tensor, cols: torch.Tensor, cfg: AnchorConfig) -> torch.Tensor:
    """(L, 2) anchor centres ((col + offset) * stride, (row + offset) * stride)."""
    cx = (cols.to(torch.float32) + cfg.center_offset) * cfg.stride
    cy = (rows.to(torch.float32) + cfg.center_offset) * cfg.stride
    return torch.stack([cx, cy], 1)


def sgach_locations(skeleton_map: torch.Tensor, t_loc: float):
    """(rows, cols) of the cells whose skeleton value is >= t_loc, row-major
    (the Java cell order)."""
    rows, cols = torch.nonzero(skeleton_map >= t_loc, as_tuple=True)
    return rows, cols


def all_locations(h: int, w: int, device=None):
    """Every cell, row-major: the anchors when SGAch is off."""
    rows = torch.arange(h, device=device).repeat_interleave(w)
    cols = torch.arange(w, device=device).repeat(h)
    return rows, cols


def wrap_angle(rad: torch.Tensor) -> torch.Tensor:
    """The equivalent angle modulo pi in (-pi/2, pi/2]."""
    return math.pi / 2 - torch.remainder(math.pi / 2 - rad, math.pi)


def encode(anchors: torch.Tensor, gt: torch.Tensor) -> torch.Tensor:
    """Deltas (K,5) that `decode` maps back onto gt (K,5). The gt is
    normalised first (w >= h); dtheta is the gt-anchor angle difference taken
    modulo 180 degrees nearest to 0, in radians."""
    gt = normalise(gt)
    dx = (gt[:, 0] - anchors[:, 0]) / anchors[:, 2]
    dy = (gt[:, 1] - anchors[:, 1]) / anchors[:, 3]
    dw = torch.log(gt[:, 2] / anchors[:, 2])
    dh = torch.log(gt[:, 3] / anchors[:, 3])
    dt = wrap_angle(torch.deg2rad(gt[:, 4] - anchors[:, 4]))
    return torch.stack([dx, dy, dw, dh, dt], 1)


def decode_raw(anchors: torch.Tensor, deltas: torch.Tensor) -> torch.Tensor:
    """Decoded boxes without normalisation (differentiable; theta may leave
    [0,180) and w < h is possible). dw/dh clamped like Java."""
    x = anchors[:, 0] + deltas[:, 0] * anchors[:, 2]
    y = anchors[:, 1] + deltas[:, 1] * anchors[:, 3]
    w = anchors[:, 2] * torch.exp(deltas[:, 2].clamp(max=MAX_LOG_SCALE))
    h = anchors[:, 3] * torch.exp(deltas[:, 3].clamp(max=MAX_LOG_SCALE))
    t = anchors[:, 4] + torch.rad2deg(deltas[:, 4])
    return torch.stack([x, y, w, h, t], 1)


def decode(anchors: torch.Tensor, deltas: torch.Tensor) -> torch.Tensor:
    """The Java decoding: x = ax + dx*aw, y = ay + dy*ah, w = aw*exp(dw),
    h = ah*exp(dh), theta = atheta + degrees(dtheta), then normalised."""
    return normalise(decode_raw(anchors, deltas))


@torch.no_grad()
def label_anchors(anchors: torch.Tensor, gt: torch.Tensor, pos_iou: float = 0.6,
                  neg_iou: float = 0.4, ignore: torch.Tensor = None):
    """Anchor labels (1 positive, 0 negative, -1 ignored), matched gt index
    (-1 when there is no gt) and the IoU matrix (K, N).

    Positive: IoU >= pos_iou with some gt (matched to the best gt), plus, for
    every gt, the anchors with its maximum IoU (ties: all of them; skipped
    when that maximum is 0), matched to that gt. Negative: max IoU <= neg_iou.
    `ignore` (K,) bool turns non-positive anchors into -1 (e.g. anchors on
    cells the annotation leaves uncertain)."""
    k, n = anchors.shape[0], gt.shape[0]
    labels = torch.zeros(k, dtype=torch.long, device=anchors.device)
    matched = torch.full((k,), -1, dtype=torch.long, device=anchors.device)
    ious = rotated_iou(anchors, gt) if n else anchors.new_zeros(k, 0)
    if n and k:
        best, arg = ious.max(1)
        labels[best > neg_iou] = -1
        pos = best >= pos_iou
        labels[pos] = 1
        matched[pos] = arg[pos]
        gbest = ious.max(0).values                       # (N,)
        is_best = (ious == gbest[None, :]) & (gbest[None, :] > 0)
        for g in torch.nonzero(gbest > 0).flatten().tolist():
            rows = torch.nonzero(is_best[:, g]).flatten()
            rows = rows[~pos[rows]]  # a >= pos_iou anchor keeps its best gt
            labels[rows] = 1
            matched[rows] = g
    if ignore is not None:
        labels[ignore & (labels != 1)] = -1
    return labels, matched, ious


@torch.no_grad()
def decode_maps(sal: torch.Tensor, scores: torch.Tensor, deltas: torch.Tensor,
                cfg: AnchorConfig, t_loc: float = 0.2, t_score: float = 0.5,
                t_nms: float = 0.2, max_candidates: int = MAX_CANDIDATES):
    """The inference path of one image, as Java runs it: sal (3,h,w) and
    scores (A,h,w) are probabilities, deltas (A,5,h,w) raw. SGAch cells ->
    anchors with score >= t_score -> decode -> at most max_candidates best ->
    skew-NMS. Returns (boxes (n,5) network pixels, scores (n,)), best first."""
    rows, cols = sgach_locations(sal[0], t_loc)
    sc = scores[:, rows, cols].t().reshape(-1)                 # location-major
    dl = deltas[:, :, rows, cols].permute(2, 0, 1).reshape(-1, 5)
    keep = (sc >= t_score) & torch.isfinite(dl).all(1)
    idx = torch.nonzero(keep).flatten()
    if idx.numel() > max_candidates:
        # Highest scores; among equal scores the lower index (Java's order).
        order = torch.sort(sc[idx], descending=True, stable=True).indices
        idx = torch.sort(idx[order[:max_candidates]]).values
    a = cfg.num_anchors
    shapes = cell_anchors(cfg).to(dl.device)[idx % a]
    centres = cell_centres(rows[idx // a], cols[idx // a], cfg).to(dl.device)
    anchors = torch.cat([centres, shapes], 1)
    boxes = decode(anchors.double(), dl[idx].double())
    kept = nms(boxes, sc[idx], t_nms).to(idx.device)
    return boxes[kept].to(torch.float32), sc[idx][kept]
