"""Metaphase composer: realistic G-banded metaphase spreads with EXACT instance polygons
(LabelMe JSON + PNG, plus dataset.json), for training the DeepCHM detector.

A spread is the chromosome set of one cell (45-47 chromosomes): the real crops of one source
metaphase (deepchm.crops, split by cell) or procedural banded ribbons with human karyotype
lengths and centromeres. Each chromosome is rotated, scaled, stretched (condensation) and bent
by a smooth warp, placed in a roughly elliptical cluster (some touching, a few crossing, drawn
in z-order so the occluder is on top) on a lit background with nuclei, debris, blur and noise.
Every polygon is the FULL outline of its chromosome (as annotators draw crossings), traced from
the transformed mask along pixel edges and simplified (Douglas-Peucker).

    /usr/bin/python3 -m deepchm.compose --out DIR --images N --seed S [--source real|procedural|mixed]
        [--split train|val] [--sizes 700x550,1600x1200,3200x2200] [--bit-depth 8|16]
        [--patient ID] [--counts 45,46,47] [--labels class|chromosome]
        [--chromatid-split P] [--blur-max SIGMA]

Sizes are WIDTHxHEIGHT. Procedural mode never reads the shared data folder.
"""
import argparse
import json
import math
import os

import numpy as np
from PIL import Image

from .chromatids import dilate as _dilate, labelled_only as _labelled_only, smooth1d as _smooth1d
from .chromatids import split_cell_chromatids

# Relative length (% of the haploid autosomal+X set) and centromere index (p / total) of
# chromosomes 1..22, X (23), Y (24); ISCN-like values.
REL_LENGTH = [8.44, 8.02, 6.83, 6.30, 6.08, 5.90, 5.36, 4.93, 4.80, 4.59, 4.61, 4.66, 3.74, 3.56,
              3.46, 3.36, 3.25, 2.93, 2.67, 2.56, 1.90, 2.04, 5.12, 2.15]
CENTROMERE = [0.48, 0.39, 0.47, 0.29, 0.29, 0.39, 0.39, 0.34, 0.35, 0.32, 0.40, 0.27, 0.15, 0.15,
              0.16, 0.41, 0.34, 0.31, 0.46, 0.45, 0.22, 0.24, 0.40, 0.28]
NATURAL_WIDTH = 20.0   # chromatid-pair width of a crop at scale 1 (real crops are ~18-24 px)
CHR1_LENGTH = 115.0    # chr1 length at scale 1 (as in the real crops)


# ---------------------------------------------------------------- geometry helpers

def chromosome_width(height, width):
    """Typical chromosome width in pixels for an image: ~10 px at 700x550, ~30 px at 3200x2200."""
    return 10.0 * (min(height, width) / 550.0) ** 0.8


def rasterize(poly, height, width):
    """bool mask of the pixels whose centre lies inside the polygon (even-odd rule)."""
    poly = np.asarray(poly, np.float64)
    mask = np.zeros((height, width), bool)
    if len(poly) < 3:
        return mask
    x0 = max(int(np.floor(poly[:, 0].min())), 0)
    x1 = min(int(np.ceil(poly[:, 0].max())) + 1, width)
    y0 = max(int(np.floor(poly[:, 1].min())), 0)
    y1 = min(int(np.ceil(poly[:, 1].max())) + 1, height)
    if x1 <= x0 or y1 <= y0:
        return mask
    ys = np.arange(y0, y1) + 0.5
    xs = np.arange(x0, x1) + 0.5
    inside = np.zeros((len(ys), len(xs)), bool)
    a = poly
    b = np.roll(poly, -1, axis=0)
    for (ax, ay), (bx, by) in zip(a, b):
        if ay == by:
            continue
        rows = (ys >= min(ay, by)) & (ys < max(ay, by))
        if not rows.any():
            continue
        xc = ax + (ys[rows] - ay) * (bx - ax) / (by - ay)
        inside[rows] ^= xs[None, :] < xc[:, None]
    mask[y0:y1, x0:x1] = inside
    return mask


