"""Procedural metaphase-like images with exact chromosome polygons (LabelMe), for tests and
smoke training. Chromosomes are bent, banded ribbons with a centromere constriction on a
white background; some cross. Deterministic from the seed.

    /usr/bin/python3 -m deepchm.synth.ribbons --out DIR [--images N] [--size 384x512] [--seed S]
"""
import argparse
import base64
import io
import json
import math
import os

import numpy as np
from PIL import Image, ImageDraw, ImageFilter


def centreline(rng, length, cx, cy):
    """Points along a gently bent axis of the given length through (cx, cy)."""
    theta = rng.uniform(0, math.pi)
    bend = rng.uniform(-0.6, 0.6) / max(length, 1)
    n = max(8, int(length / 3))
    s = np.linspace(-length / 2, length / 2, n)
    angle = theta + bend * s
    dx, dy = np.cos(angle), np.sin(angle)
    x = cx + np.cumsum(dx) * (length / n)
    y = cy + np.cumsum(dy) * (length / n)
    return np.stack([x - x.mean() + cx, y - y.mean() + cy], 1)


def outline(axis, half_width, centromere):
    """Polygon of a ribbon around the axis, narrowed at the centromere, with rounded ends."""
    d = np.gradient(axis, axis=0)
    d /= np.linalg.norm(d, axis=1, keepdims=True) + 1e-9
    normal = np.stack([-d[:, 1], d[:, 0]], 1)
    t = np.linspace(0, 1, len(axis))
    width = half_width * (1 - 0.35 * np.exp(-((t - centromere) ** 2) / 0.004))
    width *= np.minimum(1, 0.55 + 4 * np.minimum(t, 1 - t))  # tapered ends
    left = axis + normal * width[:, None]
    right = axis - normal * width[:, None]
    return np.concatenate([left, right[::-1]])


def draw_chromosome(canvas, poly, axis, rng):
    """Paints a banded chromosome (darker = more stain) into a float canvas (1 = white)."""
    h, w = canvas.shape
    mask_img = Image.new("L", (w, h), 0)
    ImageDraw.Draw(mask_img).polygon([tuple(p) for p in poly], fill=255)
    mask = np.asarray(mask_img) > 0
    ys, xs = np.nonzero(mask)
    if len(xs) == 0:
        return
    # band intensity follows the position along the axis (nearest axis point)
    pts = np.stack([xs, ys], 1).astype(np.float64)
    nearest = np.argmin(((pts[:, None, :] - axis[None, :, :]) ** 2).sum(-1), axis=1)
    pos = nearest / max(len(axis) - 1, 1)
    freq = rng.uniform(6, 14)
    phase = rng.uniform(0, 2 * math.pi)
    bands = 0.25 + 0.25 * (np.sin(2 * math.pi * freq * pos + phase) > 0.2)
    canvas[ys, xs] = np.minimum(canvas[ys, xs], bands + rng.uniform(-0.05, 0.05))


def make_image(rng, height, width, count):
    canvas = np.ones((height, width))
    shapes = []
    attempts = 0
    while len(shapes) < count and attempts < count * 30:
        attempts += 1
        length = rng.uniform(0.08, 0.25) * min(height, width)
        half_width = rng.uniform(0.018, 0.028) * min(height, width)
        margin = length / 2 + 4
        cx, cy = rng.uniform(margin, width - margin), rng.uniform(margin, height - margin)
        axis = centreline(rng, length, cx, cy)
        poly = outline(axis, half_width, rng.uniform(0.25, 0.5))
        if poly[:, 0].min() < 1 or poly[:, 1].min() < 1 or poly[:, 0].max() > width - 2 or poly[:, 1].max() > height - 2:
            continue
        centre = poly.mean(0)
        if any(np.linalg.norm(centre - s[0].mean(0)) < length * 0.35 for s in shapes) and rng.uniform() < 0.85:
            continue  # mostly apart, sometimes crossing
        shapes.append((poly, axis))
    for poly, axis in shapes:
        draw_chromosome(canvas, poly, axis, rng)
    img = Image.fromarray(np.clip(canvas * 255 + rng.normal(0, 4, canvas.shape), 0, 255).astype(np.uint8))
    img = img.filter(ImageFilter.GaussianBlur(radius=0.8))
    return img, [p for p, _ in shapes]


def labelme(image_file, img, polygons, embed):
    doc = {"version": "5.2.1", "flags": {}, "imagePath": image_file, "imageHeight": img.height,
           "imageWidth": img.width, "imageData": None,
           "shapes": [{"label": "chromosome", "points": [[round(float(x), 2), round(float(y), 2)] for x, y in p],
                       "group_id": None, "shape_type": "polygon", "flags": {}} for p in polygons]}
    if embed:
        buf = io.BytesIO()
        img.save(buf, format="PNG")
        doc["imageData"] = base64.b64encode(buf.getvalue()).decode("ascii")
    return doc


def write_set(out, images, height, width, seed, count=(8, 16), embed=False):
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(seed)
    for i in range(images):
        img, polys = make_image(rng, height, width, int(rng.integers(count[0], count[1] + 1)))
        name = "synth_%03d" % i
        img.save(os.path.join(out, name + ".png"))
        with open(os.path.join(out, name + ".json"), "w") as f:
            json.dump(labelme(name + ".png", img, polys, embed), f)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--images", type=int, default=8)
    ap.add_argument("--size", default="384x512", help="HxW")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--embed", action="store_true", help="embed imageData in the JSON")
    args = ap.parse_args(argv)
    h, w = (int(v) for v in args.size.lower().split("x"))
    write_set(args.out, args.images, h, w, args.seed, embed=args.embed)


if __name__ == "__main__":
    main()
