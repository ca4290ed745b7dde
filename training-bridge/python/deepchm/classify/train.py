"""Trains the chromosome classifier (deepchm.classify.model) on the crop bank, split by case.

    /usr/bin/python3 -m deepchm.classify.train --out RUN [--epochs 30] [--resume] [--init CKPT]

Each epoch draws --samples fresh cut-outs from the training cases (deepchm.classify.augment),
about 8 % of them negatives ("not a chromosome"). The validation set is drawn once, with a fixed
seed, as our detector's cut-outs would look (axis residue, random polarity, neighbours). After
every epoch RUN/last.pt (model, optimiser, epoch, RNG state) is written atomically; the best
epoch by validation top-1 is kept as RUN/best.pt; RUN/log.jsonl gets one line per epoch.
SIGTERM or SIGINT stops after the current batch with a checkpoint. --init starts from another
run's weights (fine-tuning: fresh optimiser and schedule). The log also gives the validation
top-1 with every chromosome condensed to 0.6 of its length (as in real cells of other
laboratories: short, wide chromosomes), drawn once with a fixed seed like the plain one, and the
top-1 of the Y chromosomes of the validation cells (each cut out VAL_Y_REPEATS times, plain and
condensed: Y is one crop in 90, too few in the 3,000 samples to be followed).

Y is about 1 % of the crops (one per male cell): --balanced B draws a share B of the training
samples class-balanced (a class uniformly, then one of its crops), about 2.5 times as many Ys at
B = 0.5. --select combined keeps as best.pt the epoch with the highest
val_top1 + val_polarity + val_condensed_top1 + 0.1 * (val_y_top1 + val_y_condensed_top1)
instead of val_top1 alone; --select combined45 adds val_condensed45_top1 (the validation cases
condensed to 0.45, logged in every run). --pol-weight weighs the polarity loss (0.5 until 1.0.0).
--condense-min sets the shortest condensation shown in training (augment.CONDENSE_RANGE, 0.5 until
1.2.0). --real DATASET (repeatable) adds the trusted, classified outlines of a `karyo archive
import` folder (a laboratory's real chromosomes, deepchm.classify.archive; class only, no
polarity), a share --real-share of the training samples drawn from them.
"""
import argparse
import json
import math
import os
import signal
import sys
import time

import cv2
import numpy as np
import torch
import torch.nn.functional as F

from . import archive, augment
from . import data as cd
from .augment import make_sample
from .model import REJECT, ChromosomeNet

NEG_SHARE = 0.08
Y_LABEL = 23
VAL_Y_REPEATS = 3


def class_index(cells):
    """label -> array of (cell index, crop index) of every crop of that class."""
    by = {}
    for ci, cell in enumerate(cells):
        for ki, crop in enumerate(cell.crops):
            by.setdefault(crop.label, []).append((ci, ki))
    return {lab: np.array(v, np.int64) for lab, v in by.items()}


def _pick(rng, cells, balanced, index):
    """A training crop: with probability `balanced` class-balanced, otherwise a random cell's
    random crop (no extra random draw when balanced is 0: validation sequences stay as they were)."""
    if balanced > 0 and rng.random() < balanced:
        labels = sorted(index)
        rows = index[labels[rng.integers(len(labels))]]
        ci, ki = rows[rng.integers(len(rows))]
        cell = cells[ci]
        return cell, cell.crops[ki]
    cell = cells[rng.integers(len(cells))]
    return cell, cell.crops[rng.integers(len(cell.crops))]


def draw(rng, cells, n, train, neg_share=NEG_SHARE, cutout=True, condense=None, balanced=0.0,
         index=None, real=None, real_share=0.0):
    """n samples -> (images N x 1 x 96 x 48, sizes N x 1, labels N, p_up N); `condense` shows
    every chromosome at that fraction of its length (the condensed validation set: never a
    negative, and no lot drawn for one, which keeps that set's random sequence as it was);
    `balanced`: share of the crops drawn class-balanced (see _pick); `real`: cells of
    laboratories' archive imports (deepchm.classify.archive), a share `real_share` of the samples
    drawn from them (a random cell's random crop; no extra lot drawn when there are none)."""
    if balanced > 0 and index is None:
        index = class_index(cells)

    def samples():
        for _ in range(n):
            if real and rng.random() < real_share:
                cell = real[rng.integers(len(real))]
                crop = cell.crops[rng.integers(len(cell.crops))]
            else:
                cell, crop = _pick(rng, cells, balanced, index)
            neg = condense is None and rng.random() < neg_share
            yield make_sample(rng, cell, crop, train=train, negative=neg, cutout=cutout,
                              condense=condense)
    return _stack(samples(), n)


