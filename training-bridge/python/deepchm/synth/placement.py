"""Placing a cell's chromosomes: each crop rotated, scaled, stretched and bent into a square patch,
then the patches laid out in a roughly elliptical cluster (some touching, a few crossing).
The random draws keep their order, so a seed composes the same spread as before the split."""
import math

import numpy as np

from .chromatids import dilate, labelled_only
from .imaging import sample


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
    return sample(dark, u, v), sample(m, u, v)


def clean(mask):
    """The largest component of a transformed mask, holes filled."""
    from .crops import fill_holes, largest_component
    return fill_holes(largest_component(mask))


def transformed(rng, cell, scale, target, split, stretch_max):
    """Each chromosome of the cell in random order, transformed: [(darkness, alpha, mask, label)]."""
    items = []
    for i in rng.permutation(len(cell)):
        g, m, lab = cell[int(i)]
        L = max(m.shape) * scale
        sag = float(np.clip(rng.normal(0, 0.07), -0.22, 0.22)) * L if L > 3 * target else 0.0
        sc, turn, stretch = scale * rng.uniform(0.95, 1.05), rng.uniform(0, 2 * math.pi), rng.uniform(0.9, 1.15)
        if stretch_max is not None:
            stretch = rng.uniform(1.0, stretch_max)
            sag = sag * stretch  # the bend grows with the length
        dark, alpha = transform(g, m, sc, turn, stretch, sag)
        binm = clean(alpha >= 0.5)
        if binm.sum() < 4:
            continue
        if split:
            dark, alpha = labelled_only(dark, alpha, binm)
        items.append((dark, alpha, binm, lab))
    return items


def cluster(rng, items, height, width, target):
    """The spread's ellipse (centre x, y and radii), sized from the chromosome area and a random
    density, kept inside the image."""
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
    return cx, cy, rx, ry


def place(rng, items, ellipse, height, width, target):
    """Places the chromosomes, big ones first, in the ellipse: apart by a random gap, or (7 %)
    crossing another; one with no room is left out. -> [(x0, y0, darkness, alpha, mask, label)]
    in a random z-order, so crossings go either way."""
    cx, cy, rx, ry = ellipse
    occ = np.zeros((height, width), bool)
    placed = []
    for dark, alpha, binm, lab in sorted(items, key=lambda t: -t[2].sum()):  # big ones first
        p = binm.shape[0]
        gap = 0 if rng.uniform() < 0.15 else int(rng.integers(1, max(2, int(target * 0.6))))
        halo = dilate(binm, gap)
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
    return [placed[int(i)] for i in rng.permutation(len(placed))]
