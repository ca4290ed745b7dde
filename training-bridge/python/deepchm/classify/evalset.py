"""Writes held-out cut-outs for the Java evaluation (`karyo karyotype-eval`), so the figures are
those of the code that ships: ONNX Runtime, the Java assignment and its findings.

    /usr/bin/python3 -m deepchm.classify.evalset --out DIR [--split test] [--seed 7]

DIR/cells.json: [{"cell", "case", "kind", "labels": [0..23 per chromosome], "p_up": [1/0]}],
DIR/images.f32: float32 little-endian, N x 96 x 48 cut-outs in the order of the cells,
DIR/sizes.f32: float32 N sizes. Every crop of every held-out cell is cut out once as our
detector's would be (axis residue, random polarity, box jitter, neighbours' fragments; no
training degradations; --target-len / --condense show it at real-cell resolution / condensation).
Abnormal cells are made from held-out cells of the same split:
"trisomy21" (a 21 from another cell of the split added), "monosomyX" (a 46,XX cell with one X
removed) and "XXY" (an X from another cell added to a 46,XY cell).
"""
import argparse
import json
import math
import os
import sys

import numpy as np

from . import data as cd
from .augment import make_sample


def _with(cell, crops, kind):
    c = cd.Cell(cell.case, cell.cell + ":" + kind, list(crops))
    c.median_len = float(np.median([cr.grey.shape[0] for cr in crops]))
    return c


def abnormal_cells(rng, cells, per_kind):
    out = []
    pool21 = [cr for c in cells for cr in c.crops if cr.label == 20]
    poolX = [cr for c in cells for cr in c.crops if cr.label == 22]
    normal = [c for c in cells if len(c.crops) == 46]
    xx = [c for c in normal if sum(cr.label == 22 for cr in c.crops) == 2
          and not any(cr.label == 23 for cr in c.crops)]
    xy = [c for c in normal if sum(cr.label == 22 for cr in c.crops) == 1
          and sum(cr.label == 23 for cr in c.crops) == 1]
    for c in [normal[i] for i in rng.permutation(len(normal))[:per_kind]]:
        out.append(_with(c, c.crops + [pool21[rng.integers(len(pool21))]], "trisomy21"))
    for c in [xx[i] for i in rng.permutation(len(xx))[:per_kind]]:
        drop = [i for i, cr in enumerate(c.crops) if cr.label == 22][0]
        out.append(_with(c, [cr for i, cr in enumerate(c.crops) if i != drop], "monosomyX"))
    for c in [xy[i] for i in rng.permutation(len(xy))[:per_kind]]:
        out.append(_with(c, c.crops + [poolX[rng.integers(len(poolX))]], "XXY"))
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--split", default="test")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--abnormal", type=int, default=10, help="cells of each abnormal kind")
    ap.add_argument("--target-len", type=float, help="show each cell at the resolution where its median "
                    "chromosome is this many pixels long (real cells: 29-74)")
    ap.add_argument("--condense", type=float, help="shorten every chromosome to this share of its length")
    args = ap.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    cells = cd.load_split(args.split)
    todo = [(c, "as-is") for c in cells] + [(c, c.cell.split(":")[1]) for c in abnormal_cells(rng, cells, args.abnormal)]
    os.makedirs(args.out, exist_ok=True)
    meta = []
    with open(os.path.join(args.out, "images.f32"), "wb") as fi, open(os.path.join(args.out, "sizes.f32"), "wb") as fs:
        for cell, kind in todo:
            labels, ups = [], []
            for crop in cell.crops:
                p, s, lab, up = make_sample(rng, cell, crop, train=False, cutout=True,
                                            target_len=args.target_len, condense=args.condense)
                fi.write(p.astype("<f4").tobytes())
                fs.write(np.float32(s).astype("<f4").tobytes())
                labels.append(int(lab))
                ups.append(int(up))
            meta.append({"cell": cell.cell, "case": cell.case, "kind": kind, "labels": labels, "p_up": ups})
    with open(os.path.join(args.out, "cells.json"), "w") as f:
        json.dump(meta, f)
    print(json.dumps({"out": args.out, "cells": len(meta), "chromosomes": sum(len(m["labels"]) for m in meta)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
