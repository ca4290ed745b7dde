#!/usr/bin/env python3
"""A pairwise "same chromosome" score for the detector's boxes (issue 19, item 5): the experiment
of 2026-12-08, kept so that its figures can be rebuilt (docs/model-card.md, "A pairwise same-
chromosome score"). Not part of the product: the rule it tests was not shipped.

  features DETECTIONS.json OUT.json OUTLINE_DIR...   pairs of touching boxes, their features and,
                                                     where a truth outline folder holds the cell,
                                                     a label (same chromosome or two)
  evaluate TRUTH_CSV... -- FEATURES.json...          choose the candidate on CabinH and report

DETECTIONS.json is `karyo count ... --out` of the shipped model; OUTLINE_DIR a LabelMe folder
(`karyo archive import` output, `deepchm.tools.adir` instances, composed spreads). The rule file
beside this script says what was fixed before the figures."""
import csv
import glob
import json
import os
import sys
from collections import Counter

import cv2
import numpy as np

FEATURES = ['da', 'iou', 'ios', 'along', 'perp', 'lr', 'wr', 'wmin', 'wmax', 'lmin', 'lmax', 'jl', 'jw',
            'jfill', 'fill', 'ufill', 'same', 'carea', 'cn', 'smin', 'smax']
HELD_OUT_SLIDES = ('A03', 'A06', 'A22', 'P08', 'P11', 'V14', 'V17', 'V24', 'V27')


def grey(path, inverted):
    g = cv2.imread(path, cv2.IMREAD_UNCHANGED)
    if g is None:
        raise SystemExit(f"{path}: cannot read")
    if g.ndim == 3:
        g = cv2.cvtColor(g[..., :3], cv2.COLOR_BGR2GRAY)
    if g.dtype != np.uint8:
        g = cv2.normalize(g, None, 0, 255, cv2.NORM_MINMAX).astype(np.uint8)
    return 255 - g if inverted else g


def corners(b):
    return cv2.boxPoints(((b['cx'], b['cy']), (b['w'], b['h']), b['angle']))


def box_mask(b, shape, grow=0):
    m = np.zeros(shape, np.uint8)
    cv2.fillPoly(m, [np.round(corners(b)).astype(np.int32)], 1)
    if grow:
        m = cv2.dilate(m, np.ones((2 * grow + 1, 2 * grow + 1), np.uint8))
    return m.astype(bool)


def axis(b):
    length, width = max(b['w'], b['h']), min(b['w'], b['h'])
    return length, width, np.deg2rad(b['angle'] if b['w'] >= b['h'] else b['angle'] + 90)


