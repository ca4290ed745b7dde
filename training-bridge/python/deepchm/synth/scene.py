"""The metaphase scene: one cell's chromosomes placed in a spread on a lit background with nuclei,
debris, blur and noise, and the exact outline of every chromosome (deepchm.synth.compose writes sets
of them). The stages keep the order of their random draws, so a seed gives the same image."""
import math

import numpy as np

from .chromatids import split_cell_chromatids
from .crops import load_bank
from .imaging import gaussian_blur, lowfreq
from .outline import polygon_of
from .placement import cluster, place, transformed
from .procedural import CHR1_LENGTH, NATURAL_WIDTH, adjust_count, procedural_cell


def chromosome_width(height, width):
    """Typical chromosome width in pixels for an image: ~10 px at 700x550, ~30 px at 3200x2200."""
    return 10.0 * (min(height, width) / 550.0) ** 0.8


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
    cell = _cell(rng, source, count, bank, split)
    split_cell = None
    if chromatid_split > 0:
        srng = np.random.default_rng(int(rng.integers(2 ** 62)))
        if srng.uniform() < chromatid_split:
            cell = split_cell = split_cell_chromatids(srng, cell, split_strength)
    scale, target = _scale(rng, cell, height, width, width_px)
    items = transformed(rng, cell, scale, target, split_cell is not None, stretch_max)
    placed = place(rng, items, cluster(rng, items, height, width, target), height, width, target)
    clean_style = rng.uniform() < 0.3  # background-removed export (like CabinH) vs raw frame
    D = _nuclei_and_debris(rng, placed, height, width, target, CHR1_LENGTH * scale, clean_style)
    masks = _paint(rng, D, placed)
    out = _light(rng, D, clean_style, blur_max, bit_depth)
    polys, labels = [], []
    for x0, y0, binm, lab in masks:
        # X-shaped outlines of split chromatids need more corners for the same fidelity
        polys.append(polygon_of(binm, hi=60 if split_cell is None else 100) + np.array([x0, y0], np.float64))
        labels.append(lab)
    if return_masks:
        return out, polys, labels, [(x0, y0, binm) for x0, y0, binm, _ in masks]
    return out, polys, labels


def _cell(rng, source, count, bank, split):
    """The chromosome set: one real cell of the crop bank or a procedural one. -> [(grey, mask, label)]"""
    if source == "mixed":
        source = "real" if rng.uniform() < 0.5 else "procedural"
    if source == "real":
        if bank is None:
            bank = default_bank(split)
        cell = bank[int(rng.integers(len(bank)))]
        return adjust_count(rng, cell, count)
    if source == "procedural":
        return procedural_cell(rng, 46 if count is None else count)
    raise ValueError("source must be real, procedural or mixed")


def _scale(rng, cell, height, width, width_px):
    """From the median crop width of the cell to the image's chromosome width. -> (scale, target width)"""
    widths = []
    for _, m, _ in cell:
        run = m.sum(1) if m.shape[0] >= m.shape[1] else m.sum(0)  # across the long axis
        widths.append(float(np.median(run[run > 0])))
    natural = float(np.median(widths)) if widths else NATURAL_WIDTH
    target = chromosome_width(height, width) * rng.uniform(0.85, 1.15)
    if width_px is not None:
        target = rng.uniform(*width_px)
    return target / max(natural, 4.0), target


def _nuclei_and_debris(rng, placed, height, width, target, chr1_len, clean_style):
    """The darkness canvas under the chromosomes: interphase nuclei and debris (none when clean)."""
    D = np.zeros((height, width))
    if clean_style:
        return D
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
    return D


def _paint(rng, D, placed):
    """Draws the chromosomes into D in z-order, the occluder on top. -> [(x0, y0, mask, label)]"""
    height, width = D.shape
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
    return masks


def _light(rng, D, clean_style, blur_max, bit_depth):
    """Transmitted light: a background level with a low-frequency gradient times (1 - darkness),
    optical blur and noise, quantised to 8 bits or to 12-bit values in 16."""
    height, width = D.shape
    if clean_style:
        bg = np.full((height, width), rng.uniform(0.97, 1.0))
    else:
        bg = rng.uniform(0.8, 0.95) + rng.uniform(0.02, 0.08) * lowfreq(rng, height, width)
    img = bg * (1 - np.clip(D, 0, 1) * rng.uniform(0.85, 1.0))
    img = gaussian_blur(img, rng.uniform(0.5, blur_max))
    img = img + rng.normal(0, rng.uniform(0.005, 0.02), img.shape)
    if clean_style:
        img = np.where(img > 0.93, 1.0, img)  # background-removed look
    img = np.clip(img, 0, 1)
    if bit_depth == 16:
        return np.rint(img * 4095).astype(np.uint16)
    return np.rint(img * 255).astype(np.uint8)


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
        tex = lowfreq(rng, y1 - y0, x1 - x0, (6, 12)) * 0.08 + rng.normal(0, 0.05, inside.shape)
        tex = gaussian_blur(tex, 1.0) + gaussian_blur(rng.normal(0, 0.25, inside.shape), max(1.5, r / 25))
        dens = (rng.uniform(0.3, 0.5) + tex + 0.06 * np.clip(1 - rr, 0, 1)) * inside
        D[y0:y1, x0:x1] = np.maximum(D[y0:y1, x0:x1], dens)
        return


_BANKS = {}


def default_bank(split):
    """The crop bank of a split, loaded once per process."""
    if split not in _BANKS:
        _BANKS[split] = load_bank(split)
    return _BANKS[split]
