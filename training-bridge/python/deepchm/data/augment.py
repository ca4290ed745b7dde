"""Augmentation and crops for DeepCHM training. Every geometric step moves the image and the
polygons by the same map, before targets are derived (targets.build_targets). Coordinates are
continuous pixels with pixel (r, c) covering [c, c+1) x [r, r+1) (see targets.py), so flips
are x -> W - x and 90-degree turns are exact."""
import math

import numpy as np
from PIL import Image, ImageFilter

from ..model.targets import polygon_area, rasterise

# Pillow >= 9.1 moved the enums; the old names still work in 9.x.
_AFFINE = getattr(Image, "Transform", Image).AFFINE
_BILINEAR = getattr(Image, "Resampling", Image).BILINEAR

MAX_ANGLE = 15.0      # small-angle rotation range, degrees
KEEP_FRACTION = 0.4   # a cropped instance keeps its clipped polygon if this much area is inside


def _polys(polygons):
    return [np.asarray(p, dtype=np.float64).reshape(-1, 2) for p in polygons]


def hflip(image, polygons):
    w = image.shape[1]
    return np.ascontiguousarray(image[:, ::-1]), [np.c_[w - p[:, 0], p[:, 1]] for p in _polys(polygons)]


def vflip(image, polygons):
    h = image.shape[0]
    return np.ascontiguousarray(image[::-1]), [np.c_[p[:, 0], h - p[:, 1]] for p in _polys(polygons)]


def rot90(image, polygons, k: int):
    """k quarter turns as np.rot90 does them (counter-clockwise on screen)."""
    polys = _polys(polygons)
    for _ in range(k % 4):
        w = image.shape[1]
        image = np.rot90(image)
        # np.rot90 sends pixel (r, c) to (W-1-c, r): the point (x, y) goes to (y, W - x).
        polys = [np.c_[p[:, 1], w - p[:, 0]] for p in polys]
    return np.ascontiguousarray(image), polys


def rotate(image, polygons, degrees: float, background=255):
    """Rotation about the image centre (clockwise on screen for positive degrees, y down); the
    canvas grows to hold the whole rotated image and the new area is filled with background."""
    h, w = image.shape
    t = math.radians(degrees)
    c, s = math.cos(t), math.sin(t)
    nw = int(math.ceil(abs(w * c) + abs(h * s) - 1e-9))
    nh = int(math.ceil(abs(w * s) + abs(h * c) - 1e-9))
    cx, cy, ncx, ncy = w / 2, h / 2, nw / 2, nh / 2
    # PIL wants the inverse map (output -> input) and samples at pixel centres in the same
    # corner-based frame as ours, so the polygons get exactly the forward map.
    coeffs = (c, s, cx - c * ncx - s * ncy, -s, c, cy + s * ncx - c * ncy)
    out = Image.fromarray(image).transform((nw, nh), _AFFINE, coeffs, resample=_BILINEAR,
                                           fillcolor=int(background))
    polys = []
    for p in _polys(polygons):
        dx, dy = p[:, 0] - cx, p[:, 1] - cy
        polys.append(np.c_[c * dx - s * dy + ncx, s * dx + c * dy + ncy])
    return np.asarray(out), polys


def jitter(image, contrast: float, brightness: float):
    """Contrast about mid-grey, then a brightness shift."""
    out = (image.astype(np.float32) - 128.0) * contrast + 128.0 + brightness
    return np.clip(np.rint(out), 0, 255).astype(np.uint8)


def blur(image, sigma: float):
    return np.asarray(Image.fromarray(image).filter(ImageFilter.GaussianBlur(sigma)))


def augment(image, polygons, rng: np.random.Generator, background=255):
    """Random flips, quarter turn, small rotation (p 0.5, uniform within +-MAX_ANGLE),
    brightness/contrast jitter and occasional blur. Returns (image, polygons); polygons keep
    their order and count. The small rotation changes the image size."""
    image = np.asarray(image, dtype=np.uint8)
    polys = _polys(polygons)
    if rng.random() < 0.5:
        image, polys = hflip(image, polys)
    if rng.random() < 0.5:
        image, polys = vflip(image, polys)
    image, polys = rot90(image, polys, int(rng.integers(4)))
    if rng.random() < 0.5:
        image, polys = rotate(image, polys, float(rng.uniform(-MAX_ANGLE, MAX_ANGLE)), background)
    # Photometric steps come last so the rotation's fill is jittered like the real background.
    image = jitter(image, float(rng.uniform(0.8, 1.25)), float(rng.uniform(-25, 25)))
    if rng.random() < 0.2:
        image = blur(image, float(rng.uniform(0.5, 1.5)))
    return image, polys