def cell_pairs(im):
    """Every pair of boxes that touch (grown by 2 px), with geometric features relative to the
    cell's median box and the Otsu component the boxes lie on."""
    g = grey(im['file'], im.get('inverted')); shape = g.shape
    _, fg = cv2.threshold(g, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    _, lab, st, _ = cv2.connectedComponentsWithStats(fg.astype(np.uint8), connectivity=8)
    areas = st[1:, cv2.CC_STAT_AREA]
    med_area = np.median(areas[areas >= 0.15 * np.median(areas)]) if len(areas) else 1
    boxes = im['boxes']
    masks = [box_mask(b, shape) for b in boxes]
    grown = [box_mask(b, shape, 2) for b in boxes]
    geo = [axis(b) for b in boxes]
    med_len = np.median([x[0] for x in geo]) if geo else 1
    med_wid = np.median([x[1] for x in geo]) if geo else 1
    comp = []
    for m in masks:
        ls = lab[m]; ls = ls[ls > 0]
        comp.append(Counter(ls.tolist()).most_common(1)[0][0] if len(ls) else 0)
    per_comp = Counter(comp)
    rows = []
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            if not (grown[i] & grown[j]).any():
                continue
            li, wi, ai = geo[i]; lj, wj, aj = geo[j]
            inter = (masks[i] & masks[j]).sum(); si, sj = masks[i].sum(), masks[j].sum()
            d = np.array([boxes[j]['cx'] - boxes[i]['cx'], boxes[j]['cy'] - boxes[i]['cy']])
            u = np.array([np.cos(ai), np.sin(ai)])
            (cx, cy), (w, h), ang = cv2.minAreaRect(np.vstack([corners(boxes[i]), corners(boxes[j])]).astype(np.float32))
            joint = box_mask({'cx': cx, 'cy': cy, 'w': w, 'h': h, 'angle': ang}, shape)
            union = masks[i] | masks[j]
            same = comp[i] == comp[j] and comp[i] > 0
            rows.append(dict(
                i=i, j=j, da=abs((np.rad2deg(ai - aj) + 90) % 180 - 90),
                iou=inter / max(1, si + sj - inter), ios=inter / max(1, min(si, sj)),
                along=abs(d @ u) / ((li + lj) / 2), perp=abs(-d[0] * u[1] + d[1] * u[0]) / ((wi + wj) / 2),
                lr=min(li, lj) / max(li, lj), wr=min(wi, wj) / max(wi, wj),
                wmin=min(wi, wj) / med_wid, wmax=max(wi, wj) / med_wid,
                lmin=min(li, lj) / med_len, lmax=max(li, lj) / med_len,
                jl=max(w, h) / med_len, jw=min(w, h) / med_wid, jfill=joint.sum() / max(1, union.sum()),
                fill=float(fg[joint].mean()) if joint.any() else 0.0, ufill=float(fg[union].mean()),
                same=float(same), carea=st[comp[i], cv2.CC_STAT_AREA] / med_area if comp[i] > 0 else 0.0,
                cn=per_comp[comp[i]] if same else 0,
                smin=min(boxes[i]['score'], boxes[j]['score']), smax=max(boxes[i]['score'], boxes[j]['score'])))
    return rows, masks, shape


def label(rows, masks, outline_json, shape):
    """A box belongs to the truth outline covering most of it (over 30 %); a pair is the same
    chromosome when both boxes belong to one outline. Pairs with an unmatched box: -1."""
    inst = []
    for s in json.load(open(outline_json))['shapes']:
        m = np.zeros(shape, np.uint8)
        cv2.fillPoly(m, [np.round(np.array(s['points'])).astype(np.int32)], 1)
        inst.append(m.astype(bool))
    match = []
    for bm in masks:
        cover = [(bm & m).sum() / max(1, bm.sum()) for m in inst]
        k = int(np.argmax(cover)) if cover else -1
        match.append(k if k >= 0 and cover[k] > 0.3 else -1)
    for r in rows:
        a, b = match[r['i']], match[r['j']]
        r['y'] = -1 if a < 0 or b < 0 else float(a == b)


def features(det_json, out_json, outline_dirs):
    cells = []
    for im in json.load(open(det_json))['images']:
        name = os.path.basename(im['file']).rsplit('.', 1)[0]
        rows, masks, shape = cell_pairs(im)
        truth = [p for d in outline_dirs for p in glob.glob(f"{d}/*{name}.json")]
        if truth:
            label(rows, masks, truth[0], shape)
        cells.append(dict(file=im['file'], name=name, count=im['count'], labelled=bool(truth), rows=rows))
    json.dump(cells, open(out_json, 'w'))


def matrix(rows):
    return np.array([[r[f] for f in FEATURES] for r in rows], float)


def fit(rows, l2=1e-2, steps=3000):
    """Logistic regression on standardised features (plain gradient descent)."""
    x = matrix(rows); y = np.array([r['y'] for r in rows])
    mu, sd = x.mean(0), x.std(0) + 1e-9; z = (x - mu) / sd
    w = np.zeros(z.shape[1]); b = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(z @ w + b))); g = p - y
        w -= 0.5 * (z.T @ g / len(y) + l2 * w); b -= 0.5 * g.mean()
    return mu, sd, w, b


def count(cell, model, t):
    """One box per group of boxes joined by pairs above t (union-find); model None joins the
    pairs labelled "same chromosome" (the ceiling of removing duplicates)."""
    n = cell['count']; parent = list(range(n))

    def root(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]; a = parent[a]
        return a
    if model is None:
        for r in cell['rows']:
            if r.get('y', -1) == 1:
                parent[root(r['i'])] = root(r['j'])
    elif cell['rows']:
        mu, sd, w, b = model
        z = np.clip(((matrix(cell['rows']) - mu) / sd) @ w + b, -50, 50)
        for r, p in zip(cell['rows'], 1 / (1 + np.exp(-z))):
            if p > t:
                parent[root(r['i'])] = root(r['j'])
    return len({root(a) for a in range(n)})


