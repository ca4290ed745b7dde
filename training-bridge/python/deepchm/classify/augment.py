"""Training samples for the chromosome classifier that look like cut-outs from our detector.

The crop bank holds clean, upright, p-arm-up crops from finished karyograms. A cut-out from a
detected box has none of that: the box's axis is off by a few degrees, which end is the p-arm is
unknown, neighbours' fragments reach into the patch, and the image may be blurred, low-contrast,
of another resolution or bit depth. Each sample is made by placing the crop on a white canvas,
adding neighbours' pieces, degrading the canvas and then cutting it out exactly as the Java side
does (deepchm.classify.cutout) from a jittered box.

Real cells of other laboratories differ from the crop bank mostly by condensation (short, wide
chromosomes) and separated sister chromatids, less by resolution (docs/karyogram.md, real-cell
augmentation experiment): shares of the samples are condensed, shown at real-cell resolution,
or given parallel or splayed chromatids.

Negatives ("not a chromosome", class 24): a piece of a long chromosome, two chromosomes cut out
as one (crossing or side by side), debris blobs and nuclei.

    make_sample(rng, cell, crop, train=True) -> (patch float32 96x48, size float, class, p_up)
"""
import math

import cv2
import numpy as np

from . import cutout as cut
from .model import REJECT

WHITE = 255.0


def _rot(img, mask, deg):
    """Rotates a crop (white outside) by deg about its centre, canvas grown to fit (nearest)."""
    h, w = img.shape
    t = math.radians(deg)
    c, s = math.cos(t), math.sin(t)
    nh = int(abs(h * c) + abs(w * s)) + 2
    nw = int(abs(w * c) + abs(h * s)) + 2
    yy, xx = np.mgrid[0:nh, 0:nw].astype(np.float32)
    yy -= nh / 2
    xx -= nw / 2
    sx = c * xx + s * yy + w / 2
    sy = -s * xx + c * yy + h / 2
    ix = np.floor(sx).astype(np.int32)
    iy = np.floor(sy).astype(np.int32)
    ok = (ix >= 0) & (ix < w) & (iy >= 0) & (iy < h)
    out = np.full((nh, nw), WHITE, np.float32)
    om = np.zeros((nh, nw), bool)
    out[ok] = img[iy[ok], ix[ok]]
    om[ok] = mask[iy[ok], ix[ok]]
    return out, om


def _paste(canvas, cmask, img, mask, y, x):
    """Darker wins (chromosomes absorb light); clipped to the canvas."""
    h, w = img.shape
    H, W = canvas.shape
    y0, x0 = max(y, 0), max(x, 0)
    y1, x1 = min(y + h, H), min(x + w, W)
    if y1 <= y0 or x1 <= x0:
        return
    sub = img[y0 - y:y1 - y, x0 - x:x1 - x]
    np.minimum(canvas[y0:y1, x0:x1], sub, out=canvas[y0:y1, x0:x1])
    if cmask is not None:
        cmask[y0:y1, x0:x1] |= mask[y0 - y:y1 - y, x0 - x:x1 - x]


def _blur(img, sigma):
    r = max(1, int(3 * sigma))
    k = np.exp(-0.5 * (np.arange(-r, r + 1) / sigma) ** 2)
    k /= k.sum()
    p = np.pad(img, r, mode="edge")
    p = np.apply_along_axis(lambda v: np.convolve(v, k, mode="valid"), 0, p)
    return np.apply_along_axis(lambda v: np.convolve(v, k, mode="valid"), 1, p)


def _degrade(rng, canvas):
    """Contrast, background level, blur, resolution, noise, bit depth."""
    bg = rng.uniform(170, 255)
    contrast = rng.uniform(0.35, 1.15)
    g = rng.uniform(0.7, 1.4)
    dark = (WHITE - canvas) / WHITE
    img = bg - bg * contrast * np.power(np.clip(dark, 0, 1), g)
    if rng.random() < 0.5:
        img = _blur(img, rng.uniform(0.3, 1.1))
    img = img + rng.normal(0, rng.uniform(0, 6), img.shape)
    q = rng.random()
    if q < 0.25:
        levels = 2 ** rng.integers(4, 8)
        img = np.round(img / 255 * (levels - 1)) / (levels - 1) * 255
    elif q < 0.5:
        img = img * 257.0       # 16-bit range; the normalisation is scale-free
    return img.astype(np.float32)