def _stack(samples, n):
    """n make_sample results, drawn in order -> (images N x 1 x 96 x 48, sizes N x 1, labels N,
    p_up N) tensors."""
    imgs = np.zeros((n, 1, 96, 48), np.float32)
    sizes = np.zeros((n, 1), np.float32)
    labels = np.zeros(n, np.int64)
    pol = np.zeros(n, np.float32)
    for i, (p, s, lab, up) in enumerate(samples):
        imgs[i, 0], sizes[i, 0], labels[i], pol[i] = p, s, lab, up
    return (torch.from_numpy(imgs), torch.from_numpy(sizes), torch.from_numpy(labels),
            torch.from_numpy(pol))


def class_crops(rng, cells, label, repeats, condense=None):
    """Every crop of one class in the cells, each cut out `repeats` times (no negatives)."""
    items = [(cell, crop) for cell in cells for crop in cell.crops if crop.label == label] * repeats
    return _stack((make_sample(rng, cell, crop, train=False, cutout=True, condense=condense)
                   for cell, crop in items), len(items))


def selection_score(rec, mode="combined"):
    """--select combined: plain and condensed top-1, polarity, and a little of Y's top-1;
    combined45 adds the top-1 of the validation cases condensed to 0.45."""
    score = (rec["val_top1"] + rec["val_polarity"] + rec["val_condensed_top1"]
             + 0.1 * (rec["val_y_top1"] + rec["val_y_condensed_top1"]))
    return score + rec["val_condensed45_top1"] if mode == "combined45" else score


def all_crops(rng, cells, cutout=True):
    """Every crop of the cells once (no negatives), as cut-outs; cell index per sample."""
    items = [(ci, cell, crop) for ci, cell in enumerate(cells) for crop in cell.crops]
    cell_idx = np.array([ci for ci, _, _ in items], np.int64)
    stacked = _stack((make_sample(rng, cell, crop, train=False, cutout=cutout)
                      for _, cell, crop in items), len(items))
    return stacked + (cell_idx,)


class _Batches(torch.utils.data.IterableDataset):
    """Training batches drawn in a worker process, so augmentation overlaps the network."""

    def __init__(self, cells, n_batches, batch, seed, balanced=0.0, real=None, real_share=0.0):
        self.cells, self.n, self.batch, self.seed = cells, n_batches, batch, seed
        self.balanced = balanced
        self.index = class_index(cells) if balanced > 0 else None
        self.real, self.real_share = real, real_share

    def __iter__(self):
        rng = np.random.default_rng(self.seed)
        for _ in range(self.n):
            yield draw(rng, self.cells, self.batch, train=True, balanced=self.balanced,
                       index=self.index, real=self.real, real_share=self.real_share)


def loss_fn(logits, pol_logit, labels, p_up, smoothing=0.05, pol_weight=0.5):
    ce = F.cross_entropy(logits, labels, label_smoothing=smoothing)
    has = p_up >= 0
    if has.any():
        bce = F.binary_cross_entropy_with_logits(pol_logit[has, 0], p_up[has])
    else:
        bce = logits.sum() * 0
    return ce + pol_weight * bce, ce.item(), bce.item()


@torch.no_grad()
def predict(model, imgs, sizes, batch=256):
    model.eval()
    probs, ups = [], []
    for i in range(0, len(imgs), batch):
        p, u = model(imgs[i:i + batch], sizes[i:i + batch])
        probs.append(p)
        ups.append(u[:, 0])
    return torch.cat(probs), torch.cat(ups)


def evaluate(model, val, prefix="val"):
    imgs, sizes, labels, pol = val[:4]
    probs, ups = predict(model, imgs, sizes)
    top1 = (probs.argmax(1) == labels).float().mean().item()
    has = pol >= 0
    pacc = ((ups[has] > 0.5).float() == pol[has]).float().mean().item() if has.any() else float("nan")
    return {prefix + "_top1": top1, prefix + "_polarity": pacc}


