"""Ground-truth targets for DeepCHM training (shared/docs/deepchm.md, section 5).

Coordinates everywhere in the trainer: continuous image pixels, x right, y down; pixel
(row r, col c) covers [c, c+1) x [r, r+1), so its centre is (c + 0.5, r + 0.5). This is the
convention of the ONNX contract (anchor centre = (col + 0.5) * stride) and the one under which
flips, 90-degree rotations and resizing by a scale are exact.

Boxes: (cx, cy, w, h, theta_deg), w >= h, theta in [0, 180), long side along
(cos theta, sin theta) with y down, as in deepchm.md section 2.
"""
import math
from dataclasses import dataclass
from typing import Optional

import numpy as np

try:  # an exact distance transform when scipy is there; same values as the kernel path
    from scipy.ndimage import distance_transform_edt as _edt
except ImportError:  # Debian's python here has no scipy
    _edt = None

SIGMA2 = (1.0, 1.0, 2.0)  # skeleton, edge, intersection; in stride cells (the paper)
MEET_PX = 2.0             # skeleton pixels of two instances this close (px) meet or cross
TRUNCATE = 3.0            # Gaussians are cut at 3 sigma (exp(-4.5) ~ 0.011)


@dataclass
class Targets:
    boxes: np.ndarray      # (N, 5) float32 cx, cy, w, h, theta_deg in image px
    saliency: np.ndarray   # (3, H//stride, W//stride) float32: skeleton, edge, intersection
    crossing: np.ndarray   # (N,) bool: its skeleton meets another instance's skeleton
    bend: np.ndarray       # (N,) float32: mean distance (px) of skeleton points to the box axis
    aspect: np.ndarray     # (N,) float32: w / h
    ignore: np.ndarray     # (H//stride, W//stride) bool


def polygon_area(poly) -> float:
    p = np.asarray(poly, dtype=np.float64).reshape(-1, 2)
    if len(p) < 3:
        return 0.0
    x, y = p[:, 0], p[:, 1]
    return 0.5 * abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))))


def rasterise(poly, height: int, width: int, x0: int = 0, y0: int = 0) -> np.ndarray:
    """Pixels of the window [x0, x0+width) x [y0, y0+height) whose centres lie inside the polygon
    (even-odd rule). Written here rather than with PIL ImageDraw because PIL also fills the
    outline, which makes every mask ~0.5 px fatter on each side."""
    out = np.zeros((max(height, 0), max(width, 0)), dtype=bool)
    p = np.asarray(poly, dtype=np.float64).reshape(-1, 2)
    if len(p) < 3 or height <= 0 or width <= 0:
        return out
    q = np.roll(p, -1, axis=0)
    yc = y0 + np.arange(height) + 0.5
    # Half-open test so a scanline through a vertex counts its two edges once.
    rows, edges = np.nonzero((p[None, :, 1] > yc[:, None]) != (q[None, :, 1] > yc[:, None]))
    if rows.size == 0:
        return out
    xa, ya, xb, yb = p[edges, 0], p[edges, 1], q[edges, 0], q[edges, 1]
    xi = xa + (yc[rows] - ya) * (xb - xa) / (yb - ya)
    # Every pixel whose centre lies right of a crossing toggles; odd count = inside.
    start = np.clip(np.ceil(xi - x0 - 0.5), 0, width).astype(np.int64)
    diff = np.zeros((height, width + 1), dtype=np.int32)
    np.add.at(diff, (rows, start), 1)
    return (np.cumsum(diff, axis=1)[:, :width] & 1).astype(bool)


def _hull(p: np.ndarray) -> np.ndarray:
    """Andrew's monotone chain on unique points sorted by (x, y)."""
    def half(points):
        out = []
        for pt in points:
            while len(out) >= 2 and ((out[-1][0] - out[-2][0]) * (pt[1] - out[-2][1])
                                     - (out[-1][1] - out[-2][1]) * (pt[0] - out[-2][0])) <= 0:
                out.pop()
            out.append(pt)
        return out
    pts = [tuple(v) for v in p]
    lower, upper = half(pts), half(pts[::-1])
    return np.array(lower[:-1] + upper[:-1], dtype=np.float64)