def trace_outline(mask):
    """Outer boundary of the first (raster order) object of a bool mask, along pixel edges:
    (k, 2) float array of corner points (x, y) enclosing exactly the object's pixels
    (8-connected), only the corners where the boundary turns."""
    pad = np.pad(mask, 1, constant_values=False)
    ys, xs = np.nonzero(pad)
    if len(ys) == 0:
        return np.zeros((0, 2))
    r0, c0 = int(ys[0]), int(xs[0])
    # position = pixel corner (x, y); direction d; object kept on the right (y down)
    start = (c0 + 1, r0, 1, 0)
    x, y, dx, dy = start
    pts = [(c0, r0)]
    for _ in range(4 * pad.size):
        lx, ly = dy, -dx           # left of d in a y-down frame
        rx, ry = -dy, dx
        # pixels ahead-left and ahead-right of corner (x, y): centre = corner + (d + side) / 2
        al = pad[int(math.floor(y + (dy + ly) / 2)), int(math.floor(x + (dx + lx) / 2))]
        ar = pad[int(math.floor(y + (dy + ry) / 2)), int(math.floor(x + (dx + rx) / 2))]
        if al:
            ndx, ndy = lx, ly
        elif ar:
            ndx, ndy = dx, dy
        else:
            ndx, ndy = rx, ry
        if (ndx, ndy) != (dx, dy):
            pts.append((x, y))
        dx, dy = ndx, ndy
        x, y = x + dx, y + dy
        if (x, y, dx, dy) == start:
            break
    if pts[-1] == pts[0]:
        pts.pop()
    return np.array(pts, np.float64) - 1.0  # undo the padding


def _dp_open(pts, eps):
    keep = np.zeros(len(pts), bool)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        i, j = stack.pop()
        if j <= i + 1:
            continue
        a, b = pts[i], pts[j]
        seg = b - a
        n = math.hypot(seg[0], seg[1])
        p = pts[i + 1:j] - a
        if n < 1e-12:
            d = np.hypot(p[:, 0], p[:, 1])
        else:
            d = np.abs(p[:, 0] * seg[1] - p[:, 1] * seg[0]) / n
        k = int(np.argmax(d))
        if d[k] > eps:
            keep[i + 1 + k] = True
            stack.append((i, i + 1 + k))
            stack.append((i + 1 + k, j))
    return pts[keep]


def simplify(poly, eps):
    """Douglas-Peucker on a closed polygon (split at the point farthest from the first)."""
    if len(poly) <= 4:
        return poly
    far = int(np.argmax(((poly - poly[0]) ** 2).sum(1)))
    a = _dp_open(poly[:far + 1], eps)
    b = _dp_open(np.concatenate([poly[far:], poly[:1]]), eps)
    return np.concatenate([a[:-1], b[:-1]])


def polygon_of(mask, lo=20, hi=60):
    """Simplified outline of a mask: 0.5 px tolerance, loosened until at most `hi` points and
    tightened (not below 0.25 px) while fewer than `lo`."""
    full = trace_outline(mask)
    eps = 0.5
    poly = simplify(full, eps)
    while len(poly) > hi:
        eps *= 1.3
        poly = simplify(full, eps)
    while len(poly) < lo and eps > 0.25 and len(full) > len(poly):
        eps *= 0.7
        poly = simplify(full, eps)
    return poly


def _sample(img, u, v):
    """Bilinear sampling of img at rows u, columns v (0 outside)."""
    h, w = img.shape
    pad = np.pad(img, 1)
    u = np.clip(u + 1, 0, h + 0.999)
    v = np.clip(v + 1, 0, w + 0.999)
    u0 = np.floor(u).astype(np.int64)
    v0 = np.floor(v).astype(np.int64)
    fu, fv = u - u0, v - v0
    u1 = np.minimum(u0 + 1, h + 1)
    v1 = np.minimum(v0 + 1, w + 1)
    return (pad[u0, v0] * (1 - fu) * (1 - fv) + pad[u0, v1] * (1 - fu) * fv
            + pad[u1, v0] * fu * (1 - fv) + pad[u1, v1] * fu * fv)


