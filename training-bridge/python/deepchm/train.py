"""Train DeepCHM from LabelMe polygons and export the ONNX contract (docs/training.md).

    /usr/bin/python3 -m deepchm.train --data DIR --out RUN_DIR [options]

Progress goes to stdout as JSON lines (and RUN_DIR/events.jsonl); SIGTERM cancels after the
current step with a checkpoint."""
import argparse
import json
import os
import random
import re
import signal
import sys
import time

import numpy as np
import torch

from .data.labelme import DatasetError, load_dataset
from .model.network import AnchorConfig, DeepCHM, PRESETS, count_parameters, preset
from .model.losses import DeepCHMLoss
from .trainio import Events, batch_of_crops, checkpoint_args, export_run, load_checkpoint, save_checkpoint
from .validate import validate


def build_parser():
    """The trainer's options; deepchm.options describes them as JSON for the Java side."""
    ap = argparse.ArgumentParser(prog="deepchm.train", description=__doc__.splitlines()[0])
    ap.add_argument("--data", required=True, help="dataset folder (docs/training.md)")
    ap.add_argument("--out", required=True, help="run folder (checkpoints, events, export)")
    ap.add_argument("--preset", choices=sorted(PRESETS), default="lite",
                    help="model size (docs/model-card.md compares them)")
    ap.add_argument("--backbone", choices=["resnet18", "resnet34", "resnet50"], help="the preset's unless given")
    ap.add_argument("--width", type=_positive_float, help="channel width multiplier of the backbone")
    ap.add_argument("--input", type=_size, default="512x768", metavar="HxW",
                    help="export input HxW (multiples of 32)")
    ap.add_argument("--anchor-scales", type=_numbers, metavar="S1,S2,...",
                    help="anchor scales (default: the checkpoint's with --resume/--init/--from-checkpoint, "
                         "else 2,5, the paper's); --init from other scales transplants the heads (deepchm.model.reanchor)")
    ap.add_argument("--epochs", type=_positive_int, default=10)
    ap.add_argument("--steps-per-epoch", type=_positive_int, default=100)
    ap.add_argument("--max-steps", type=_count, default=0, help="stop after this many steps (0: epochs decide)")
    ap.add_argument("--batch", type=_positive_int, default=2, help="crops per step")
    ap.add_argument("--crop", type=_positive_int, default=256, help="training crop size in pixels (a multiple of 32)")
    ap.add_argument("--device", choices=["cpu", "cuda"], default="cpu")
    ap.add_argument("--threads", type=_count, default=0, help="CPU threads (0: all cores)")
    ap.add_argument("--resume", action="store_true", help="continue from RUN_DIR/checkpoints/last.pt")
    ap.add_argument("--init", metavar="PT",
                    help="start from this checkpoint's weights (fine-tuning: new optimiser, schedule and step count)")
    ap.add_argument("--from-checkpoint", metavar="PT",
                    help="export this checkpoint's weights (e.g. another run's best.pt) without training")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--val-fraction", type=_fraction, default=0.2,
                    help="share of the patients held out for validation (0: none)")
    ap.add_argument("--val-max-images", type=_positive_int, default=20)
    ap.add_argument("--lr", type=_non_negative_float, default=1e-4, help="learning rate (0: the weights stay)")
    ap.add_argument("--lr-decay", type=_positive_float, default=0.96, help="learning-rate factor per epoch")
    ap.add_argument("--sampler", choices=["dasmp", "random", "ohem", "hnas"], default="dasmp",
                    help="negative sampling")
    ap.add_argument("--no-pminf", action="store_true", help="switch off PMInf")
    ap.add_argument("--no-sgach", action="store_true", help="switch off SGAch")
    ap.add_argument("--no-hdlos", action="store_true", help="switch off HDLos")
    ap.add_argument("--no-dasmp", action="store_true", help="random negatives instead of DASmp")
    ap.add_argument("--export", help="ONNX path (default RUN_DIR/model.onnx)")
    ap.add_argument("--reference", help="also write PyTorch outputs of the exported model (parity tests)")
    ap.add_argument("--chromosome-width", type=_positive_float,
                    help="median chromosome width (network px) of the training data, written as "
                         "input.chromosome_width so the workstation scales wider real chromosomes to it")
    ap.add_argument("--fit-scale-only", action="store_true",
                    help="train at the fitted letterbox scale even with --chromosome-width (as up to model 1.1.0)")
    ap.add_argument("--name", default="deepchm", help="model name written into the ONNX")
    ap.add_argument("--version", default="0.1.0", help="model version written into the ONNX")
    return ap


