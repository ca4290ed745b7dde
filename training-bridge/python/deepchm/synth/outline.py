"""Masks and polygons: a polygon rasterised to the pixels it covers, and a mask's outline traced
along pixel edges and simplified (Douglas-Peucker), so that outline and mask agree exactly."""
import math

import numpy as np


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