def gaussian_blur(img, sigma):
    """Separable Gaussian blur of a float image (edges replicated)."""
    if sigma <= 0:
        return img
    r = int(3 * sigma) + 1
    k = np.exp(-0.5 * (np.arange(-r, r + 1) / sigma) ** 2)
    k /= k.sum()
    p = np.pad(img, ((r, r), (0, 0)), mode="edge")
    out = sum(k[i] * p[i:i + img.shape[0]] for i in range(2 * r + 1))
    p = np.pad(out, ((0, 0), (r, r)), mode="edge")
    return sum(k[i] * p[:, i:i + img.shape[1]] for i in range(2 * r + 1))


def _lowfreq(rng, height, width, cells=(4, 6)):
    """Smooth random field in [-1, 1] (bicubic upsampling of a coarse grid)."""
    gh, gw = int(rng.integers(*cells)), int(rng.integers(*cells))
    g = rng.uniform(-1, 1, (gh, gw)).astype(np.float32)
    return np.asarray(Image.fromarray(g, mode="F").resize((width, height), Image.BICUBIC), np.float64)


# ---------------------------------------------------------------- procedural chromosomes

def procedural_chromosome(rng, cls, condensation=1.0, half_width=None):
    """A straight vertical banded chromosome at scale 1: (grey uint8, mask bool, label)."""
    length = CHR1_LENGTH * REL_LENGTH[cls - 1] / REL_LENGTH[0] * condensation
    length = max(length, 14.0)
    hw = half_width or NATURAL_WIDTH / 2 * rng.uniform(0.9, 1.1)
    cen = CENTROMERE[cls - 1] + rng.normal(0, 0.02)
    h = int(math.ceil(length)) + 2
    w = int(math.ceil(2 * hw)) + 4
    u = np.arange(h) + 0.5 - 1.0          # along the axis, 0..length
    t = np.clip(u / length, 0, 1)
    e = np.minimum(u, length - u)        # distance to the nearer end
    cap = np.sqrt(np.clip(1 - (1 - np.clip(e / hw, 0, 1)) ** 2, 0, 1))
    width = hw * cap * (1 - 0.32 * np.exp(-((t - cen) ** 2) / (2 * (3.0 / length) ** 2)))
    width = width * (1 + 0.04 * _smooth1d(rng.normal(0, 1, h), 3))
    v = np.arange(w) + 0.5 - w / 2
    mask = (np.abs(v)[None, :] < width[:, None]) & (e[:, None] > 0)
    # band profile along the axis: alternating dark/light segments of random length
    prof = np.zeros(h)
    pos, dark = 0.0, bool(rng.integers(0, 2))
    while pos < h:
        seg = rng.uniform(2.0, 7.0) * (1.4 if not dark else 1.0)
        level = rng.uniform(0.6, 0.95) if dark else rng.uniform(0.12, 0.35)
        prof[int(pos):int(pos + seg) + 1] = level
        pos += seg
        dark = not dark
    prof = _smooth1d(prof, 1.2)
    prof = np.where(e < 3, np.minimum(prof, 0.3 + 0.1 * e), prof)          # pale telomeres
    prof = np.maximum(prof, 0.55 * np.exp(-((t - cen) * length / 3.0) ** 2))  # darker centromere
    if cen < 0.2:                                                            # acrocentric satellites
        prof = np.where(t < cen, prof * 0.7, prof)
    # two sister chromatids: a lighter groove along the axis
    rel = np.abs(v)[None, :] / np.maximum(width[:, None], 1e-6)
    groove = 1 - 0.3 * np.exp(-(rel / 0.18) ** 2)
    edge = np.clip((1 - rel) * 4, 0.35, 1)
    dens = prof[:, None] * groove * edge * rng.uniform(0.85, 1.1)
    dens = dens * 1.1 + 0.22 + 0.07 * rng.normal(0, 1, dens.shape)
    dens = np.clip(dens, 0.05, 1)
    grey = np.where(mask, 255 - 235 * dens, 255).astype(np.uint8)
    return grey, mask, str(cls)