def parse_args(argv):
    ap = build_parser()
    args = ap.parse_args(argv)
    if args.crop % 32:
        ap.error("--crop must be a multiple of 32")
    return args


class Cancel:
    """SIGTERM/SIGINT set a flag; the loop stops after the current step."""
    def __init__(self):
        self.requested = False
        signal.signal(signal.SIGTERM, self._set)
        signal.signal(signal.SIGINT, self._set)

    def _set(self, *_):
        self.requested = True


def _checked(kind, convert, ok, expected):
    """An argparse type: converts, checks, and names its kind for deepchm.options ("int", "float"...)."""
    def parse(text):
        try:
            value = convert(text)
        except ValueError:
            raise argparse.ArgumentTypeError("expected %s: %r" % (expected, text))
        if not ok(value):
            raise argparse.ArgumentTypeError("expected %s: %r" % (expected, text))
        return value
    parse.kind = kind
    return parse


_positive_int = _checked("int", int, lambda v: v > 0, "a positive whole number")
_count = _checked("int", int, lambda v: v >= 0, "a whole number, 0 or more")
_positive_float = _checked("float", float, lambda v: v > 0, "a positive number")
_non_negative_float = _checked("float", float, lambda v: v >= 0, "a number, 0 or more")
_fraction = _checked("float", float, lambda v: 0 <= v < 1, "a number from 0 up to 1")
_size = _checked("string", str, lambda v: re.fullmatch(r"\d+x\d+", v) is not None, "HEIGHTxWIDTH, e.g. 512x768")