def _neighbours(rng, canvas, cell, cy, cx, ch, cw):
    """1-3 pieces of other chromosomes of the cell near the crop's edge."""
    for _ in range(rng.integers(1, 4)):
        o = cell.crops[rng.integers(len(cell.crops))]
        img, m = _rot(o.grey.astype(np.float32), o.mask, rng.uniform(0, 360))
        h, w = img.shape
        side = rng.integers(4)
        gap = rng.uniform(-0.05, 0.25)
        if side == 0:   # left
            x = int(cx - cw / 2 - w - gap * cw)
            y = int(cy + rng.uniform(-0.6, 0.6) * ch - h / 2)
        elif side == 1:  # right
            x = int(cx + cw / 2 + gap * cw)
            y = int(cy + rng.uniform(-0.6, 0.6) * ch - h / 2)
        elif side == 2:  # above
            x = int(cx + rng.uniform(-1, 1) * cw - w / 2)
            y = int(cy - ch / 2 - h - gap * ch)
        else:            # below
            x = int(cx + rng.uniform(-1, 1) * cw - w / 2)
            y = int(cy + ch / 2 + gap * ch)
        _paste(canvas, None, img, m, y, x)


def _canvas_for(grey, mask, pad):
    h, w = grey.shape
    canvas = np.full((h + 2 * pad, w + 2 * pad), WHITE, np.float32)
    cmask = np.zeros(canvas.shape, bool)
    _paste(canvas, cmask, grey.astype(np.float32), mask, pad, pad)
    return canvas, cmask


