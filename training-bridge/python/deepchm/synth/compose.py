"""Metaphase composer: realistic G-banded metaphase spreads with EXACT instance polygons
(LabelMe JSON + PNG, plus dataset.json), for training the DeepCHM detector. This module writes
the sets; the scene is deepchm.synth.scene (placement: deepchm.synth.placement, procedural chromosomes:
deepchm.synth.procedural, outlines: deepchm.synth.outline).

A spread is the chromosome set of one cell (45-47 chromosomes): the real crops of one source
metaphase (deepchm.synth.crops, split by cell) or procedural banded ribbons with human karyotype
lengths and centromeres. Each chromosome is rotated, scaled, stretched (condensation) and bent
by a smooth warp, placed in a roughly elliptical cluster (some touching, a few crossing, drawn
in z-order so the occluder is on top) on a lit background with nuclei, debris, blur and noise.
Every polygon is the FULL outline of its chromosome (as annotators draw crossings), traced from
the transformed mask along pixel edges and simplified (Douglas-Peucker).

    /usr/bin/python3 -m deepchm.synth.compose --out DIR --images N --seed S [--source real|procedural|mixed]
        [--split train|val] [--sizes 700x550,1600x1200,3200x2200] [--bit-depth 8|16]
        [--patient ID] [--counts 45,46,47] [--labels class|chromosome]
        [--chromatid-split P] [--blur-max SIGMA]

Sizes are WIDTHxHEIGHT. Procedural mode never reads the shared data folder.
"""
import argparse
import json
import os
import sys

import numpy as np
from PIL import Image

from .scene import compose, default_bank


def labelme(image_file, height, width, polygons, labels):
    return {"version": "5.2.1", "flags": {}, "imagePath": image_file, "imageHeight": int(height),
            "imageWidth": int(width), "imageData": None,
            "shapes": [{"label": lab, "points": [[round(float(x), 2), round(float(y), 2)] for x, y in p],
                        "group_id": None, "shape_type": "polygon", "flags": {}}
                       for p, lab in zip(polygons, labels)]}


def write_png(path, image):
    if image.dtype == np.uint16:
        Image.fromarray(image.astype(np.uint16), mode="I;16").save(path)
    else:
        Image.fromarray(image).save(path)


def parse_size(text):
    w, h = (int(v) for v in text.lower().split("x"))
    return w, h


def write_set(out, images, seed, source="procedural", split=None, sizes=((700, 550),), bit_depth=8,
              patient=None, counts=None, label_mode="class", bank=None, log=None, chromatid_split=0.0,
              blur_max=1.5, split_strength=1.0, stretch_max=None, width_px=None):
    """Writes N images (PNG + LabelMe JSON) and dataset.json into `out`. split None: each image
    goes to val with probability 0.2 (real cells from the matching bank). -> manifest dict."""
    os.makedirs(out, exist_ok=True)
    entries = []
    banks = {}
    for i in range(images):
        rng = np.random.default_rng([seed, i])
        sp = split or ("val" if rng.uniform() < 0.2 else "train")
        w, h = sizes[int(rng.integers(len(sizes)))]
        count = None if not counts else int(counts[int(rng.integers(len(counts)))])
        src = source
        if src == "mixed":
            src = "real" if rng.uniform() < 0.5 else "procedural"
        b = None
        if src == "real":
            b = bank if bank is not None else banks.setdefault(sp, default_bank(sp))
        img, polys, labels = compose(rng, src, h, w, count, bit_depth, bank=b, split=sp,
                                     chromatid_split=chromatid_split, blur_max=blur_max,
                                     split_strength=split_strength, stretch_max=stretch_max, width_px=width_px)
        if label_mode != "class":
            labels = ["chromosome"] * len(labels)
        name = "meta_%05d" % i
        write_png(os.path.join(out, name + ".png"), img)
        with open(os.path.join(out, name + ".json"), "w") as f:
            json.dump(labelme(name + ".png", h, w, polys, labels), f)
        pid = patient or "synth-%s-s%d-%05d" % (src[:4], seed, i)
        entries.append({"annotation": name + ".json", "patient": pid, "case": "%s-c%05d" % (pid, i),
                        "split": sp, "source": src, "count": len(polys)})
        if log:
            log("%s %dx%d %s %d chromosomes" % (name, w, h, src, len(polys)))
    manifest = {"format": "karyo-dataset-1", "generator": "deepchm.synth.compose", "seed": seed,
                "images": entries}
    with open(os.path.join(out, "dataset.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    return manifest


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--images", type=int, default=8)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--source", choices=("real", "procedural", "mixed"), default="procedural")
    ap.add_argument("--split", choices=("train", "val"), default=None,
                    help="all images in this split (and real cells from this bank); default: 20%% val")
    ap.add_argument("--sizes", default="700x550", help="WIDTHxHEIGHT[,...]")
    ap.add_argument("--bit-depth", type=int, choices=(8, 16), default=8)
    ap.add_argument("--patient", default=None, help="patient id for every image (default one per image)")
    ap.add_argument("--counts", default=None, help="chromosome counts to draw from, e.g. 45,46,47")
    ap.add_argument("--labels", choices=("class", "chromosome"), default="class")
    ap.add_argument("--chromatid-split", type=float, default=0.0, metavar="P",
                    help="probability that a cell's sister chromatids are drawn apart (default 0)")
    ap.add_argument("--blur-max", type=float, default=1.5, metavar="SIGMA",
                    help="strongest optical blur in image pixels (default 1.5)")
    ap.add_argument("--split-strength", type=float, default=1.0, metavar="K",
                    help="how far split chromatids swing apart: K x (up to 22 degrees, 6 px) (default 1)")
    ap.add_argument("--stretch-max", type=float, default=None, metavar="K",
                    help="prometaphase length: stretch each chromosome along its axis by 1..K, bands kept "
                         "(e.g. 2.2; default: condensation 0.9-1.15)")
    ap.add_argument("--width-px", default=None, metavar="LO,HI",
                    help="chromosome width in image pixels drawn per cell, e.g. 20,35 for high-resolution "
                         "exports (use large --sizes); default: from the image size")
    args = ap.parse_args(argv)
    sizes = [parse_size(s) for s in args.sizes.split(",") if s.strip()]
    counts = [int(c) for c in args.counts.split(",")] if args.counts else None
    write_set(args.out, args.images, args.seed, args.source, args.split, sizes, args.bit_depth,
              args.patient, counts, args.labels, log=lambda m: print(m, file=sys.stderr),
              chromatid_split=args.chromatid_split, blur_max=args.blur_max,
              split_strength=args.split_strength, stretch_max=args.stretch_max,
              width_px=tuple(float(v) for v in args.width_px.split(",")) if args.width_px else None)


if __name__ == "__main__":
    main()