def procedural_cell(rng, count=46):
    """A procedural chromosome set: 46,XX or 46,XY, minus/plus one for 45/47."""
    classes = [c for c in range(1, 23) for _ in (0, 1)] + ([23, 23] if rng.uniform() < 0.5 else [23, 24])
    while len(classes) > count:
        classes.pop(int(rng.integers(len(classes))))
    while len(classes) < count:
        classes.append(int(rng.choice([21, 18, 13, 23, int(rng.integers(1, 23))])))
    cond = rng.uniform(0.75, 1.3)
    hw = NATURAL_WIDTH / 2 * rng.uniform(0.9, 1.1)
    return [procedural_chromosome(rng, c, cond * rng.uniform(0.93, 1.07), hw * rng.uniform(0.94, 1.06))
            for c in classes]


def adjust_count(rng, cell, count):
    """Drops or duplicates chromosomes of a real cell to reach `count`."""
    cell = list(cell)
    if count is None:
        return cell
    while len(cell) > count:
        cell.pop(int(rng.integers(len(cell))))
    base = list(cell)
    while len(cell) < count:
        cell.append(base[int(rng.integers(len(base)))])
    return cell


# ---------------------------------------------------------------- placing one chromosome

def transform(grey, mask, scale, angle, stretch, sagitta):
    """Rotates/scales/stretches/bends a vertical crop. -> (premultiplied darkness, alpha),
    both float arrays of a square patch centred on the chromosome."""
    h0, w0 = mask.shape
    if w0 > h0 * 1.15:  # lying crop: make the long axis vertical
        grey, mask = grey.T, mask.T
        h0, w0 = w0, h0
    dark = (255.0 - grey) / 255.0 * mask
    m = mask.astype(np.float64)
    length = h0 * scale * stretch
    wid = w0 * scale
    k = 4 * sagitta / max(length, 1) ** 2
    r = int(math.ceil(math.hypot(length / 2, wid / 2 + abs(sagitta)))) + 2
    yy, xx = np.mgrid[-r:r, -r:r].astype(np.float64) + 0.5
    c, s = math.cos(angle), math.sin(angle)
    a = c * yy + s * xx          # along the axis
    b = -s * yy + c * xx         # across
    b = b - k * (a ** 2 - (length / 2) ** 2 / 3)  # parabolic bend, centred on the mass
    u = a / (scale * stretch) + h0 / 2 - 0.5
    v = b / scale + w0 / 2 - 0.5
    return _sample(dark, u, v), _sample(m, u, v)


def _clean(mask):
    from .crops import fill_holes, largest_component
    return fill_holes(largest_component(mask))


# ---------------------------------------------------------------- the scene

