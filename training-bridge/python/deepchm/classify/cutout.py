"""The classifier's input, shared bit for bit in meaning with the Java side
(org.karyo.inference.classify.Cutout; contract karyo-classify-1, docs/karyogram.md).

A chromosome is given as a rotated box: centre (cx, cy), long side L, short side W and the unit
vector `down` along the long side (the patch's top-to-bottom direction). The patch is a 2:1
region around the box, 15 % larger than the box, so a bent chromosome and a little context fit:

    Lr = max(1.15 L, 2 * 1.15 W),  step = Lr / 96
    output pixel (r, c), r < 96, c < 48, samples the image at
    centre + ((r + 0.5) - 48) * step * down + ((c + 0.5) - 24) * step * right
    (right = down turned 90 degrees clockwise in image coordinates: (-down.y, down.x)),
    bilinear, pixel i's centre at i + 0.5, coordinates clamped to the image.

Then grey levels are normalised per patch so dark chromosome = 1, background = 0:
    bg = 90th percentile, dark = 1st percentile (sorted[floor(p * (n - 1))]),
    x = clip((bg - v) / max(bg - dark, 1e-6), 0, 1).
The size input is ln(L / median L of the cell's boxes).
"""
import numpy as np

ROWS, COLS = 96, 48
MARGIN = 1.15
BG_PERCENTILE = 0.90
DARK_PERCENTILE = 0.01


def sample(image, cx, cy, length, width, down):
    """Bilinear 96x48 patch of a 2-D float image (see module doc)."""
    img = np.asarray(image, dtype=np.float32)
    h, w = img.shape
    lr = max(MARGIN * length, 2.0 * MARGIN * width)
    step = lr / ROWS
    dx, dy = float(down[0]), float(down[1])
    n = (dx * dx + dy * dy) ** 0.5
    dx, dy = dx / n, dy / n
    rx, ry = -dy, dx
    r = (np.arange(ROWS, dtype=np.float32) + 0.5 - ROWS / 2) * step
    c = (np.arange(COLS, dtype=np.float32) + 0.5 - COLS / 2) * step
    a, b = np.meshgrid(r, c, indexing="ij")
    x = cx + a * dx + b * rx - 0.5
    y = cy + a * dy + b * ry - 0.5
    x = np.clip(x, 0, w - 1)
    y = np.clip(y, 0, h - 1)
    x0 = np.minimum(np.floor(x).astype(np.int32), w - 1)
    y0 = np.minimum(np.floor(y).astype(np.int32), h - 1)
    x1 = np.minimum(x0 + 1, w - 1)
    y1 = np.minimum(y0 + 1, h - 1)
    fx = x - x0
    fy = y - y0
    top = img[y0, x0] * (1 - fx) + img[y0, x1] * fx
    bot = img[y1, x0] * (1 - fx) + img[y1, x1] * fx
    return top * (1 - fy) + bot * fy


def normalise(patch):
    """Dark chromosome -> 1, background -> 0 (see module doc)."""
    v = np.sort(patch.ravel())
    n = v.size
    bg = v[int(np.floor(BG_PERCENTILE * (n - 1)))]
    dark = v[int(np.floor(DARK_PERCENTILE * (n - 1)))]
    return np.clip((bg - patch) / max(bg - dark, 1e-6), 0.0, 1.0).astype(np.float32)


def cutout(image, cx, cy, length, width, down):
    return normalise(sample(image, cx, cy, length, width, down))
