"""Real spread geometry with instance labels from the ADIR M-FISH class maps
(../shared/data/real/adir-mfish-186): one chromosome = a connected component of its class plus the
overlap pixels (255) it runs through; both chromosomes of a crossing get the overlap. The
recovered count of each cell is checked against its slide's ISCN count (karyotypes.csv): only
cells whose count agrees are written, as LabelMe polygons over the inverted DAPI image (dark
chromosomes on light, as G-banding), split by slide, never by cell.

    /usr/bin/python3 -m deepchm.tools.adir --data ../../../shared/data/real/adir-mfish-186 --out DIR \
        [--val-slides A02,V27] [--min-pixels 30] [--report-only]

What is lost: two homologues that touch share a class and become one instance (the cell then
recovers fewer than its ISCN count and is left out), and the tumour lines' derivative
chromosomes are counted as the ISCN says.
"""
import argparse
import csv
import json
import os
import sys
from collections import defaultdict

import cv2
import numpy as np
from PIL import Image

from ..synth.compose import labelme, write_png
from ..synth.outline import polygon_of

OVERLAP = 255


def instances(label, min_pixels=30):
    """[(class, mask)] of one class map; a piece with fewer than `min_pixels` pixels of its own
    class is noise of the annotation, not a chromosome."""
    out = []
    overlap = label == OVERLAP
    for c in range(1, 25):
        own = label == c
        if not own.any():
            continue
        n, lab = cv2.connectedComponents((own | overlap).astype(np.uint8), connectivity=8)
        for k in range(1, n):
            comp = lab == k
            if int((comp & own).sum()) >= min_pixels:
                out.append((c, comp))
    return out


def slide_of(cell):
    """Probe set + slide number: the first 3 characters of the id (README of the set)."""
    return cell[:3]


def read_truth(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", required=True, help="the adir-mfish-186 folder (dapi/, label/, karyotypes.csv)")
    ap.add_argument("--out", help="write LabelMe cells here (train/ and val/ by slide)")
    ap.add_argument("--val-slides", default="", help="comma-separated slide ids (e.g. A02,V27) for val/")
    ap.add_argument("--min-pixels", type=int, default=30)
    ap.add_argument("--report-only", action="store_true", help="only print the recovered counts")
    a = ap.parse_args(argv)
    rows = read_truth(os.path.join(a.data, "karyotypes.csv"))
    val = {s.strip() for s in a.val_slides.split(",") if s.strip()}
    per_slide = defaultdict(lambda: [0, 0])
    agree, written, diffs = 0, 0, defaultdict(int)
    for r in rows:
        label = np.array(Image.open(os.path.join(a.data, "label", r["label"])))
        inst = instances(label, a.min_pixels)
        truth = int(r["count"])
        d = len(inst) - truth
        diffs[d] += 1
        s = slide_of(r["cell"])
        per_slide[s][1] += 1
        if d != 0:
            continue
        agree += 1
        per_slide[s][0] += 1
        if a.out and not a.report_only:
            split = "val" if s in val else "train"
            folder = os.path.join(a.out, split)
            os.makedirs(folder, exist_ok=True)
            dapi = np.array(Image.open(os.path.join(a.data, "dapi", r["cell"])).convert("L"))
            stem = os.path.splitext(r["cell"])[0]
            write_png(os.path.join(folder, stem + ".png"), 255 - dapi)
            polys = [polygon_of(m) for _, m in inst]
            doc = labelme(stem + ".png", dapi.shape[0], dapi.shape[1], polys, ["chromosome"] * len(polys))
            with open(os.path.join(folder, stem + ".json"), "w") as f:
                json.dump(doc, f)
            written += 1
    print(f"{len(rows)} cells; recovered count = ISCN count in {agree} "
          f"({100.0 * agree / max(1, len(rows)):.1f} %); written {written}")
    print("recovered - ISCN: " + ", ".join(f"{k:+d}: {v}" for k, v in sorted(diffs.items())))
    print("per slide (agreeing/cells): " + ", ".join(f"{s} {v[0]}/{v[1]}" for s, v in sorted(per_slide.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