def _negative(rng, cell):
    """-> (grey, mask) of something that is not one whole chromosome."""
    kind = rng.random()
    crops = cell.crops
    if kind < 0.35:   # a piece of a long chromosome
        big = [c for c in crops if c.label < 12] or crops
        c = big[rng.integers(len(big))]
        h = c.grey.shape[0]
        n = max(4, int(h * rng.uniform(0.25, 0.55)))
        y = rng.integers(0, max(1, h - n))
        return c.grey[y:y + n].copy(), c.mask[y:y + n].copy()
    if kind < 0.75:   # two chromosomes as one
        a = crops[rng.integers(len(crops))]
        b = crops[rng.integers(len(crops))]
        ga, ma = a.grey.astype(np.float32), a.mask
        gb, mb = _rot(b.grey.astype(np.float32), b.mask, rng.uniform(-90, 90) if rng.random() < 0.6
                      else rng.uniform(-8, 8))
        H = max(ga.shape[0], gb.shape[0]) * 2
        W = (ga.shape[1] + gb.shape[1]) * 2
        canvas = np.full((H, W), WHITE, np.float32)
        cm = np.zeros((H, W), bool)
        _paste(canvas, cm, ga, ma, H // 4, W // 4)
        dx = int(ga.shape[1] * rng.uniform(0.3, 1.0))
        dy = int((ga.shape[0] - gb.shape[0]) / 2 + rng.uniform(-0.3, 0.3) * ga.shape[0])
        _paste(canvas, cm, gb, mb, H // 4 + dy, W // 4 + dx)
        ys, xs = np.nonzero(cm)
        return canvas[ys.min():ys.max() + 1, xs.min():xs.max() + 1], cm[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
    # debris or a nucleus: a textured dark ellipse
    size = cell.median_len * (rng.uniform(0.15, 0.6) if rng.random() < 0.6 else rng.uniform(1.5, 4))
    a = size / 2
    b = a * rng.uniform(0.5, 1.0)
    H = W = int(2 * a) + 4
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    r = ((xx - W / 2) / a) ** 2 + ((yy - H / 2) / b) ** 2
    m = r <= 1
    tex = rng.uniform(20, 140) + rng.normal(0, 15, (H, W))
    g = np.where(m, np.clip(tex + 60 * r, 0, 254), WHITE).astype(np.float32)
    return g, m


def make_sample(rng, cell, crop, train=True, negative=False, cutout=True, target_len=None,
                condense=None):
    """One augmented cut-out; `crop` is ignored for negatives. p_up is -1 where undefined.
    train: degradations and mirroring too; cutout: box jitter, axis residue and neighbours
    (the held-out figures are measured with cutout=True, train=False); target_len: the cell is
    shown at the resolution where its median chromosome is that many pixels long (evaluation
    at real-cell resolution; never enlarged); condense: every chromosome shortened to that
    share of its length, width kept (evaluation of condensed metaphases). In training, a
    chromosome cut out sideways (its box's long side across it) has no polarity label (-1);
    evaluation sets keep their labels as before, so their figures stay comparable."""
    if negative:
        grey, mask = _negative(rng, cell)
        label, p_up = REJECT, -1.0
    else:
        grey, mask = crop.grey.astype(np.float32), crop.mask
        label, p_up = crop.label, (1.0 if crop.polarity_known else -1.0)
    if train and rng.random() < 0.5:          # mirror: banding is symmetric across the axis
        grey, mask = grey[:, ::-1], mask[:, ::-1]
    if train and not negative and rng.random() < CHROMATID_SHARE:
        if rng.random() < 0.5:
            grey = _chromatids(rng, grey, mask)
        else:
            grey, mask = _splay(rng, grey, mask)
    if rng.random() < 0.5:                    # p-arm down
        grey, mask = grey[::-1, ::-1], mask[::-1, ::-1]
        if p_up >= 0:
            p_up = 0.0
    shrink = _condensation(rng, train, condense)   # the cell's chromosomes all shorter by this
    if shrink < 1.0:
        grey, mask = _squash(grey, mask, shrink)
    h, w = grey.shape
    pad = int(max(h, w) * 0.8) + 4
    canvas, cmask = _canvas_for(np.ascontiguousarray(grey), np.ascontiguousarray(mask), pad)
    cy, cx = pad + h / 2, pad + w / 2
    if (train or cutout) and rng.random() < 0.6:
        _neighbours(rng, canvas, cell, cy, cx, h, w)
    if train:
        canvas = _degrade(rng, canvas)
    # the box a detector would give: along the chromosome's axis, a few degrees and pixels off.
    # Wider than tall (pairs, blobs, a condensed small chromosome): the box's long side lies
    # across the crop, so the cut-out shows it sideways; near-square ones can come either way.
    across = w > h
    if train and not negative and max(h, w) < SQUARE_RATIO * min(h, w):
        across = rng.random() < 0.5
    length, width = (float(w), float(h)) if across else (float(h), float(w))
    angle = 90.0 if across else 0.0
    if across and train and p_up >= 0:
        p_up = -1.0     # shown sideways: neither end of the patch is the p-arm (no label)
    if train or cutout:
        scale = math.exp(rng.normal(0, 0.06))
        length *= scale
        width *= math.exp(rng.normal(0, 0.1))
        angle += float(np.clip(rng.normal(0, 7), -25, 25))
        cy += rng.normal(0, 0.04 * length)
        cx += rng.normal(0, 0.04 * width)
        f = _resolution(rng, cell, train, target_len, shrink)
        shrink *= f
        if f < 1.0:                                    # lower resolution: resample the canvas
            canvas = _resample(canvas, f)
            cy, cx, length, width = cy * f, cx * f, length * f, width * f
            h, w = h * f, w * f
            if train:
                canvas = _small_image(rng, canvas)
    t = math.radians(angle)
    down = (-math.sin(t), math.cos(t))       # angle 0 -> (0, 1): top of the crop up
    patch = cut.cutout(canvas, cx, cy, length, width, down)
    med = cell.median_len * shrink
    size = math.log(max(length, 1.0) / med)
    if train:
        size += rng.normal(0, 0.05)
    return patch, size, label, p_up


# Real cells of other laboratories (docs/karyogram.md, "resolution gap"): the median chromosome
# of a CabinH / tuanvision cell (long side of its archive outline's minimum-area box) is 29-74 px
# long, the crop bank's 54-74 px (5th-95th percentile of the cells). A share of training samples
# is shown with the cell's median chromosome REAL_MEDIAN_LEN px long (then cut out, i.e.
# enlarged again to 96x48), another at the milder x0.45-0.9 of classifier 1.0.0.
REAL_MEDIAN_LEN = (24.0, 60.0)
REAL_SHARE = 0.45
MILD_SHARE = 0.2
CHROMATID_SHARE = 0.3
CONDENSE_SHARE = 0.5
CONDENSE_RANGE = (0.5, 1.0)   # train --condense-min lowers the first (1.3.0: 0.35, see _condensation)
# A detector's box of a near-square chromosome (length < SQUARE_RATIO x width, as condensed
# small chromosomes are: Y, 21 and 22 have length / width 1.5-1.9 in the crop bank, 45-67 % of
# them wider than long when condensed to 0.6) may take either side as its length.
SQUARE_RATIO = 1.25


def _condensation(rng, train, condense):
    """Length factor (<= 1, width kept) for this sample: condensed metaphases have short, wide
    chromosomes (real cells: length / width about 1.7 against the crop bank's 2.9; per CabinH cell
    the median outline's length / width is 0.44-0.90 of the bank's, its 10th percentile down to
    0.36, so 1.3.0 trains down to 0.35: at 0.45 1.2.0, trained down to 0.5, fell to 78 % top-1)."""
    if condense is not None:
        return float(condense)
    if train and rng.random() < CONDENSE_SHARE:
        return rng.uniform(*CONDENSE_RANGE)
    return 1.0


def _squash(grey, mask, c):
    """Shortens an upright crop to c of its length (area-averaged), width unchanged."""
    h, w = grey.shape
    nh = max(3, int(round(h * c)))
    g = cv2.resize(np.ascontiguousarray(grey, np.float32), (w, nh), interpolation=cv2.INTER_AREA)
    m = cv2.resize(np.ascontiguousarray(mask, np.uint8), (w, nh), interpolation=cv2.INTER_NEAREST) > 0
    g[~m] = WHITE
    return g, m


def _resolution(rng, cell, train, target_len, shrink=1.0):
    """Resampling factor (<= 1) for this sample; shrink: the condensation already applied."""
    if target_len is not None:
        return min(1.0, float(target_len) / (cell.median_len * shrink))
    if not train:
        return 1.0
    q = rng.random()
    if q < REAL_SHARE:
        lo, hi = REAL_MEDIAN_LEN
        target = math.exp(rng.uniform(math.log(lo), math.log(hi)))
        return min(1.0, target / (cell.median_len * shrink))
    if q < REAL_SHARE + MILD_SHARE:
        return rng.uniform(0.45, 0.9)
    return 1.0


def _small_image(rng, img):
    """Optics and sensor at the small scale: blur (often) and noise after the resampling."""
    if rng.random() < 0.6:
        img = _blur(img, rng.uniform(0.4, 1.0))
    if rng.random() < 0.5:
        img = img + rng.normal(0, rng.uniform(0, 0.03) * float(img.max() - img.min() + 1), img.shape)
    return img.astype(np.float32)


def _chromatids(rng, grey, mask):
    """Sister chromatids apart (condensed metaphases): a paler line along the chromosome's axis,
    the chromatids pushed a little apart, joined at a centromere-like waist."""
    g = grey.astype(np.float32)
    h, w = g.shape
    if w < 6 or h < 8:
        return grey
    cols = np.arange(w, dtype=np.float32)
    mid = _axis_mid(mask)
    sd = max(0.6, w * rng.uniform(0.04, 0.09))
    strength = rng.uniform(0.35, 0.8)
    cen = rng.uniform(0.2, 0.6) * h
    along = np.clip(np.abs(np.arange(h) - cen) / (0.08 * h + 1), 0, 1)     # joined at the waist
    pale = strength * along[:, None] * np.exp(-0.5 * ((cols[None, :] - mid[:, None]) / sd) ** 2)
    dark = (WHITE - g) / WHITE
    out = WHITE - WHITE * dark * (1 - pale)
    out[~mask] = WHITE
    return out


def _axis_mid(mask):
    """Column of the chromosome's axis in each row (the middle of the row's mask)."""
    h, w = mask.shape
    mid = np.full(h, (w - 1) / 2.0, np.float32)
    for y in np.nonzero(mask.any(1))[0]:
        xs = np.nonzero(mask[y])[0]
        mid[y] = 0.5 * (xs[0] + xs[-1])
    return mid


def _splay(rng, grey, mask):
    """Sister chromatids splayed apart (an X or V shape, as in over-long colcemid arrest): the
    left and right halves turned by +-6..25 degrees about a centromere-like point and pushed a
    little apart. -> (grey, mask) cropped to the result."""
    g = np.ascontiguousarray(grey, np.float32)
    m = np.ascontiguousarray(mask)
    h, w = g.shape
    if w < 6 or h < 8:
        return grey, mask
    mid = _axis_mid(m)
    cols = np.arange(w)[None, :]
    left = cols <= mid[:, None]
    pad = h
    H, W = h + 2 * pad, w + 2 * pad
    cy = pad + rng.uniform(0.2, 0.6) * h
    cx = pad + float(np.median(mid))
    theta = rng.uniform(6, 25)
    gap = rng.uniform(0, 0.12) * w
    out = np.full((H, W), WHITE, np.float32)
    om = np.zeros((H, W), bool)
    for side, sign in ((left, 1.0), (~left, -1.0)):
        half = np.full((H, W), WHITE, np.float32)
        hm = np.zeros((H, W), np.uint8)
        half[pad:pad + h, pad:pad + w] = np.where(side & m, g, WHITE)
        hm[pad:pad + h, pad:pad + w] = side & m
        rot = cv2.getRotationMatrix2D((cx, cy), sign * theta, 1.0)
        rot[0, 2] -= sign * gap
        half = cv2.warpAffine(half, rot, (W, H), flags=cv2.INTER_LINEAR, borderValue=WHITE)
        hm = cv2.warpAffine(hm, rot, (W, H), flags=cv2.INTER_NEAREST, borderValue=0) > 0
        np.minimum(out, half, out=out)
        om |= hm
    ys, xs = np.nonzero(om)
    if len(ys) == 0:
        return grey, mask
    y0, y1, x0, x1 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
    out, om = out[y0:y1, x0:x1], om[y0:y1, x0:x1]
    out[~om] = WHITE
    return out, om


def _resample(img, f):
    """Area-ish downsampling by factor f < 1 (box blur then bilinear)."""
    img = _blur(img, 0.5 / f)
    H, W = img.shape
    nh, nw = max(2, int(H * f)), max(2, int(W * f))
    ys = np.clip((np.arange(nh) + 0.5) / f - 0.5, 0, H - 1)
    xs = np.clip((np.arange(nw) + 0.5) / f - 0.5, 0, W - 1)
    y0 = np.floor(ys).astype(int)
    x0 = np.floor(xs).astype(int)
    y1 = np.minimum(y0 + 1, H - 1)
    x1 = np.minimum(x0 + 1, W - 1)
    fy = (ys - y0)[:, None]
    fx = (xs - x0)[None, :]
    a = img[y0][:, x0] * (1 - fx) + img[y0][:, x1] * fx
    b = img[y1][:, x0] * (1 - fx) + img[y1][:, x1] * fx
    return (a * (1 - fy) + b * fy).astype(np.float32)