def clip_polygon(poly, x0: float, y0: float, x1: float, y1: float) -> np.ndarray:
    """Sutherland-Hodgman against the rectangle [x0, x1] x [y0, y1]; each pass over one side
    is vectorised over the polygon's edges."""
    p = np.asarray(poly, dtype=np.float64).reshape(-1, 2)
    if len(p) == 0:
        return p
    if p[:, 0].min() >= x0 and p[:, 0].max() <= x1 and p[:, 1].min() >= y0 and p[:, 1].max() <= y1:
        return p.copy()
    for axis, bound, keep_above in ((0, x0, True), (0, x1, False), (1, y0, True), (1, y1, False)):
        if len(p) == 0:
            break
        prev = np.roll(p, 1, axis=0)
        d_cur = p[:, axis] - bound if keep_above else bound - p[:, axis]
        d_prev = prev[:, axis] - bound if keep_above else bound - prev[:, axis]
        inside_cur, inside_prev = d_cur >= 0, d_prev >= 0
        crosses = inside_cur != inside_prev
        with np.errstate(divide="ignore", invalid="ignore"):
            t = np.where(crosses, d_prev / (d_prev - d_cur), 0.0)
        inter = prev + t[:, None] * (p - prev)
        inter[crosses, axis] = bound  # exactly on the side, no rounding drift
        # Per edge (prev -> cur): the crossing point first if any, then cur if inside.
        pts = np.stack([inter, p], axis=1).reshape(-1, 2)
        take = np.stack([crosses, inside_cur], axis=1).reshape(-1)
        p = pts[take]
    if len(p) > 1:  # drop repeated vertices where a corner lies on a side
        p = p[np.any(p != np.roll(p, 1, axis=0), axis=1)]
    return p


def crop(image, polygons, x0: int, y0: int, size: int, background=255):
    """The size x size window with top-left pixel (x0, y0) (may stick out of the image: padded
    with background). Returns (image, polygons, ignore_mask, kept): instances with at least
    KEEP_FRACTION of their area inside keep their clipped polygon; the inside pixels of the
    others are marked in ignore_mask; kept = input indices of the returned polygons."""
    image = np.asarray(image, dtype=np.uint8)
    h, w = image.shape
    out = np.full((size, size), background, dtype=np.uint8)
    sx0, sy0, sx1, sy1 = max(x0, 0), max(y0, 0), min(x0 + size, w), min(y0 + size, h)
    if sx1 > sx0 and sy1 > sy0:
        out[sy0 - y0:sy1 - y0, sx0 - x0:sx1 - x0] = image[sy0:sy1, sx0:sx1]
    ignore = np.zeros((size, size), dtype=bool)
    polys, kept = [], []
    for i, p in enumerate(_polys(polygons)):
        q = p - (x0, y0)
        area = polygon_area(q)
        if area <= 0:
            continue
        c = clip_polygon(q, 0, 0, size, size)
        inside = polygon_area(c) if len(c) >= 3 else 0.0
        if inside >= KEEP_FRACTION * area:
            polys.append(c)
            kept.append(i)
        elif inside > 0:
            ignore |= rasterise(c, size, size)
    return out, polys, ignore, kept


def random_crop(image, polygons, size: int, rng: np.random.Generator, background=255):
    """A size x size window centred near a random chromosome (jittered by up to size/4), kept
    inside the image where the image is big enough. Returns (image, polygons, ignore_mask)."""
    image = np.asarray(image, dtype=np.uint8)
    h, w = image.shape
    polys = _polys(polygons)
    if polys:
        p = polys[int(rng.integers(len(polys)))]
        cx, cy = (p.min(0) + p.max(0)) / 2
    else:
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
    cx += rng.uniform(-size / 4, size / 4)
    cy += rng.uniform(-size / 4, size / 4)
    # Clamp: window inside the image, or image inside the window when it is the smaller.
    x0 = int(np.clip(round(cx - size / 2), min(0, w - size), max(0, w - size)))
    y0 = int(np.clip(round(cy - size / 2), min(0, h - size), max(0, h - size)))
    out, polys, ignore, _ = crop(image, polys, x0, y0, size, background)
    return out, polys, ignore
