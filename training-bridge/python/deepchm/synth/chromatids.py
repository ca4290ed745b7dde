"""Sister chromatids drawn apart (cells held long in colcemid), for the metaphase composer, and
the 1-D smoothing the composer's chromosomes are drawn with."""
import math

import numpy as np


def smooth1d(x, sigma):
    if sigma <= 0:
        return x
    r = int(3 * sigma) + 1
    k = np.exp(-0.5 * (np.arange(-r, r + 1) / sigma) ** 2)
    k /= k.sum()
    return np.convolve(np.pad(x, r, mode="edge"), k, mode="valid")


def split_chromatids(grey, mask, angle, gap):
    """Sister chromatids drawn apart, as in cells held long in colcemid: the crop (long axis
    vertical) is cut along its axis and each half swung outward about the centromere (the
    narrowest row away from the ends) by `angle` radians, opening `gap` px a little away from
    it. The halves stay joined at the centromere, so the chromosome is one X- or V-shaped
    object whose outline covers both chromatids. -> (grey, mask) of the wider crop."""
    h0, w0 = mask.shape
    if w0 > h0 * 1.15:
        grey, mask = grey.T, mask.T
        h0, w0 = w0, h0
    rows = mask.sum(1).astype(np.float64)
    live = np.nonzero(rows > 0)[0]
    if len(live) < 6:
        return grey, mask
    top, bottom = live[0], live[-1]
    inner = np.arange(top + (bottom - top) // 8, bottom - (bottom - top) // 8 + 1)
    cen = int(inner[np.argmin(smooth1d(rows, 2.0)[inner])])
    d = np.abs(np.arange(h0) - cen).astype(np.float64)
    ramp = max(2.0, 0.12 * w0)
    off = np.rint(gap * np.minimum(1.0, d / ramp) / 2 + math.tan(angle) * d).astype(int)
    pad = int(off.max()) + 1
    out_g = np.full((h0, w0 + 2 * pad), 255, np.uint8)
    out_m = np.zeros((h0, w0 + 2 * pad), bool)
    cols = np.arange(w0)
    for y in live:
        xs = cols[mask[y]]
        mid = (xs.min() + xs.max() + 1) / 2.0
        for side in (-1, 1):
            sel = mask[y] & ((cols < mid) if side < 0 else (cols >= mid))
            tx = cols[sel] + pad + side * off[y]
            out_m[y, tx] = True
            out_g[y, tx] = np.minimum(out_g[y, tx], grey[y, cols[sel]])
    return out_g, out_m


def split_cell_chromatids(srng, cell, strength=1.0):
    """A cell held long in colcemid: most chromosomes' chromatids drawn apart, all by a similar
    amount (how long the cell was arrested is one number per cell), scaled by `strength`.
    cell: [(grey, mask, label)] -> the same list with split crops."""
    spread = srng.uniform(0.3, 1.0) * strength
    out = []
    for g, m, lab in cell:
        if srng.uniform() < 0.85:
            g, m = split_chromatids(g, m, math.radians(min(srng.uniform(3, 22) * spread, 45.0)),
                                    srng.uniform(1, 6) * spread)
        out.append((g, m, lab))
    return out


def dilate(mask, r):
    out = mask.copy()
    for _ in range(int(r)):
        m = out.copy()
        m[1:] |= out[:-1]
        m[:-1] |= out[1:]
        m[:, 1:] |= out[:, :-1]
        m[:, :-1] |= out[:, 1:]
        out = m
    return out


def labelled_only(dark, alpha, binm):
    """Drops what lies outside the labelled object (and its antialiased rim): a chromatid cut
    off at a thin centromere would otherwise be drawn without a polygon."""
    keep = dilate(binm, 2)
    return dark * keep, alpha * keep