def compose(rng, source="procedural", height=550, width=700, count=None, bit_depth=8,
            bank=None, split="train", return_masks=False, chromatid_split=0.0, blur_max=1.5,
            split_strength=1.0, stretch_max=None, width_px=None):
    """One metaphase image. -> (image uint8 (bit_depth 8) or uint16 (12-bit values), polygons
    [(k, 2) float (x, y)], labels [str]); with return_masks also [(x0, y0, bool patch)], the
    exact drawn mask of each chromosome (full outline, before occlusion).
    source: 'real' (one cell of the crop bank, `bank` or crops.load_bank(split)), 'procedural'
    or 'mixed' (either, at random). count: 45/46/47 or None (the cell as it is; 46 procedural).
    chromatid_split: probability that the cell's sister chromatids are drawn apart (0: never,
    and the random stream is that of earlier versions); split_strength scales how far they swing
    apart (1: up to 22 degrees and 6 px); blur_max: the strongest optical blur (sigma, image
    pixels; real spreads such as CabinH are softer than 1.5).
    stretch_max: prometaphase length: each chromosome is stretched along its axis by a factor
    drawn from [1, stretch_max] (the band pattern is resampled with it, so bands stay bands, only
    longer and finer-spaced; None: the default 0.9-1.15 of condensation). width_px: (lo, hi), the
    chromosome width in image pixels drawn per cell (high-resolution exports: 20-35 px) instead of
    the size-derived one. Both None keep the random stream of earlier versions."""
    if source == "mixed":
        source = "real" if rng.uniform() < 0.5 else "procedural"
    if source == "real":
        if bank is None:
            bank = _default_bank(split)
        cell = bank[int(rng.integers(len(bank)))]
        cell = adjust_count(rng, cell, count)
    elif source == "procedural":
        cell = procedural_cell(rng, 46 if count is None else count)
    else:
        raise ValueError("source must be real, procedural or mixed")

    split_cell = None
    if chromatid_split > 0:
        srng = np.random.default_rng(int(rng.integers(2 ** 62)))
        if srng.uniform() < chromatid_split:
            cell = split_cell = split_cell_chromatids(srng, cell, split_strength)

    # scale from the median crop width of the cell to the image's chromosome width
    widths = []
    for _, m, _ in cell:
        run = m.sum(1) if m.shape[0] >= m.shape[1] else m.sum(0)  # across the long axis
        widths.append(float(np.median(run[run > 0])))
    natural = float(np.median(widths)) if widths else NATURAL_WIDTH
    target = chromosome_width(height, width) * rng.uniform(0.85, 1.15)
    if width_px is not None:
        target = rng.uniform(*width_px)
    scale = target / max(natural, 4.0)

    order = rng.permutation(len(cell))
    items = []
    for i in order:
        g, m, lab = cell[int(i)]
        L = max(m.shape) * scale
        sag = float(np.clip(rng.normal(0, 0.07), -0.22, 0.22)) * L if L > 3 * target else 0.0
        sc, turn, stretch = scale * rng.uniform(0.95, 1.05), rng.uniform(0, 2 * math.pi), rng.uniform(0.9, 1.15)
        if stretch_max is not None:
            stretch = rng.uniform(1.0, stretch_max)
            sag = sag * stretch  # the bend grows with the length
        dark, alpha = transform(g, m, sc, turn, stretch, sag)
        binm = _clean(alpha >= 0.5)
        if binm.sum() < 4:
            continue
        if split_cell is not None:
            dark, alpha = _labelled_only(dark, alpha, binm)
        items.append((dark, alpha, binm, lab))

    # spread cluster: ellipse sized from the chromosome area and a random density
    area = sum(float(b.sum()) for _, _, b, _ in items)
    density = rng.uniform(0.13, 0.28)
    aspect = rng.uniform(0.75, 1.3)
    R = math.sqrt(area / (math.pi * density))
    rx, ry = R * math.sqrt(aspect), R / math.sqrt(aspect)
    lim_x, lim_y = width * 0.46, height * 0.46
    f = min(1.0, lim_x / rx, lim_y / ry)
    rx, ry = rx * f, ry * f
    cx = width / 2 + rng.uniform(-1, 1) * max(0.0, width / 2 - rx - 2 * target) * 0.6
    cy = height / 2 + rng.uniform(-1, 1) * max(0.0, height / 2 - ry - 2 * target) * 0.6

    occ = np.zeros((height, width), bool)
    placed = []
    for dark, alpha, binm, lab in sorted(items, key=lambda t: -t[2].sum()):  # big ones first
        p = binm.shape[0]
        gap = 0 if rng.uniform() < 0.15 else int(rng.integers(1, max(2, int(target * 0.6))))
        halo = _dilate(binm, gap)
        cross = rng.uniform() < 0.07
        grow = 1.0
        for attempt in range(400):
            if attempt and attempt % 40 == 0:
                grow *= 1.08
            ang = rng.uniform(0, 2 * math.pi)
            rad = math.sqrt(rng.uniform()) * grow
            x = cx + rx * rad * math.cos(ang) - p / 2
            y = cy + ry * rad * math.sin(ang) - p / 2
            x0, y0 = int(round(x)), int(round(y))
            ys, xs = np.nonzero(binm)
            if x0 + xs.min() < 2 or y0 + ys.min() < 2 or x0 + xs.max() > width - 3 or y0 + ys.max() > height - 3:
                continue
            sub = occ[max(y0, 0):y0 + p, max(x0, 0):x0 + p]
            oy, ox = max(y0, 0) - y0, max(x0, 0) - x0
            hb = halo[oy:oy + sub.shape[0], ox:ox + sub.shape[1]]
            bb = binm[oy:oy + sub.shape[0], ox:ox + sub.shape[1]]
            hit = int((sub & hb).sum())
            if hit == 0:
                break
            if cross and attempt > 5 and (sub & bb).sum() < 0.3 * bb.sum():
                break
        else:
            continue  # no room: leave this chromosome out
        occ[max(y0, 0):y0 + p, max(x0, 0):x0 + p] |= bb
        placed.append((x0, y0, dark, alpha, binm, lab))
    # z-order: random, so crossings go either way
    placed = [placed[int(i)] for i in rng.permutation(len(placed))]

    # darkness canvas: nuclei and debris under the chromosomes
    D = np.zeros((height, width))
    clean_style = rng.uniform() < 0.3  # background-removed export (like CabinH) vs raw frame
    chr1_len = CHR1_LENGTH * scale
    if not clean_style:
        centres = np.array([[x0 + b.shape[1] / 2, y0 + b.shape[0] / 2] for x0, y0, _, _, b, _ in placed]).reshape(-1, 2)
        for _ in range(int(rng.integers(0, 4))):
            _add_nucleus(rng, D, centres, chr1_len)
        for _ in range(int(rng.integers(0, 25))):
            r = rng.uniform(0.5, 2.5) * target / 10
            px, py = rng.uniform(0, width), rng.uniform(0, height)
            x0, x1 = int(max(px - 3 * r, 0)), int(min(px + 3 * r + 1, width))
            y0, y1 = int(max(py - 3 * r, 0)), int(min(py + 3 * r + 1, height))
            gy, gx = np.mgrid[y0:y1, x0:x1]
            spot = np.exp(-(((gx - px) ** 2 + (gy - py) ** 2) / (r * r + 0.3)) ** 2) * rng.uniform(0.15, 0.6)
            D[y0:y1, x0:x1] = np.maximum(D[y0:y1, x0:x1], spot)

    masks = []
    gain = rng.uniform(0.9, 1.15)
    for x0, y0, dark, alpha, binm, lab in placed:
        p = binm.shape[0]
        ys0, xs0 = max(y0, 0), max(x0, 0)
        ys1, xs1 = min(y0 + p, height), min(x0 + p, width)
        a = alpha[ys0 - y0:ys1 - y0, xs0 - x0:xs1 - x0]
        d = dark[ys0 - y0:ys1 - y0, xs0 - x0:xs1 - x0]
        reg = D[ys0:ys1, xs0:xs1]
        D[ys0:ys1, xs0:xs1] = reg * (1 - a) + np.clip(d * gain, 0, 1)   # occluder on top
        masks.append((x0, y0, binm, lab))

    # light: background level with a low-frequency gradient; transmitted = bg * (1 - D)
    if clean_style:
        bg = np.full((height, width), rng.uniform(0.97, 1.0))
    else:
        bg = rng.uniform(0.8, 0.95) + rng.uniform(0.02, 0.08) * _lowfreq(rng, height, width)
    img = bg * (1 - np.clip(D, 0, 1) * rng.uniform(0.85, 1.0))
    img = gaussian_blur(img, rng.uniform(0.5, blur_max))
    img = img + rng.normal(0, rng.uniform(0.005, 0.02), img.shape)
    if clean_style:
        img = np.where(img > 0.93, 1.0, img)  # background-removed look
    img = np.clip(img, 0, 1)
    if bit_depth == 16:
        out = np.rint(img * 4095).astype(np.uint16)
    else:
        out = np.rint(img * 255).astype(np.uint8)
    polys, labels = [], []
    for x0, y0, binm, lab in masks:
        # X-shaped outlines of split chromatids need more corners for the same fidelity
        polys.append(polygon_of(binm, hi=60 if split_cell is None else 100) + np.array([x0, y0], np.float64))
        labels.append(lab)
    if return_masks:
        return out, polys, labels, [(x0, y0, binm) for x0, y0, binm, _ in masks]
    return out, polys, labels