def _numbers(text):
    try:
        values = tuple(float(v) for v in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError("expected numbers separated by commas: %r" % text)
    if not values or any(not v > 0 for v in values):
        raise argparse.ArgumentTypeError("expected positive numbers: %r" % text)
    return values


_numbers.kind = "list"


def model_config(args):
    h, w = (int(v) for v in args.input.lower().split("x"))
    overrides = {k: v for k, v in (("backbone", args.backbone), ("width", args.width)) if v is not None}
    if args.anchor_scales:
        overrides["anchors"] = AnchorConfig(scales=tuple(args.anchor_scales))
    overrides["use_pmInf"] = not args.no_pminf
    return preset(args.preset, h, w, **overrides)


def seed_all(seed):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def main(argv=None):
    args = parse_args(argv)
    os.makedirs(os.path.join(args.out, "checkpoints"), exist_ok=True)
    events = Events(os.path.join(args.out, "events.jsonl"))
    cancel = Cancel()
    try:
        return run(args, events, cancel)
    except DatasetError as e:
        events.emit("error", message=str(e))
        return 2
    except Exception as e:  # the Java side shows this message; the traceback goes to stderr
        import traceback
        traceback.print_exc()
        events.emit("error", message="%s: %s" % (type(e).__name__, e))
        return 1
    finally:
        events.close()


def run(args, events, cancel):
    """One run: the data, the model and its optimiser, the step loop, then the export."""
    device, threads = _device(args)
    seed_all(args.seed)
    train_set, val_set, summary = _datasets(args)
    ckpt_dir = os.path.join(args.out, "checkpoints")
    config = _config_keeping_checkpoint_anchors(args, ckpt_dir)
    parts = _build(args, config, device)
    state, total = _starting_state(args, parts, ckpt_dir, device)
    events.emit("start", run_dir=os.path.abspath(args.out), config=vars(args),
                model={"parameters": count_parameters(parts.model), **config.to_dict()},
                dataset={**summary, "train_images": len(train_set), "val_images": len(val_set)},
                device=device.type, threads=threads, resumed_from_step=state["step"] if args.resume else None,
                initialised_from=os.path.abspath(args.init) if args.init and not args.resume else None)
    loop = _Loop(args, config, parts, ckpt_dir, events, device)
    status = loop.train(state, total, train_set, val_set, cancel)
    if status == "ok":
        _export(args, config, parts.model, summary, state, ckpt_dir, events, device)
    events.emit("done", status=status, step=state["step"], best_val_loss=state["best_val_loss"])
    return 0


def _device(args):
    threads = args.threads or os.cpu_count() or 1
    torch.set_num_threads(threads)
    device = torch.device("cuda" if args.device == "cuda" and torch.cuda.is_available() else "cpu")
    if args.device == "cuda" and device.type != "cuda":
        print("CUDA requested but not available: training on the CPU", file=sys.stderr)
    return device, threads


def _datasets(args):
    """The patient-split training and validation sets; the validation split is written for the Java side."""
    train_set, val_set, summary = load_dataset(args.data, args.val_fraction, args.seed)
    if not train_set:
        reasons = "; ".join(summary.get("notes", [])) or "no images found"
        raise DatasetError("no usable training images in %s: %s" % (args.data, reasons))
    # counts only in events and model metadata; the skipped list can be long
    summary = {**{k: v for k, v in summary.items() if k not in ("skipped", "notes")},
               "skipped": len(summary.get("skipped", [])), "notes": summary.get("notes", [])[:5]}
    with open(os.path.join(args.out, "val_split.json"), "w") as f:
        json.dump({"root": os.path.abspath(args.data), "annotations": [s.name for s in val_set]}, f, indent=1)
    return train_set, val_set, summary


def _config_keeping_checkpoint_anchors(args, ckpt_dir):
    """The model configuration; a run resumed, exported or fine-tuned from a checkpoint keeps its anchors."""
    continued = os.path.join(ckpt_dir, "last.pt") if args.resume else (args.from_checkpoint or args.init)
    saved = checkpoint_args(continued).get("anchor_scales") if continued else None
    if args.resume and saved and args.anchor_scales and tuple(args.anchor_scales) != tuple(saved):
        raise DatasetError("--resume continues with the run's anchor scales %s; start a new run with "
                           "--init to change them" % ",".join("%g" % v for v in saved))
    if continued and not args.anchor_scales:
        args.anchor_scales = saved
    config = model_config(args)
    args.anchor_scales = tuple(config.anchors.scales)  # checkpoints say which anchors they have
    return config


class _Parts:
    """The model and what trains it."""
    def __init__(self, model, loss_fn, val_loss_fn, optimiser, scheduler):
        self.model, self.loss_fn, self.val_loss_fn = model, loss_fn, val_loss_fn
        self.optimiser, self.scheduler = optimiser, scheduler


def _build(args, config, device):
    model = DeepCHM(config).to(device)
    loss_kw = dict(sampler="random" if args.no_dasmp else args.sampler, use_sgach=not args.no_sgach,
                   use_hdlos=not args.no_hdlos)
    loss_fn = DeepCHMLoss(config.anchors, seed=args.seed, **loss_kw)
    # validation samples negatives from its own stream so training stays reproducible
    val_loss_fn = DeepCHMLoss(config.anchors, seed=args.seed + 1, **loss_kw)
    optimiser = torch.optim.Adam(model.parameters(), lr=args.lr)
    scheduler = torch.optim.lr_scheduler.ExponentialLR(optimiser, gamma=args.lr_decay)
    return _Parts(model, loss_fn, val_loss_fn, optimiser, scheduler)


def _starting_state(args, parts, ckpt_dir, device):
    """Where the step count starts (a resumed run's checkpoint) and where it stops."""
    state = {"step": 0, "epoch": 0, "best_val_loss": None, "best_metrics": None}
    if args.resume:
        state = load_checkpoint(os.path.join(ckpt_dir, "last.pt"), parts.model, parts.optimiser, parts.scheduler,
                                device)
    elif args.init:
        load_checkpoint(args.init, parts.model, None, None, device)  # weights only; this run counts from step 0
    total = args.epochs * args.steps_per_epoch
    if args.max_steps:
        total = min(total, args.max_steps)
    if args.from_checkpoint:
        state = load_checkpoint(args.from_checkpoint, parts.model, None, None, device)
        total = state["step"]  # nothing to train: straight to export
    return state, total


class _Loop:
    """The step loop: a step per batch of crops, validation and checkpoints at each epoch's end."""
    def __init__(self, args, config, parts, ckpt_dir, events, device):
        self.args, self.parts, self.ckpt_dir, self.events, self.device = args, parts, ckpt_dir, events, device
        self.in_hw = (config.input_height, config.input_width)
        # with --chromosome-width the export carries it, so the workstation rescales wide-chromosome
        # images: train and validate at those same scales (--fit-scale-only: the earlier behaviour)
        self.width_rule = None if args.fit_scale_only else args.chromosome_width
        self.timer = None

    def train(self, state, total, train_set, val_set, cancel):
        rng = np.random.default_rng(self.args.seed + state["step"])
        while state["step"] < total:
            self.step(state, total, train_set, rng)
            end_of_epoch = state["step"] % self.args.steps_per_epoch == 0 or state["step"] == total
            if end_of_epoch:
                self.end_epoch(state, val_set)
            if end_of_epoch or cancel.requested:
                self.save(state, "last.pt", best=False)
            if cancel.requested:
                return "cancelled"
        return "ok"

    def step(self, state, total, train_set, rng):
        p, args = self.parts, self.args
        p.model.train()
        images, targets = batch_of_crops(train_set, args.batch, args.crop, self.in_hw, rng, self.width_rule)
        t0 = time.time()
        terms = p.loss_fn(p.model.forward_logits(images.to(self.device)), targets)
        p.optimiser.zero_grad()
        terms["total"].backward()
        torch.nn.utils.clip_grad_norm_(p.model.parameters(), 10.0)
        p.optimiser.step()
        state["step"] += 1
        dt = time.time() - t0
        self.timer = dt if self.timer is None else 0.9 * self.timer + 0.1 * dt
        self.events.emit("step", epoch=state["epoch"] + 1, step=state["step"], steps_total=total,
                         loss={k: float(terms[k]) for k in ("total", "saliency", "cls", "reg")},
                         lr=p.optimiser.param_groups[0]["lr"], sec_per_step=round(dt, 3),
                         eta_s=round(self.timer * (total - state["step"]), 1))

    def end_epoch(self, state, val_set):
        state["epoch"] += 1
        self.parts.scheduler.step()
        if not val_set:
            return
        metrics = validate(self.parts.model, self.parts.val_loss_fn, val_set[:self.args.val_max_images],
                           self.in_hw, self.device, self.width_rule)
        self.events.emit("validation", epoch=state["epoch"], step=state["step"], metrics=metrics)
        if state["best_val_loss"] is None or metrics["loss"] < state["best_val_loss"]:
            state["best_val_loss"], state["best_metrics"] = metrics["loss"], metrics
            self.save(state, "best.pt", best=True)

    def save(self, state, name, best):
        p = self.parts
        path = save_checkpoint(os.path.join(self.ckpt_dir, name), p.model, p.optimiser, p.scheduler, state, self.args)
        self.events.emit("checkpoint", path=path, step=state["step"], best=best)


def _export(args, config, model, summary, state, ckpt_dir, events, device):
    """The best checkpoint's weights (unless exporting a given one) as the ONNX contract."""
    best = os.path.join(ckpt_dir, "best.pt")
    if os.path.exists(best) and not args.from_checkpoint:
        load_checkpoint(best, model, None, None, device)
    export_path = args.export or os.path.join(args.out, "model.onnx")
    info = export_run(model.cpu(), config, export_path, args, summary, state)
    if args.reference:
        from .model.reference import write_reference
        write_reference(model, config, args.reference)
        info["reference"] = os.path.abspath(args.reference)
    events.emit("export", **info)


if __name__ == "__main__":
    sys.exit(main())