def evaluate(truth_csvs, feature_files):
    truth = {}
    for f in truth_csvs:
        for r in csv.DictReader(open(f)):
            truth[r['cell'].rsplit('.', 1)[0]] = int(r['count'])
    cells = {c['name']: c for f in feature_files for c in json.load(open(f))}
    sets = {
        'cabinh': [c for n, c in cells.items() if n.startswith('8129A')],
        'tuanvision': [c for n, c in cells.items() if n in ('100955NVG.017.A', '5180104844.020.A', '98917NVG.002.A')],
        'adir-held-out-slides': [c for n, c in cells.items() if n[:3] in HELD_OUT_SLIDES],
        'demo': [c for n, c in cells.items() if n.startswith('cell-')]}
    adir_train = [c for n, c in cells.items() if n[:1] in 'APV' and n[:3] not in HELD_OUT_SLIDES and c['labelled']]
    composed = [c for n, c in cells.items() if n.startswith('meta_') and c['labelled']]

    def labelled(cs):
        return [r for c in cs for r in c['rows'] if r.get('y', -1) >= 0]

    def stats(counts, cs):
        e = np.array([k - truth[c['name']] for k, c in zip(counts, cs)])
        return f"exact {(e == 0).sum()} / within 1 {(abs(e) <= 1).sum()} / MAE {abs(e).mean():.2f} / bias {e.mean():+.2f}"
    for s, cs in sets.items():
        print(f"shipped 1.4.1  {s:22s} {len(cs):3d} cells  {stats([c['count'] for c in cs], cs)}")
    for s in ('cabinh', 'tuanvision'):
        cs = sets[s]
        counts = [count(c, None, 0) for c in cs]
        print(f"ceiling (pairs on one outline joined) {s:11s} {stats(counts, cs)}  {counts}")
    cab = sets['cabinh']; grid = [0.5, 0.6, 0.7, 0.8, 0.9]; best = None

    def better(a, b):
        return b is None or a[0] > b[0]
    for t in grid:  # P1: fitted on CabinH, judged there leave-one-cell-out
        counts = [count(c, fit(labelled(cab[:k] + cab[k + 1:])), t) for k, c in enumerate(cab)]
        e = np.array([k - 46 for k in counts])
        key = ((e == 0).sum(), (abs(e) <= 1).sum(), -abs(e).sum())
        print(f"P1 t {t}  cabinh (leave one cell out)  {stats(counts, cab)}")
        if better((key, 'P1', t), best):
            best = (key, 'P1', t)
    p2 = fit(labelled(adir_train + composed))
    for t in grid:  # P2: fitted on ADIR train slides + composed spreads, CabinH out of sample
        counts = [count(c, p2, t) for c in cab]
        e = np.array([k - 46 for k in counts])
        key = ((e == 0).sum(), (abs(e) <= 1).sum(), -abs(e).sum())
        print(f"P2 t {t}  cabinh  {stats(counts, cab)}")
        if better((key, 'P2', t), best):
            best = (key, 'P2', t)
    _, name, t = best
    model = fit(labelled(cab)) if name == 'P1' else p2
    print(f"chosen on CabinH: {name} at t {t}; weights", dict(zip(FEATURES, np.round(model[2], 2))))
    for s, cs in sets.items():
        counts = [count(c, model, t) for c in cs]
        print(f"{name} t {t}  {s:22s} {len(cs):3d} cells  {stats(counts, cs)}  {counts if len(cs) <= 22 else ''}")
    for s, cs in sets.items():  # the candidate not chosen, for the record
        if name == 'P1':
            tt = max(grid, key=lambda g: tuple(
                (lambda e: ((e == 0).sum(), (abs(e) <= 1).sum(), -abs(e).sum()))(
                    np.array([count(c, p2, g) - 46 for c in cab]))))
            print(f"P2 t {tt} (not chosen)  {s:22s} {stats([count(c, p2, tt) for c in cs], cs)}")


if __name__ == '__main__':
    if len(sys.argv) >= 4 and sys.argv[1] == 'features':
        features(sys.argv[2], sys.argv[3], sys.argv[4:])
    elif len(sys.argv) >= 4 and sys.argv[1] == 'evaluate' and '--' in sys.argv:
        k = sys.argv.index('--')
        evaluate(sys.argv[2:k], sys.argv[k + 1:])
    else:
        raise SystemExit(__doc__)
