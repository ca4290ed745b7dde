#!/usr/bin/env python3
"""Would straightened cut-outs help the classifier with bent chromosomes? The experiment of
2026-12-08 (docs/karyogram.md, "Straightening bent chromosomes: an experiment"), kept so that its
figures can be rebuilt. It straightens the crop bank's crops along their medial axis using each
crop's own mask (which our detector's cut-outs do not have), then cuts them out as the held-out
evaluation does, and runs the shipped network (flip-averaged) on both versions.

    cd training-bridge/python
    /usr/bin/python3 ../../docs/metrics/karyo-straighten-experiment.py SPLIT RATIO CHECKPOINT

SPLIT: val or test; a crop counts as bent (and is straightened) when its straightened length
exceeds RATIO times its height. Seeds 7 and 8 draw the cut-outs (rotation residue, polarity,
neighbours, box jitter), the same for both versions.
"""
import sys
from collections import deque

import cv2
import numpy as np
import torch

sys.path.insert(0, '.')
from deepchm.classify import data as cd  # noqa: E402
from deepchm.classify.augment import make_sample  # noqa: E402
from deepchm.classify.model import ChromosomeNet, FlipAveraged  # noqa: E402

NEIGHBOURS = [(dy, dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1) if dy or dx]


def longest_path(skel):
    """Longest path through a skeleton (breadth-first search twice), as (row, col) points."""
    pts = set(zip(*[a.tolist() for a in np.nonzero(skel)]))
    if len(pts) < 3:
        return None

    def bfs(start):
        prev, q, last = {start: None}, deque([start]), start
        while q:
            p = q.popleft()
            last = p
            for dy, dx in NEIGHBOURS:
                n = (p[0] + dy, p[1] + dx)
                if n in pts and n not in prev:
                    prev[n] = p
                    q.append(n)
        return last, prev
    a, _ = bfs(next(iter(sorted(pts))))
    b, prev = bfs(a)
    path, p = [], b
    while p is not None:
        path.append(p)
        p = prev[p]
    return np.array(path, np.float32)


def straighten(grey, mask):
    """The crop resampled along its medial axis (top end kept at the top), with its mask."""
    m8 = cv2.copyMakeBorder(mask.astype(np.uint8) * 255, 2, 2, 2, 2, cv2.BORDER_CONSTANT, value=0)
    g = cv2.copyMakeBorder(grey, 2, 2, 2, 2, cv2.BORDER_CONSTANT, value=255).astype(np.float32)
    path = longest_path(cv2.ximgproc.thinning(m8) > 0)
    if path is None or len(path) < 8:
        return grey, mask
    if path[0, 0] > path[-1, 0]:
        path = path[::-1]
    k = 5
    padded = np.vstack([np.repeat(path[:1], k, 0), path, np.repeat(path[-1:], k, 0)])
    smooth = np.array([padded[i:i + 2 * k + 1].mean(0) for i in range(len(path))])

    def extend(end, d):
        d = d / (np.linalg.norm(d) + 1e-6)
        out, p = [], end.copy()
        for _ in range(200):
            p = p + d
            y, x = int(round(p[0])), int(round(p[1]))
            if not (0 <= y < m8.shape[0] and 0 <= x < m8.shape[1]) or m8[y, x] == 0:
                break
            out.append(p.copy())
        return out
    head = extend(smooth[0], smooth[0] - smooth[min(6, len(smooth) - 1)])[::-1]
    tail = extend(smooth[-1], smooth[-1] - smooth[max(-7, -len(smooth))])
    axis = np.vstack([np.array(head).reshape(-1, 2), smooth, np.array(tail).reshape(-1, 2)])
    s = np.concatenate([[0], np.cumsum(np.linalg.norm(np.diff(axis, axis=0), axis=1))])
    length = int(np.floor(s[-1])) + 1
    if length < 8:
        return grey, mask
    t = np.arange(length, dtype=np.float32)
    ay, ax = np.interp(t, s, axis[:, 0]), np.interp(t, s, axis[:, 1])
    ty, tx = np.gradient(ay), np.gradient(ax)
    ty = cv2.GaussianBlur(ty.reshape(-1, 1), (1, 9), 2).ravel()
    tx = cv2.GaussianBlur(tx.reshape(-1, 1), (1, 9), 2).ravel()
    n = np.sqrt(ty ** 2 + tx ** 2) + 1e-6
    ty, tx = ty / n, tx / n
    dt = cv2.distanceTransform(m8, cv2.DIST_L2, 3)
    on_axis = dt[ay.round().astype(int).clip(0, dt.shape[0] - 1), ax.round().astype(int).clip(0, dt.shape[1] - 1)]
    hw = int(np.ceil(1.25 * np.percentile(on_axis, 90))) + 1
    j = np.arange(-hw, hw + 1, dtype=np.float32)
    my = (ay[:, None] + tx[:, None] * j[None, :]).astype(np.float32)
    mx = (ax[:, None] - ty[:, None] * j[None, :]).astype(np.float32)
    out = cv2.remap(g, mx, my, cv2.INTER_LINEAR, borderValue=255)
    out_mask = cv2.remap(m8.astype(np.float32), mx, my, cv2.INTER_NEAREST, borderValue=0) > 127
    out[~out_mask] = 255
    return out.clip(0, 255).astype(np.uint8), out_mask


def main(split, ratio, checkpoint):
    torch.set_num_threads(2)
    cells = cd.load_split(split)
    straight, bent = [], []
    for c in cells:
        crops = []
        for cr in c.crops:
            g2, m2 = straighten(cr.grey, cr.mask)
            b = g2.shape[0] > ratio * cr.grey.shape[0]
            bent.append(b)
            crops.append(cd.Crop(cr.label, g2, m2) if b else cr)
        n = cd.Cell(c.case, c.cell, crops)
        n.median_len = float(np.median([x.grey.shape[0] for x in crops]))
        straight.append(n)
    bent = np.array(bent)
    net = ChromosomeNet()
    net.load_state_dict(torch.load(checkpoint, map_location='cpu')['model'])
    model = FlipAveraged(net).eval()
    print(f"{split}: {len(bent)} chromosomes, bent (straightened > {ratio} x its height): {bent.sum()}")
    for seed in (7, 8):
        for name, cs in (('as cut', cells), ('bent ones straightened', straight)):
            rng = np.random.default_rng(seed)
            samples = [make_sample(rng, c, cr, train=False, cutout=True) for c in cs for cr in c.crops]
            x = torch.from_numpy(np.array([s[0] for s in samples], np.float32)[:, None])
            size = torch.from_numpy(np.array([s[1] for s in samples], np.float32)[:, None])
            label = np.array([s[2] for s in samples])
            up_true = np.array([s[3] for s in samples]) == 1
            with torch.no_grad():
                outs = [model(x[a:a + 512], size[a:a + 512]) for a in range(0, len(x), 512)]
            probs = torch.cat([o[0] for o in outs]).numpy()
            up = torch.cat([o[1] for o in outs]).numpy()[:, 0]
            top1, pol = probs.argmax(1) == label, (up >= 0.5) == up_true
            print(f"seed {seed} {name:23s} top-1 {100 * top1.mean():.2f} %  polarity {100 * pol.mean():.2f} % "
                  f"({(~pol).sum()} wrong: bent {(~pol[bent]).sum()}, others {(~pol[~bent]).sum()})  "
                  f"top-1 of the bent {100 * top1[bent].mean():.1f} %")


if __name__ == '__main__':
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    main(sys.argv[1], float(sys.argv[2]), sys.argv[3])
