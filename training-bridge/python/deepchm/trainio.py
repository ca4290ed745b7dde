"""Training plumbing: progress events, crops at the network's scale, checkpoints, export."""
import datetime
import hashlib
import json
import os
import sys

import numpy as np
import torch
from PIL import Image

from .data.augment import augment, blur, random_crop
from .model.export import export_onnx
from .model.reanchor import load_for
from .model.targets import build_targets
from .data.width import normalised_scale


class Events:
    """One JSON object per line on stdout, also appended to RUN_DIR/events.jsonl."""
    def __init__(self, path):
        self.file = open(path, "a", buffering=1)

    def emit(self, event, **fields):
        line = json.dumps({"event": event, **fields}, default=_plain)
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
        self.file.write(line + "\n")

    def close(self):
        self.file.close()


def _plain(v):
    if isinstance(v, (np.floating, np.integer)):
        return v.item()
    if isinstance(v, (tuple, set)):
        return list(v)
    return str(v)


def letterbox_scale(height, width, in_hw):
    """The scale the exported network sees this image at (docs/onnx-contract.md)."""
    return min(in_hw[1] / width, in_hw[0] / height)


def rescaled(image, polygons, scale):
    if abs(scale - 1) < 1e-6:
        return image, polygons
    h, w = image.shape
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    resample = Image.BOX if scale < 1 else Image.BILINEAR
    out = np.asarray(Image.fromarray(image).resize(size, resample))
    return out, [p * scale for p in polygons]


def network_scale(sample, in_hw, trained_width=None):
    """The scale the workstation runs this image at (`Detector.letterbox`): the fitted one, or
    smaller where its chromosomes measure wider than the model's training width. Training with
    the same rule shows the network every cell, split chromatids included, at inference size."""
    fit = letterbox_scale(sample.height, sample.width, in_hw)
    if not trained_width:
        return fit
    return normalised_scale(fit, sample.chromosome_width(), trained_width)


def letterboxed(image, polygons, in_hw, background=255, scale=None):
    """Whole image as the network sees it at inference: scaled, top-left, padded."""
    if scale is None:
        scale = letterbox_scale(image.shape[0], image.shape[1], in_hw)
    img, polys = rescaled(image, polygons, scale)
    canvas = np.full(in_hw, background, dtype=np.uint8)
    canvas[:img.shape[0], :img.shape[1]] = img[:in_hw[0], :in_hw[1]]
    return canvas, polys


# Chromosome size at the network's scale varies with the microscope, camera and condensation:
# real brightfield cells (CabinH) show chromosomes ~1.5x wider than composed ones at the same
# image size, and a network trained on one size reads sister chromatids as chromosomes.
SCALE_JITTER = (0.75, 1.6)
EXTRA_BLUR = (0.5, 2.0)


def batch_of_crops(samples, batch, crop, in_hw, rng, trained_width=None):
    """Random augmented crops around chromosomes, near the scale the workstation will run each
    image at (jittered); with `trained_width`, after its chromosome-width normalisation."""
    images, targets = [], []
    for _ in range(batch):
        s = samples[int(rng.integers(len(samples)))]
        jitter = float(np.exp(rng.uniform(np.log(SCALE_JITTER[0]), np.log(SCALE_JITTER[1]))))
        img, polys = rescaled(s.image(), s.polygons, network_scale(s, in_hw, trained_width) * jitter)
        if rng.uniform() < 0.5:
            img = blur(img, float(rng.uniform(*EXTRA_BLUR)))
        img, polys = augment(img, polys, rng)
        img, polys, ignore = random_crop(img, polys, crop, rng)
        targets.append(build_targets(polys, crop, crop, stride=4, ignore_mask=ignore))
        images.append(torch.from_numpy(img.astype(np.float32))[None])
    return torch.stack(images), targets


def save_checkpoint(path, model, optimiser, scheduler, state, args):
    """Atomic: a kill while saving leaves the previous checkpoint intact."""
    tmp = path + ".tmp"
    torch.save({"model": model.state_dict(), "optimiser": optimiser.state_dict(),
                "scheduler": scheduler.state_dict(), "state": state, "args": vars(args),
                "rng": {"torch": torch.get_rng_state(), "numpy": np.random.get_state()}}, tmp)
    os.replace(tmp, path)
    return os.path.abspath(path)


def checkpoint_args(path) -> dict:
    """The trainer arguments a checkpoint was written with ({} when it has none)."""
    if not os.path.exists(path):
        raise FileNotFoundError("no checkpoint to resume from: " + path)
    return torch.load(path, map_location="cpu").get("args") or {}


def load_checkpoint(path, model, optimiser, scheduler, device):
    if not os.path.exists(path):
        raise FileNotFoundError("no checkpoint to resume from: " + path)
    ck = torch.load(path, map_location=device)
    load_for(model, ck)  # --init from a model with other anchor scales transplants its heads
    if optimiser is not None:
        optimiser.load_state_dict(ck["optimiser"])
        scheduler.load_state_dict(ck["scheduler"])
        torch.set_rng_state(ck["rng"]["torch"])
        np.random.set_state(ck["rng"]["numpy"])
    return ck["state"]


def export_run(model, config, path, args, summary, state):
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat()
    meta = {"model.name": args.name, "model.version": args.version, "model.trained": "true",
            "training.data": {**summary, "folder": os.path.abspath(args.data)},
            "training.settings": {**vars(args), "steps": state["step"], "epochs_done": state["epoch"],
                                  "finished": now.replace("+00:00", "Z")},
            "training.metrics": state["best_metrics"] or {}}
    if getattr(args, "chromosome_width", None):
        meta["input.chromosome_width"] = repr(float(args.chromosome_width))
    export_onnx(model, config, path, meta)
    with open(path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    return {"path": os.path.abspath(path), "sha256": digest, "bytes": os.path.getsize(path)}