def _normalise_box(cx, cy, w, h, theta_deg):
    if w < h:
        w, h, theta_deg = h, w, theta_deg + 90.0
    theta_deg = theta_deg % 180.0
    if theta_deg >= 180.0 - 1e-9:  # float wrap-around of values just below 0
        theta_deg = 0.0
    return float(cx), float(cy), float(w), float(h), float(theta_deg)


def min_area_rect(points):
    """Exact minimum-area enclosing rectangle -> (cx, cy, w, h, theta_deg). The optimum has a
    side on a convex-hull edge (the rotating-calipers theorem); all hull edge directions are
    tried at once, vectorised, which for hulls of a few hundred points is faster in numpy than
    walking the calipers in Python."""
    p = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    if len(p) == 0:
        raise ValueError("min_area_rect of no points")
    p = p[np.lexsort((p[:, 1], p[:, 0]))]  # sorted by (x, y), duplicates dropped: the hull wants it
    p = p[np.r_[True, np.any(p[1:] != p[:-1], axis=1)]]
    if len(p) == 1:
        return float(p[0, 0]), float(p[0, 1]), 0.0, 0.0, 0.0
    h = _hull(p)
    if len(h) < 3:  # collinear: a segment between the first and last sorted points
        d = p[-1] - p[0]
        theta = math.degrees(math.atan2(d[1], d[0]))
        return _normalise_box(*(p[0] + p[-1]) / 2, math.hypot(*d), 0, theta)
    e = np.roll(h, -1, axis=0) - h
    u = e / np.hypot(e[:, 0], e[:, 1])[:, None]
    n = np.stack([-u[:, 1], u[:, 0]], axis=1)
    a, b = h @ u.T, h @ n.T  # (points, directions)
    la, lb = a.max(0) - a.min(0), b.max(0) - b.min(0)
    k = int(np.argmin(la * lb))
    centre = (a[:, k].max() + a[:, k].min()) / 2 * u[k] + (b[:, k].max() + b[:, k].min()) / 2 * n[k]
    theta = math.degrees(math.atan2(u[k, 1], u[k, 0]))
    return _normalise_box(centre[0], centre[1], la[k], lb[k], theta)


def _zs_tables():
    """Zhang-Suen deletion rule of each 8-neighbourhood code (bit k-2 = neighbour Pk), one table
    per sub-iteration, so an iteration is a table look-up instead of ~30 array operations."""
    tables = np.zeros((2, 256), dtype=bool)
    for code in range(256):
        p = [(code >> k) & 1 for k in range(8)]  # P2..P9 clockwise from north
        b = sum(p)
        a = sum(1 for k in range(8) if p[k] == 0 and p[(k + 1) % 8] == 1)
        p2, p4, p6, p8 = p[0], p[2], p[4], p[6]
        if 2 <= b <= 6 and a == 1:
            tables[0, code] = not (p2 and p4 and p6) and not (p4 and p6 and p8)
            tables[1, code] = not (p2 and p4 and p8) and not (p2 and p6 and p8)
    return tables


_ZS = _zs_tables()


def zhang_suen(mask) -> np.ndarray:
    """Zhang-Suen thinning (1984), each sub-iteration vectorised over the whole array."""
    img = np.pad(np.asarray(mask, dtype=bool), 1).astype(np.uint8)
    core = img[1:-1, 1:-1]  # a view: deletions write through to img
    while True:
        changed = False
        for step in (0, 1):
            code = (img[:-2, 1:-1] | img[:-2, 2:] << 1 | img[1:-1, 2:] << 2 | img[2:, 2:] << 3
                    | img[2:, 1:-1] << 4 | img[2:, :-2] << 5 | img[1:-1, :-2] << 6 | img[:-2, :-2] << 7)
            delete = _ZS[step][code] & (core == 1)
            if delete.any():
                core[delete] = 0
                changed = True
        if not changed:
            return core.astype(bool)


def _boundary(mask: np.ndarray) -> np.ndarray:
    """Mask pixels with a 4-neighbour outside the mask (the window border counts as outside)."""
    m = np.pad(mask, 1)
    inner = m[:-2, 1:-1] & m[2:, 1:-1] & m[1:-1, :-2] & m[1:-1, 2:]
    return mask & ~inner


