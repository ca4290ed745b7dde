#!/usr/bin/env python3
"""Straightening with an outline from GrabCut instead of the crop's own mask (docs/karyogram.md,
"Straightening bent chromosomes"): the held-out cut-out procedure of deepchm.classify.augment
(eval mode: polarity turn, neighbours, box jitter) replayed with the same random draws, and
before the cut-out the chromosome inside the box is outlined (MODE truemask: the crop's mask on
the canvas; grabcut: cv2.grabCut from the box's rectangle, the component nearest the box centre),
straightened (karyo-straighten-experiment.py) and, when its axis exceeds RATIO x the box length,
cut out straight. The shipped network, flip-averaged, on both versions.

    cd training-bridge/python
    /usr/bin/python3 ../../docs/metrics/karyo-straighten-grabcut.py val RATIO truemask|grabcut
"""
import os, sys, math, time, numpy as np, cv2, torch
sys.path.insert(0, '.')
import importlib.util
spec = importlib.util.spec_from_file_location('se', os.path.join(os.path.dirname(os.path.abspath(__file__)), 'karyo-straighten-experiment.py')); se = importlib.util.module_from_spec(spec); spec.loader.exec_module(se)
from deepchm.classify import data as cd, augment as A, cutout as cut
from deepchm.classify.model import ChromosomeNet, FlipAveraged
torch.set_num_threads(2)
RATIO = float(sys.argv[2]); MODE = sys.argv[3]   # MODE: grabcut | truemask
def sample(rng, cell, crop, hook):
    grey, mask = crop.grey.astype(np.float32), crop.mask
    label, p_up = crop.label, 1.0
    if rng.random() < 0.5:
        grey, mask = grey[::-1, ::-1], mask[::-1, ::-1]; p_up = 0.0
    h, w = grey.shape
    pad = int(max(h, w) * 0.8) + 4
    canvas, cmask = A._canvas_for(np.ascontiguousarray(grey), np.ascontiguousarray(mask), pad)
    cy, cx = pad + h / 2, pad + w / 2
    if rng.random() < 0.6:
        A._neighbours(rng, canvas, cell, cy, cx, h, w)
    across = w > h
    length, width = (float(w), float(h)) if across else (float(h), float(w))
    angle = 90.0 if across else 0.0
    scale = math.exp(rng.normal(0, 0.06)); length *= scale; width *= math.exp(rng.normal(0, 0.1))
    angle += float(np.clip(rng.normal(0, 7), -25, 25))
    cy += rng.normal(0, 0.04 * length); cx += rng.normal(0, 0.04 * width)
    t = math.radians(angle); down = (-math.sin(t), math.cos(t))
    med = cell.median_len
    if hook:
        r = hook(canvas, cmask, cx, cy, length, width, angle)
        if r is not None:
            g2 = r
            H2, W2 = g2.shape; P = int(max(H2, W2) * 0.8) + 4
            c2 = np.full((H2 + 2 * P, W2 + 2 * P), 255, np.float32); c2[P:P + H2, P:P + W2] = g2
            patch = cut.cutout(c2, P + W2 / 2, P + H2 / 2, float(H2), float(W2), (0.0, 1.0))
            return patch, math.log(max(H2, 1.0) / med), label, p_up, True
    patch = cut.cutout(canvas, cx, cy, length, width, down)
    return patch, math.log(max(length, 1.0) / med), label, p_up, False
def hook(canvas, cmask, cx, cy, length, width, angle):
    box = cv2.boxPoints(((cx, cy), (width * 1.15, length * 1.15), angle))
    x0, y0 = np.floor(box.min(0)).astype(int); x1, y1 = np.ceil(box.max(0)).astype(int)
    H, W = canvas.shape; x0, y0 = max(x0, 0), max(y0, 0); x1, y1 = min(x1, W - 1), min(y1, H - 1)
    g = canvas[y0:y1 + 1, x0:x1 + 1].clip(0, 255).astype(np.uint8)
    if MODE == 'truemask':
        m = cmask[y0:y1 + 1, x0:x1 + 1]
    else:
        m0 = np.zeros(g.shape, np.uint8); bg = np.zeros((1, 65), np.float64); fg = np.zeros((1, 65), np.float64)
        rect = (2, 2, g.shape[1] - 4, g.shape[0] - 4)
        try:
            cv2.grabCut(cv2.cvtColor(g, cv2.COLOR_GRAY2BGR), m0, rect, bg, fg, 4, cv2.GC_INIT_WITH_RECT)
        except cv2.error:
            return None
        m = (m0 == cv2.GC_FGD) | (m0 == cv2.GC_PR_FGD)
        n, lab = cv2.connectedComponents(m.astype(np.uint8), connectivity=8)
        if n < 2: return None
        yy, xx = np.nonzero(m); d = (yy - (cy - y0)) ** 2 + (xx - (cx - x0)) ** 2
        m = lab == lab[yy[np.argmin(d)], xx[np.argmin(d)]]
    if m.sum() < 20: return None
    g2, m2 = se.straighten(np.where(m, g, 255).astype(np.uint8), m)
    if g2.shape[0] > RATIO * length:
        return g2.astype(np.float32)
    return None
cells = cd.load_split(sys.argv[1])
net = ChromosomeNet(); net.load_state_dict(torch.load('../../assets/models/checkpoints/karyo-classifier-1.2.0/weights.pt', map_location='cpu')['model']); model = FlipAveraged(net).eval()
res = {}
for name, hk in (('as cut', None), (MODE, hook)):
    t0 = time.time(); rng = np.random.default_rng(7)
    S = [sample(rng, c, cr, hk) for c in cells for cr in c.crops]
    x = torch.from_numpy(np.array([s[0] for s in S], np.float32)[:, None]); size = torch.from_numpy(np.array([s[1] for s in S], np.float32)[:, None])
    lab = np.array([s[2] for s in S]); up_t = np.array([s[3] for s in S]) == 1; bent = np.array([s[4] for s in S])
    with torch.no_grad():
        outs = [model(x[a:a + 512], size[a:a + 512]) for a in range(0, len(x), 512)]
    pr = torch.cat([o[0] for o in outs]).numpy(); up = torch.cat([o[1] for o in outs]).numpy()[:, 0]
    t1, pol = pr.argmax(1) == lab, (up >= 0.5) == up_t
    res[name] = (t1, pol, bent)
    print(f"{sys.argv[1]} {name:9s}: top-1 {100*t1.mean():.2f} %  polarity {100*pol.mean():.2f} % ({(~pol).sum()} wrong)  straightened {bent.sum()}  ({time.time()-t0:.0f} s)", flush=True)
b = res[MODE][2]; t0_, p0_, _ = res['as cut']; t1_, p1_, _ = res[MODE]
print(f"on the straightened: top-1 {100*t0_[b].mean():.1f} -> {100*t1_[b].mean():.1f} %, polarity wrong {(~p0_[b]).sum()} -> {(~p1_[b]).sum()}")
