"""Procedural chromosomes: banded ribbons with human karyotype lengths and centromeres, and whole
procedural cells (46,XX or 46,XY, one fewer or more for 45/47)."""
import math

import numpy as np

from .chromatids import smooth1d

# Relative length (% of the haploid autosomal+X set) and centromere index (p / total) of
# chromosomes 1..22, X (23), Y (24); ISCN-like values.
REL_LENGTH = [8.44, 8.02, 6.83, 6.30, 6.08, 5.90, 5.36, 4.93, 4.80, 4.59, 4.61, 4.66, 3.74, 3.56,
              3.46, 3.36, 3.25, 2.93, 2.67, 2.56, 1.90, 2.04, 5.12, 2.15]
CENTROMERE = [0.48, 0.39, 0.47, 0.29, 0.29, 0.39, 0.39, 0.34, 0.35, 0.32, 0.40, 0.27, 0.15, 0.15,
              0.16, 0.41, 0.34, 0.31, 0.46, 0.45, 0.22, 0.24, 0.40, 0.28]
NATURAL_WIDTH = 20.0   # chromatid-pair width of a crop at scale 1 (real crops are ~18-24 px)
CHR1_LENGTH = 115.0    # chr1 length at scale 1 (as in the real crops)


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
    width = width * (1 + 0.04 * smooth1d(rng.normal(0, 1, h), 3))
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
    prof = smooth1d(prof, 1.2)
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