def _gaussian_map(cells: np.ndarray, shape, sigma2: float) -> np.ndarray:
    """exp(-d^2 / (2 sigma^2)) with d the distance (cells) to the nearest marked cell, cut at
    TRUNCATE sigma; marked cells get exactly 1 (the focal loss's positives)."""
    out = np.zeros(shape, dtype=np.float32)
    if len(cells) == 0:
        return out
    cut2 = TRUNCATE * TRUNCATE * sigma2
    if _edt is not None:
        free = np.ones(shape, dtype=bool)
        free[cells[:, 0], cells[:, 1]] = False
        d2 = _edt(free) ** 2  # sqrt then square: allow for rounding at the cut
        return np.where(d2 <= cut2 + 1e-9, np.exp(-d2 / (2 * sigma2)), 0.0).astype(np.float32)
    r = int(math.floor(math.sqrt(cut2)))
    for dy, dx in [(y, x) for y in range(-r, r + 1) for x in range(-r, r + 1) if y * y + x * x <= cut2]:
        rr, cc = cells[:, 0] + dy, cells[:, 1] + dx
        ok = (rr >= 0) & (rr < shape[0]) & (cc >= 0) & (cc < shape[1])
        rr, cc = rr[ok], cc[ok]
        # cells are unique, so one offset never writes a cell twice
        out[rr, cc] = np.maximum(out[rr, cc], math.exp(-(dy * dy + dx * dx) / (2 * sigma2)))
    return out