def _add_nucleus(rng, D, centres, chr1_len):
    """Large roundish textured interphase nucleus, away from chromosome centres."""
    height, width = D.shape
    for _ in range(50):
        r = chr1_len * rng.uniform(0.8, 1.3)
        e = rng.uniform(0.75, 1.0)
        th = rng.uniform(0, math.pi)
        px, py = rng.uniform(-0.2 * r, width + 0.2 * r), rng.uniform(-0.2 * r, height + 0.2 * r)
        harm = rng.normal(0, 0.03, 3)
        phase = rng.uniform(0, 2 * math.pi, 3)

        def radius(ang):
            return r * (1 + sum(harm[i] * np.cos((i + 2) * ang + phase[i]) for i in range(3)))

        if len(centres):
            d = centres - [px, py]
            ang = np.arctan2(d[:, 1], d[:, 0])
            if (np.hypot(d[:, 0], d[:, 1] / e) < radius(ang) * 1.15).any():
                continue
        x0, x1 = int(max(px - 1.4 * r, 0)), int(min(px + 1.4 * r + 1, width))
        y0, y1 = int(max(py - 1.4 * r, 0)), int(min(py + 1.4 * r + 1, height))
        if x1 <= x0 or y1 <= y0:
            continue
        gy, gx = np.mgrid[y0:y1, x0:x1].astype(np.float64)
        dx, dy = gx - px, gy - py
        c, s = math.cos(th), math.sin(th)
        a, b = c * dx + s * dy, (-s * dx + c * dy) / e
        rr = np.hypot(a, b) / radius(np.arctan2(b, a))
        inside = np.clip((1 - rr) * r / 2.0, 0, 1)  # soft 2 px edge
        tex = _lowfreq(rng, y1 - y0, x1 - x0, (6, 12)) * 0.08 + rng.normal(0, 0.05, inside.shape)
        tex = gaussian_blur(tex, 1.0) + gaussian_blur(rng.normal(0, 0.25, inside.shape), max(1.5, r / 25))
        dens = (rng.uniform(0.3, 0.5) + tex + 0.06 * np.clip(1 - rr, 0, 1)) * inside
        D[y0:y1, x0:x1] = np.maximum(D[y0:y1, x0:x1], dens)
        return


