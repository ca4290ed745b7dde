"""Chromosome width of a metaphase image, as the workstation measures it
(`org.karyo.inference.image.ChromosomeWidth`): twice the median distance to the background on
the medial ridges of the Otsu foreground, measured at most 1024 px on the longer side.

The workstation scales an image whose chromosomes are much wider than the model's training
width down to that width before detection; training must present images the same way, or a
cell whose sister chromatids lie apart (measured by its single chromatids, so enlarged at
inference) is shown to the network at a size it never learnt it at. Numpy only (the trainer
has no OpenCV): Otsu, a 3x3 opening and OpenCV's 3x3 chamfer distance, re-implemented."""
import numpy as np
from PIL import Image

MAX_SIDE = 1024


A, B = 0.955, 1.3693  # OpenCV's 3x3 chamfer weights for DIST_L2 (axial, diagonal)


def chamfer_distance(fg):
    """Distance of each foreground pixel to the background: OpenCV's two-pass 3x3 chamfer
    (DIST_L2, mask 3), row by row; the in-row propagation is a running minimum."""
    h, w = fg.shape
    inf = np.float64(1e9)
    d = np.where(fg, inf, 0.0)
    ax = A * np.arange(w)
    for y in range(h):  # forward: from above, then left to right
        row = d[y]
        if y:
            up = d[y - 1]
            row = np.minimum(row, up + A)
            row[1:] = np.minimum(row[1:], up[:-1] + B)
            row[:-1] = np.minimum(row[:-1], up[1:] + B)
        d[y] = ax + np.minimum.accumulate(row - ax)
    rx = A * np.arange(w)[::-1]
    for y in range(h - 1, -1, -1):  # backward: from below, then right to left
        row = d[y]
        if y < h - 1:
            dn = d[y + 1]
            row = np.minimum(row, dn + A)
            row[1:] = np.minimum(row[1:], dn[:-1] + B)
            row[:-1] = np.minimum(row[:-1], dn[1:] + B)
        d[y] = (rx + np.minimum.accumulate((row - rx)[::-1])[::-1])
    return d.astype(np.float32)


def _max3(a):
    p = np.pad(a, 1, mode="edge")
    h, w = a.shape
    return np.max([p[y:y + h, x:x + w] for y in range(3) for x in range(3)], axis=0)


def _min3(a):
    return -_max3(-a)


def otsu(grey):
    """Otsu's threshold of a uint8 image (the largest between-class variance)."""
    hist = np.bincount(grey.ravel(), minlength=256).astype(np.float64)
    p = hist / hist.sum()
    omega = np.cumsum(p)
    mu = np.cumsum(p * np.arange(256))
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mu[-1] * omega - mu) ** 2 / (omega * (1 - omega))
    if np.isnan(between).all():
        return 0  # one grey level: nothing stands out (OpenCV returns 0 as well)
    return int(np.nanargmax(between))


def estimate(grey):
    """Width in pixels of a uint8 grey image (dark chromosomes on light), or NaN when it holds
    no plausible chromosomes."""
    h, w = grey.shape
    shrink = min(1.0, MAX_SIDE / max(h, w))
    small = grey
    if shrink < 1:
        small = np.asarray(Image.fromarray(grey).resize((round(w * shrink), round(h * shrink)), Image.BOX))
    fg = small <= otsu(small)
    fg = _max3(_min3(fg.astype(np.int16))) > 0  # opening: specks and noise
    share = fg.mean()
    if share < 0.002 or share > 0.6:
        return float("nan")
    dist = chamfer_distance(fg)
    ridge = (dist >= _max3(dist)) & (dist >= 1)
    if ridge.sum() < 20:
        return float("nan")
    return 2.0 * float(np.sort(dist[ridge])[int(ridge.sum()) // 2]) / shrink


def normalised_scale(fit, width, trained, tolerance=1.3):
    """The workstation's letterbox scale (`Detector.letterbox`): the fitted one unless the
    chromosomes at it would be wider than `tolerance` x the training width."""
    if not trained or not np.isfinite(width) or width * fit <= trained * tolerance:
        return fit
    return trained / width