def _save(path, state):
    tmp = str(path) + ".tmp"
    torch.save(state, tmp)
    os.replace(tmp, path)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--samples", type=int, default=12000, help="training cut-outs per epoch")
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--workers", type=int, default=1, help="augmentation processes")
    ap.add_argument("--val-samples", type=int, default=3000)
    ap.add_argument("--resume", action="store_true")
    ap.add_argument("--init", help="checkpoint whose weights start the run (fine-tuning)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--balanced", type=float, default=0.0,
                    help="share of training samples drawn class-balanced (Y oversampled)")
    ap.add_argument("--pol-weight", type=float, default=0.5, help="weight of the polarity loss")
    ap.add_argument("--condense-min", type=float, default=augment.CONDENSE_RANGE[0],
                    help="shortest condensation (share of the length) shown in training")
    ap.add_argument("--select", choices=("top1", "combined", "combined45"), default="top1",
                    help="what makes best.pt: val_top1, or the combined score (see module doc)")
    ap.add_argument("--real", action="append", default=[], metavar="DATASET",
                    help="a `karyo archive import` folder whose trusted outlines are trained on "
                         "(a laboratory's real chromosomes; repeatable)")
    ap.add_argument("--real-share", type=float, default=0.15,
                    help="share of training samples drawn from the --real cells")
    args = ap.parse_args(argv)
    if not 0.2 <= args.condense_min <= 1.0:
        ap.error("--condense-min must be within 0.2-1.0")
    if not 0.0 <= args.real_share < 1.0:
        ap.error("--real-share must be within 0-1")
    try:
        real = [c for d in args.real for c in archive.load_dataset(d)]
    except archive.ArchiveError as e:
        ap.error(str(e))
    if real:
        print("real cells %d, chromosomes %d, from %s" % (
            len(real), sum(len(c.crops) for c in real), ", ".join(args.real)), flush=True)
    augment.CONDENSE_RANGE = (args.condense_min, 1.0)
    torch.set_num_threads(args.threads)
    cv2.setNumThreads(1)    # augmentation resizes small crops: no thread pool on a shared machine
    os.makedirs(args.out, exist_ok=True)
    train_cells = cd.load_split("train")
    val_cells = cd.load_split("val")
    val = draw(np.random.default_rng(12345), val_cells, args.val_samples, train=False, neg_share=0.0)
    val_condensed = draw(np.random.default_rng(54321), val_cells, args.val_samples, train=False,
                         condense=0.6)
    val_condensed45 = draw(np.random.default_rng(45045), val_cells, args.val_samples, train=False,
                           condense=0.45)
    val_y = class_crops(np.random.default_rng(777), val_cells, Y_LABEL, VAL_Y_REPEATS)
    val_y_condensed = class_crops(np.random.default_rng(778), val_cells, Y_LABEL, VAL_Y_REPEATS,
                                  condense=0.6)
    torch.manual_seed(args.seed)
    model = ChromosomeNet()
    if args.init:
        model.load_state_dict(torch.load(args.init, map_location="cpu")["model"])
        print("weights from", args.init, flush=True)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    steps_per_epoch = args.samples // args.batch
    total = steps_per_epoch * args.epochs
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=total, pct_start=0.1)
    epoch, best = 0, -1.0
    rng = np.random.default_rng(args.seed)
    last = os.path.join(args.out, "last.pt")
    if args.resume and os.path.exists(last):
        st = torch.load(last)
        model.load_state_dict(st["model"])
        opt.load_state_dict(st["opt"])
        sched.load_state_dict(st["sched"])
        epoch, best = st["epoch"], st["best"]
        rng.bit_generator.state = st["rng"]
        print("resumed at epoch", epoch, flush=True)
    stop = {"now": False}

    def on_signal(sig, frame):
        stop["now"] = True
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    log = open(os.path.join(args.out, "log.jsonl"), "a")

    def figures(rec):
        rec.update(evaluate(model, val))
        rec.update(evaluate(model, val_condensed, "val_condensed"))
        rec.update(evaluate(model, val_condensed45, "val_condensed45"))
        rec["val_y_top1"] = evaluate(model, val_y, "y")["y_top1"]
        rec["val_y_condensed_top1"] = evaluate(model, val_y_condensed, "y")["y_top1"]
        rec["select"] = rec["val_top1"] if args.select == "top1" else selection_score(rec, args.select)
        return rec
    if args.init and epoch == 0:    # the starting point's figures, for comparison (epoch 0)
        rec = figures({"epoch": 0, "init": args.init})
        log.write(json.dumps(rec) + "\n")
        log.flush()
        print(json.dumps(rec), flush=True)
    while epoch < args.epochs and not stop["now"]:
        model.train()
        t0 = time.time()
        tl = tc = tp = 0.0
        batches = torch.utils.data.DataLoader(
            _Batches(train_cells, steps_per_epoch, args.batch, int(rng.integers(1 << 31)),
                     args.balanced, real, args.real_share),
            batch_size=None, num_workers=args.workers)
        for step, (imgs, sizes, labels, pol) in enumerate(batches):
            logits, pl = model.forward_logits(imgs, sizes)
            loss, ce, bce = loss_fn(logits, pl, labels, pol, pol_weight=args.pol_weight)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            tl, tc, tp = tl + loss.item(), tc + ce, tp + bce
            if step % 50 == 0:
                print("epoch %d step %d/%d loss %.3f (%.0fs)" % (epoch, step, steps_per_epoch,
                      tl / (step + 1), time.time() - t0), flush=True)
            if stop["now"]:
                break
        if stop["now"]:
            break   # a partial epoch is not checkpointed: resume redoes it
        epoch += 1
        rec = {"epoch": epoch, "loss": tl / steps_per_epoch, "ce": tc / steps_per_epoch,
               "pol_bce": tp / steps_per_epoch, "seconds": round(time.time() - t0, 1)}
        figures(rec)
        if rec["select"] > best:
            best = rec["select"]
            _save(os.path.join(args.out, "best.pt"), {"model": model.state_dict(), "epoch": epoch,
                                                       "val": rec})
        _save(last, {"model": model.state_dict(), "opt": opt.state_dict(), "sched": sched.state_dict(),
                     "epoch": epoch, "best": best, "rng": rng.bit_generator.state})
        log.write(json.dumps(rec) + "\n")
        log.flush()
        print(json.dumps(rec), flush=True)
    log.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