def _to_cells(points_rc: np.ndarray, stride: int, shape) -> np.ndarray:
    """Unique (row, col) cells of pixel coordinates, inside the stride grid."""
    c = points_rc.reshape(-1, 2) // stride
    c = c[(c[:, 0] < shape[0]) & (c[:, 1] < shape[1])]
    flat = np.unique(c[:, 0] * shape[1] + c[:, 1])
    return np.stack([flat // shape[1], flat % shape[1]], axis=1)


def _mask(poly: np.ndarray, height: int, width: int):
    """The polygon's own mask within its bounding box (clipped to the image) and the box's
    top-left (row, col). Each polygon is rasterised alone, so overlapping chromosomes each keep
    the shared region."""
    x0 = min(max(int(math.floor(poly[:, 0].min())), 0), width)
    y0 = min(max(int(math.floor(poly[:, 1].min())), 0), height)
    x1 = max(min(int(math.ceil(poly[:, 0].max())), width), x0)
    y1 = max(min(int(math.ceil(poly[:, 1].max())), height), y0)
    return rasterise(poly, y1 - y0, x1 - x0, x0, y0), np.array([y0, x0], dtype=np.int64)


def _thin_all(masks):
    """zhang_suen of many masks in one call: packed on shelves with a blank line between them
    (thinning only looks at 8-neighbours, so the result is the same as one by one), which saves
    the per-call overhead of hundreds of tiny arrays."""
    if not masks:
        return []
    limit = max(max(m.shape[1] for m in masks),
                int(math.sqrt(sum((m.shape[0] + 1) * (m.shape[1] + 1) for m in masks))))
    places, x, y, shelf = [None] * len(masks), 0, 0, 0
    for i in sorted(range(len(masks)), key=lambda k: -masks[k].shape[0]):
        h, w = masks[i].shape
        if x > 0 and x + w > limit:
            x, y, shelf = 0, y + shelf + 1, 0
        places[i] = (y, x)
        x, shelf = x + w + 1, max(shelf, h)
    canvas = np.zeros((y + shelf, limit), dtype=bool)
    for m, (r, c) in zip(masks, places):
        canvas[r:r + m.shape[0], c:c + m.shape[1]] = m
    thin = zhang_suen(canvas)
    return [thin[r:r + m.shape[0], c:c + m.shape[1]] for m, (r, c) in zip(masks, places)]


def _instance(poly, mask, thin, off, height, width):
    """Skeleton and edge pixels (row, col) of one instance."""
    if not mask.any():
        # Thinner than a pixel: stand in with the pixel under the vertex mean.
        cx, cy = poly.mean(0)
        if 0 <= cx < width and 0 <= cy < height:
            pt = np.array([[int(cy), int(cx)]], dtype=np.int64)
            return pt, pt
        return (np.zeros((0, 2), dtype=np.int64),) * 2
    skel = np.argwhere(thin) + off
    edge = np.argwhere(_boundary(mask)) + off
    if len(skel) == 0:  # Zhang-Suen erases 2x2 blobs entirely
        px = np.argwhere(mask) + off
        skel = px[[np.argmin(((px - px.mean(0)) ** 2).sum(1))]]
    return skel, edge


def _meeting(skels, boxes_px):
    """Skeleton pixels of i within MEET_PX of a skeleton pixel of another instance j."""
    hits = [np.zeros(len(s), dtype=bool) for s in skels]
    if len(skels) < 2:
        return hits
    lo, hi = boxes_px[:, :2] - MEET_PX, boxes_px[:, 2:] + MEET_PX
    overlap = np.all((lo[:, None] <= hi[None]) & (lo[None] <= hi[:, None]), axis=2)
    for i, j in zip(*np.nonzero(np.triu(overlap, 1))):
        si, sj = skels[i], skels[j]
        if len(si) == 0 or len(sj) == 0:
            continue
        d2 = ((si[:, None, :] - sj[None, :, :]) ** 2).sum(2)
        close = d2 <= MEET_PX * MEET_PX
        hits[i] |= close.any(1)
        hits[j] |= close.any(0)
    return hits


def build_targets(polygons, height: int, width: int, stride: int = 4,
                  ignore_mask: Optional[np.ndarray] = None) -> Targets:
    grid = (height // stride, width // stride)
    polys = [np.asarray(p, dtype=np.float64).reshape(-1, 2) for p in polygons]
    boxes = np.zeros((len(polys), 5), dtype=np.float32)
    bend = np.zeros(len(polys), dtype=np.float32)
    masks = [_mask(p, height, width) for p in polys]
    thins = _thin_all([m for m, _ in masks])
    skels, edges = [], []
    for i, p in enumerate(polys):
        boxes[i] = min_area_rect(p)
        s, e = _instance(p, masks[i][0], thins[i], masks[i][1], height, width)
        skels.append(s)
        edges.append(e)
        if len(s):
            cx, cy, _, _, t = (float(v) for v in boxes[i])
            t = math.radians(t)
            xs, ys = s[:, 1] + 0.5 - cx, s[:, 0] + 0.5 - cy
            bend[i] = float(np.abs(-xs * math.sin(t) + ys * math.cos(t)).mean())
    # skeleton pixel extents (r0, c0, r1, c1) for the pair pre-filter
    ext = np.array([np.r_[s.min(0), s.max(0)] if len(s) else [-1e9, -1e9, -1e9, -1e9]
                    for s in skels], dtype=np.float64).reshape(-1, 4)
    hits = _meeting(skels, ext)
    crossing = np.array([h.any() for h in hits], dtype=bool)
    empty = np.zeros((0, 2), dtype=np.int64)
    sets = [np.concatenate(skels or [empty]), np.concatenate(edges or [empty]),
            np.concatenate([s[h] for s, h in zip(skels, hits)] or [empty])]
    saliency = np.stack([_gaussian_map(_to_cells(pts, stride, grid), grid, s2)
                         for pts, s2 in zip(sets, SIGMA2)])
    aspect = boxes[:, 2] / np.maximum(boxes[:, 3], 1e-6)
    ignore = np.zeros(grid, dtype=bool)
    if ignore_mask is not None:
        m = np.asarray(ignore_mask, dtype=bool)
        if m.shape != (height, width):
            raise ValueError("ignore_mask is %s, the image %s" % (m.shape, (height, width)))
        # A cell is ignored when any of its pixels is.
        m = m[:grid[0] * stride, :grid[1] * stride]
        ignore = m.reshape(grid[0], stride, grid[1], stride).any(axis=(1, 3))
    return Targets(boxes=boxes, saliency=saliency, crossing=crossing, bend=bend,
                   aspect=aspect.astype(np.float32), ignore=ignore)
