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
laboratories: short, wide chromosomes), drawn once with a fixed seed like the plain one.
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

from . import data as cd
from .augment import make_sample
from .model import REJECT, ChromosomeNet

NEG_SHARE = 0.08


def draw(rng, cells, n, train, neg_share=NEG_SHARE, cutout=True, condense=None):
    """n samples -> (images N x 1 x 96 x 48, sizes N x 1, labels N, p_up N); `condense` shows
    every chromosome at that fraction of its length (the condensed validation set: never a
    negative, and no lot drawn for one, which keeps that set's random sequence as it was)."""
    imgs = np.zeros((n, 1, 96, 48), np.float32)
    sizes = np.zeros((n, 1), np.float32)
    labels = np.zeros(n, np.int64)
    pol = np.zeros(n, np.float32)
    for i in range(n):
        cell = cells[rng.integers(len(cells))]
        crop = cell.crops[rng.integers(len(cell.crops))]
        neg = condense is None and rng.random() < neg_share
        p, s, lab, up = make_sample(rng, cell, crop, train=train, negative=neg, cutout=cutout,
                                    condense=condense)
        imgs[i, 0], sizes[i, 0], labels[i], pol[i] = p, s, lab, up
    return (torch.from_numpy(imgs), torch.from_numpy(sizes), torch.from_numpy(labels),
            torch.from_numpy(pol))


def all_crops(rng, cells, cutout=True):
    """Every crop of the cells once (no negatives), as cut-outs; cell index per sample."""
    items = [(ci, cell, crop) for ci, cell in enumerate(cells) for crop in cell.crops]
    n = len(items)
    imgs = np.zeros((n, 1, 96, 48), np.float32)
    sizes = np.zeros((n, 1), np.float32)
    labels = np.zeros(n, np.int64)
    pol = np.zeros(n, np.float32)
    cell_idx = np.zeros(n, np.int64)
    for i, (ci, cell, crop) in enumerate(items):
        p, s, lab, up = make_sample(rng, cell, crop, train=False, cutout=cutout)
        imgs[i, 0], sizes[i, 0], labels[i], pol[i], cell_idx[i] = p, s, lab, up, ci
    return (torch.from_numpy(imgs), torch.from_numpy(sizes), torch.from_numpy(labels),
            torch.from_numpy(pol), cell_idx)


class _Batches(torch.utils.data.IterableDataset):
    """Training batches drawn in a worker process, so augmentation overlaps the network."""

    def __init__(self, cells, n_batches, batch, seed):
        self.cells, self.n, self.batch, self.seed = cells, n_batches, batch, seed

    def __iter__(self):
        rng = np.random.default_rng(self.seed)
        for _ in range(self.n):
            yield draw(rng, self.cells, self.batch, train=True)


def loss_fn(logits, pol_logit, labels, p_up, smoothing=0.05):
    ce = F.cross_entropy(logits, labels, label_smoothing=smoothing)
    has = p_up >= 0
    if has.any():
        bce = F.binary_cross_entropy_with_logits(pol_logit[has, 0], p_up[has])
    else:
        bce = logits.sum() * 0
    return ce + 0.5 * bce, ce.item(), bce.item()


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
    pacc = ((ups[has] > 0.5).float() == pol[has]).float().mean().item()
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
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    cv2.setNumThreads(1)    # augmentation resizes small crops: no thread pool on a shared machine
    os.makedirs(args.out, exist_ok=True)
    train_cells = cd.load_split("train")
    val_cells = cd.load_split("val")
    val = draw(np.random.default_rng(12345), val_cells, args.val_samples, train=False, neg_share=0.0)
    val_condensed = draw(np.random.default_rng(54321), val_cells, args.val_samples, train=False,
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
    while epoch < args.epochs and not stop["now"]:
        model.train()
        t0 = time.time()
        tl = tc = tp = 0.0
        batches = torch.utils.data.DataLoader(
            _Batches(train_cells, steps_per_epoch, args.batch, int(rng.integers(1 << 31))),
            batch_size=None, num_workers=args.workers)
        for step, (imgs, sizes, labels, pol) in enumerate(batches):
            logits, pl = model.forward_logits(imgs, sizes)
            loss, ce, bce = loss_fn(logits, pl, labels, pol)
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
        rec.update(evaluate(model, val))
        rec.update(evaluate(model, val_condensed, "val_condensed"))
        if rec["val_top1"] > best:
            best = rec["val_top1"]
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
