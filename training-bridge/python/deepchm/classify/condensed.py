"""How the classifier holds up as chromosomes get shorter: top-1 and polarity of a checkpoint on
held-out crop-bank cut-outs shown condensed (every chromosome shortened to a share of its length,
width kept; deepchm.classify.augment) and, optionally, at a real cell's resolution.

    /usr/bin/python3 -m deepchm.classify.condensed --checkpoint CKPT [--tta] [--cells 40]

Prints one JSON line: for each presentation, [top-1 %, polarity %] over every chromosome of
--cells test cells (drawn with a fixed seed), each cut out once as the detector's cut-outs look.
"""
import argparse
import json
import sys

import numpy as np
import torch

from . import data as cd
from .augment import make_sample
from .model import ChromosomeNet, FlipAveraged
from .train import _stack, predict

# (condensation, cell median length in px or None): the table of docs/karyogram.md
PRESENTATIONS = ((1.0, None), (0.6, None), (0.45, None), (0.45, 30), (0.35, None))


def figures(model, cells, presentations=PRESENTATIONS, seed=11):
    items = [(c, k) for c in cells for k in c.crops]
    out = {}
    for cond, target_len in presentations:
        rng = np.random.default_rng(seed)
        imgs, sizes, labels, pol = _stack(
            (make_sample(rng, c, k, train=False, cutout=True, condense=cond, target_len=target_len)
             for c, k in items), len(items))
        probs, ups = predict(model, imgs, sizes)
        has = pol >= 0
        out["c%.2f_t%s" % (cond, target_len)] = [
            round((probs.argmax(1) == labels).float().mean().item() * 100, 2),
            round(((ups[has] > 0.5).float() == pol[has]).float().mean().item() * 100, 2)]
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--checkpoint", required=True)
    ap.add_argument("--tta", action="store_true", help="with flip averaging (as exported --tta)")
    ap.add_argument("--cells", type=int, default=40, help="test cells drawn (seed 5)")
    args = ap.parse_args(argv)
    torch.set_num_threads(1)
    net = ChromosomeNet()
    net.load_state_dict(torch.load(args.checkpoint, map_location="cpu")["model"])
    model = FlipAveraged(net) if args.tta else net
    cells = cd.load_split("test")
    pick = np.random.default_rng(5).choice(len(cells), min(args.cells, len(cells)), replace=False)
    sel = [cells[i] for i in sorted(pick)]
    print(json.dumps({"checkpoint": args.checkpoint, "tta": args.tta, "chromosomes": sum(len(c.crops) for c in sel),
                      "top1_polarity": figures(model, sel)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