_BANKS = {}


def _default_bank(split):
    if split not in _BANKS:
        from . import crops
        _BANKS[split] = crops.load_bank(split)
    return _BANKS[split]


# ---------------------------------------------------------------- writing a dataset

def labelme(image_file, height, width, polygons, labels):
    return {"version": "5.2.1", "flags": {}, "imagePath": image_file, "imageHeight": int(height),
            "imageWidth": int(width), "imageData": None,
            "shapes": [{"label": lab, "points": [[round(float(x), 2), round(float(y), 2)] for x, y in p],
                        "group_id": None, "shape_type": "polygon", "flags": {}}
                       for p, lab in zip(polygons, labels)]}


def write_png(path, image):
    if image.dtype == np.uint16:
        Image.fromarray(image.astype(np.uint16), mode="I;16").save(path)
    else:
        Image.fromarray(image).save(path)


def parse_size(text):
    w, h = (int(v) for v in text.lower().split("x"))
    return w, h


def write_set(out, images, seed, source="procedural", split=None, sizes=((700, 550),), bit_depth=8,
              patient=None, counts=None, label_mode="class", bank=None, log=None, chromatid_split=0.0,
              blur_max=1.5, split_strength=1.0, stretch_max=None, width_px=None):
    """Writes N images (PNG + LabelMe JSON) and dataset.json into `out`. split None: each image
    goes to val with probability 0.2 (real cells from the matching bank). -> manifest dict."""
    os.makedirs(out, exist_ok=True)
    entries = []
    banks = {}
    for i in range(images):
        rng = np.random.default_rng([seed, i])
        sp = split or ("val" if rng.uniform() < 0.2 else "train")
        w, h = sizes[int(rng.integers(len(sizes)))]
        count = None if not counts else int(counts[int(rng.integers(len(counts)))])
        src = source
        if src == "mixed":
            src = "real" if rng.uniform() < 0.5 else "procedural"
        b = None
        if src == "real":
            b = bank if bank is not None else banks.setdefault(sp, _default_bank(sp))
        img, polys, labels = compose(rng, src, h, w, count, bit_depth, bank=b, split=sp,
                                     chromatid_split=chromatid_split, blur_max=blur_max,
                                     split_strength=split_strength, stretch_max=stretch_max, width_px=width_px)
        if label_mode != "class":
            labels = ["chromosome"] * len(labels)
        name = "meta_%05d" % i
        write_png(os.path.join(out, name + ".png"), img)
        with open(os.path.join(out, name + ".json"), "w") as f:
            json.dump(labelme(name + ".png", h, w, polys, labels), f)
        pid = patient or "synth-%s-s%d-%05d" % (src[:4], seed, i)
        entries.append({"annotation": name + ".json", "patient": pid, "case": "%s-c%05d" % (pid, i),
                        "split": sp, "source": src, "count": len(polys)})
        if log:
            log("%s %dx%d %s %d chromosomes" % (name, w, h, src, len(polys)))
    manifest = {"format": "karyo-dataset-1", "generator": "deepchm.compose", "seed": seed,
                "images": entries}
    with open(os.path.join(out, "dataset.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    return manifest


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--images", type=int, default=8)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--source", choices=("real", "procedural", "mixed"), default="procedural")
    ap.add_argument("--split", choices=("train", "val"), default=None,
                    help="all images in this split (and real cells from this bank); default: 20%% val")
    ap.add_argument("--sizes", default="700x550", help="WIDTHxHEIGHT[,...]")
    ap.add_argument("--bit-depth", type=int, choices=(8, 16), default=8)
    ap.add_argument("--patient", default=None, help="patient id for every image (default one per image)")
    ap.add_argument("--counts", default=None, help="chromosome counts to draw from, e.g. 45,46,47")
    ap.add_argument("--labels", choices=("class", "chromosome"), default="class")
    ap.add_argument("--chromatid-split", type=float, default=0.0, metavar="P",
                    help="probability that a cell's sister chromatids are drawn apart (default 0)")
    ap.add_argument("--blur-max", type=float, default=1.5, metavar="SIGMA",
                    help="strongest optical blur in image pixels (default 1.5)")
    ap.add_argument("--split-strength", type=float, default=1.0, metavar="K",
                    help="how far split chromatids swing apart: K x (up to 22 degrees, 6 px) (default 1)")
    ap.add_argument("--stretch-max", type=float, default=None, metavar="K",
                    help="prometaphase length: stretch each chromosome along its axis by 1..K, bands kept "
                         "(e.g. 2.2; default: condensation 0.9-1.15)")
    ap.add_argument("--width-px", default=None, metavar="LO,HI",
                    help="chromosome width in image pixels drawn per cell, e.g. 20,35 for high-resolution "
                         "exports (use large --sizes); default: from the image size")
    args = ap.parse_args(argv)
    sizes = [parse_size(s) for s in args.sizes.split(",") if s.strip()]
    counts = [int(c) for c in args.counts.split(",")] if args.counts else None
    import sys
    write_set(args.out, args.images, args.seed, args.source, args.split, sizes, args.bit_depth,
              args.patient, counts, args.labels, log=lambda m: print(m, file=sys.stderr),
              chromatid_split=args.chromatid_split, blur_max=args.blur_max,
              split_strength=args.split_strength, stretch_max=args.stretch_max,
              width_px=tuple(float(v) for v in args.width_px.split(",")) if args.width_px else None)


if __name__ == "__main__":
    main()
