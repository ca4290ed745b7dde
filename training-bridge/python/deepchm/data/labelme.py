"""Reads a training dataset folder (docs/training.md, "Dataset folder"): LabelMe JSON files,
searched recursively, in the standard form (imagePath, imageHeight, imageWidth, imageData) or
the AutoKary2022 dialect (image_path, image_height, image_width). Polygon points are used as
written, in the continuous pixel frame described in targets.py."""
import base64
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import numpy as np
from PIL import Image, ImageOps

from ..model.targets import polygon_area

MANIFEST = "dataset.json"
MANIFEST_FORMAT = "karyo-dataset-1"


class DatasetError(Exception):
    """A file of the dataset cannot be read as what it claims to be; the message names it."""


@dataclass
class Sample:
    name: str                 # annotation path relative to the dataset root
    polygons: list            # (k, 2) float64 arrays, image pixels (x, y)
    labels: list              # one str per polygon
    height: int
    width: int
    patient: Optional[str] = None
    case: Optional[str] = None
    source: tuple = field(default=None, repr=False, compare=False)  # ("file"|"embedded", path)
    _image: Optional[np.ndarray] = field(default=None, repr=False, compare=False)
    _chromosome_width: Optional[float] = field(default=None, repr=False, compare=False)

    def chromosome_width(self) -> float:
        """The width the workstation measures on this image (deepchm.data.width), measured once."""
        if self._chromosome_width is None:
            from .width import estimate
            self._chromosome_width = estimate(self.image())
        return self._chromosome_width

    def image(self) -> np.ndarray:
        """uint8 H x W grey, decoded on the first call and kept (a 3200 x 2200 image is 7 MB)."""
        if self._image is None:
            try:
                with _open_image(*self.source) as im:
                    img = _grey(ImageOps.exif_transpose(im) if _orientation(im) > 1 else im)
            except OSError as e:  # a header that reads but pixels that do not
                raise DatasetError("unreadable image: %s: %s" % (self.source[1], e)) from e
            if img.shape != (self.height, self.width):
                raise DatasetError("%s: image is %dx%d, the annotation says %dx%d" % (
                    self.name, img.shape[1], img.shape[0], self.width, self.height))
            self._image = img
        return self._image


def _open_image(kind: str, path: Path) -> Image.Image:
    try:
        if kind == "embedded":
            # Re-read the JSON rather than keep every base64 string in memory.
            with open(path, encoding="utf-8") as f:
                data = base64.b64decode(json.load(f)["imageData"])
            img = Image.open(io.BytesIO(data))
        else:
            img = Image.open(path)
        return img  # lazy: only the header is read until pixels are asked for
    except (OSError, ValueError, KeyError) as e:
        raise DatasetError("unreadable image: %s: %s" % (path, e)) from e


def _orientation(img: Image.Image) -> int:
    """EXIF orientation of a JPEG (LabelMe shows, and so annotates, JPEGs turned upright by
    it); other formats are taken as stored, as LabelMe does."""
    if img.format not in ("JPEG", "MPO"):
        return 1
    return int(img.getexif().get(0x0112, 1) or 1)


def _size(img: Image.Image):
    w, h = img.size
    return (h, w) if _orientation(img) in (5, 6, 7, 8) else (w, h)


def _grey(img: Image.Image) -> np.ndarray:
    if img.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        # 16/32-bit or float: stretch this image's range onto 0..255.
        a = np.asarray(img, dtype=np.float64)
        lo, hi = float(a.min()), float(a.max())
        if hi <= lo:
            return np.zeros(a.shape, dtype=np.uint8)
        return np.rint((a - lo) * (255.0 / (hi - lo))).astype(np.uint8)
    if img.mode != "L":
        img = img.convert("L")
    return np.array(img, dtype=np.uint8)


def _pick(d: dict, *keys):
    return next((d[k] for k in keys if d.get(k) is not None), None)


def _resolve(json_path: Path, written: str) -> list:
    """Where the written image path may point: as written (backslashes are Windows
    separators), the bare name beside the JSON, or in a sibling images/ folder (AutoKary2022)."""
    p = written.replace("\\", "/")
    name = p.rsplit("/", 1)[-1]
    d = json_path.parent
    return [d / p, d / name, d.parent / "images" / name]


def _points(path: Path, shape: dict, i: int) -> np.ndarray:
    pts = shape.get("points")
    try:
        a = np.array(pts, dtype=np.float64)
    except (TypeError, ValueError):
        a = None
    if a is not None and a.size == 0:
        a = a.reshape(0, 2)  # an empty polygon: degenerate, not malformed
    if a is None or a.ndim != 2 or a.shape[1] != 2 or not np.isfinite(a).all():
        raise DatasetError("%s: shape %d: 'points' must be a list of [x, y] numbers" % (path, i))
    return a


def _read_labelme(path: Path, rel: str, notes: list):
    """-> (Sample, None) or (None, reason to skip). Raises DatasetError when malformed."""
    try:
        with open(path, encoding="utf-8") as f:
            d = json.load(f)
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise DatasetError("%s: not valid JSON: %s" % (path, e)) from e
    if not isinstance(d, dict) or "shapes" not in d:
        return None, "not a LabelMe file (no 'shapes')"
    if not isinstance(d["shapes"], list):
        raise DatasetError("%s: 'shapes' is not a list" % path)
    polys, labels, dropped = [], [], {}
    for i, s in enumerate(d["shapes"]):
        if not isinstance(s, dict):
            raise DatasetError("%s: shape %d is not an object" % (path, i))
        kind = str(s.get("shape_type") or "polygon").lower()  # old LabelMe: no shape_type
        p = _points(path, s, i)
        if kind == "rectangle" and len(p) == 2:  # LabelMe keeps two opposite corners
            (x0, y0), (x1, y1) = p
            p, kind = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]]), "polygon"
        why = "'%s' shape" % kind if kind != "polygon" else \
            "degenerate polygon" if len(p) < 3 or polygon_area(p) <= 0 else None
        if why:
            dropped[why] = dropped.get(why, 0) + 1
            continue
        polys.append(p)
        labels.append("" if s.get("label") is None else str(s["label"]).strip())
    for what, n in sorted(dropped.items()):
        notes.append("%s: left out %d %s(s)" % (rel, n, what))

    data, written = d.get("imageData"), _pick(d, "imagePath", "image_path")
    if isinstance(data, str) and data:
        source = ("embedded", path)
    elif isinstance(written, str) and written:
        found = [c for c in _resolve(path, written) if c.is_file()]
        if not found:
            return None, "image not found: %s (no imageData, no such file beside the JSON " \
                         "or in ../images)" % written
        source = ("file", found[0])
    else:
        return None, "no image: neither imageData nor imagePath"
    try:
        with _open_image(*source) as img:
            size = _size(img)  # the header only; pixels are decoded later
    except DatasetError as e:
        return None, str(e)
    width, height = _pick(d, "imageWidth", "image_width"), _pick(d, "imageHeight", "image_height")
    if width is None or height is None:
        width, height = size
    if (int(width), int(height)) != size:
        return None, "size mismatch: image is %dx%d, the annotation says %sx%s" % (
            size + (width, height))
    return Sample(rel, polys, labels, int(height), int(width), source=source), None


def _read_manifest(path: Path) -> dict:
    """-> {annotation: entry}."""
    try:
        with open(path, encoding="utf-8") as f:
            d = json.load(f)
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise DatasetError("%s: not valid JSON: %s" % (path, e)) from e
    if not isinstance(d, dict) or not isinstance(d.get("images"), list):
        raise DatasetError('%s: expected {"format": "%s", "images": [...]}' % (path, MANIFEST_FORMAT))
    if d.get("format", MANIFEST_FORMAT) != MANIFEST_FORMAT:
        raise DatasetError("%s: unknown format %r" % (path, d.get("format")))
    out = {}
    for i, e in enumerate(d["images"]):
        if not isinstance(e, dict) or not isinstance(e.get("annotation"), str):
            raise DatasetError("%s: images[%d] has no 'annotation' path" % (path, i))
        if e.get("split") not in (None, "train", "val"):
            raise DatasetError("%s: images[%d]: split must be 'train' or 'val'" % (path, i))
        out[Path(e["annotation"].replace("\\", "/")).as_posix()] = e  # as_posix drops "./"
    return out


def _group_split(samples, fixed, val_fraction, seed):
    """Assign whole groups (patient, else case, else file) to train/val. fixed: sample name ->
    'train'/'val' from the manifest; free samples of a group follow its fixed ones."""
    groups = {}
    for s in samples:
        key = ("p", s.patient) if s.patient else ("c", s.case) if s.case else ("f", s.name)
        groups.setdefault(key, []).append(s)
    side, free = {}, []
    for key in sorted(groups):
        sides = {fixed[s.name] for s in groups[key] if s.name in fixed}
        if sides:
            side[key] = "train" if "train" in sides else "val"
        else:
            free.append(key)
    target = val_fraction * len(samples)
    n_val = sum(1 for s in samples if fixed.get(s.name) == "val")
    added = []
    order = [free[i] for i in np.random.default_rng(seed).permutation(len(free))]
    for key in order:
        n = len(groups[key])
        # Take a group into val while that brings the val count closer to the target.
        if abs(n_val + n - target) < abs(n_val - target):
            side[key] = "val"
            n_val += n
            added.append(key)
        else:
            side[key] = "train"
    if n_val == 0 and target > 0 and len(groups) >= 2 and order:
        key = min(order, key=lambda k: len(groups[k]))  # a val set was asked for: smallest group
        side[key] = "val"
        added.append(key)
    if added and all(v == "val" for v in side.values()):
        side[added[-1]] = "train"  # never leave train empty
    train, val = [], []
    for key in sorted(groups):
        for s in groups[key]:
            (val if fixed.get(s.name, side[key]) == "val" else train).append(s)
    return train, val


def load_dataset(root, val_fraction: float = 0.2, seed: int = 0):
    """-> (train, val, summary). summary: split ('dataset.json' | 'folders' | 'files'),
    train_images, val_images, instances, files (JSON files read), skipped [{annotation,
    reason}] for files kept out of both sets, notes [str]."""
    root = Path(root)
    if not root.is_dir():
        raise DatasetError("%s: no such folder" % root)
    manifest_path = root / MANIFEST
    manifest = _read_manifest(manifest_path) if manifest_path.is_file() else None
    files = sorted(p for p in root.rglob("*.json") if p.is_file() and p != manifest_path
                   and not any(part.startswith(".") for part in p.relative_to(root).parts))
    samples, skipped, notes = [], [], []
    for p in files:
        rel = p.relative_to(root).as_posix()
        s, reason = _read_labelme(p, rel, notes)
        if s is None:
            skipped.append({"annotation": rel, "reason": reason})
        else:
            samples.append(s)

    fixed = {}
    if manifest is not None:
        split = MANIFEST
        names = {s.name for s in samples} | {k["annotation"] for k in skipped}
        for rel, e in manifest.items():
            if rel not in names:
                skipped.append({"annotation": rel, "reason": "listed in dataset.json but not found"})
        for s in samples:
            e = manifest.get(s.name, {})
            s.patient = None if e.get("patient") is None else str(e["patient"])
            s.case = None if e.get("case") is None else str(e["case"])
            if e.get("split"):
                fixed[s.name] = e["split"]
        unlisted = sum(1 for s in samples if s.name not in manifest)
        if unlisted:
            notes.append("%d annotation file(s) not in dataset.json: split by file" % unlisted)
        train, val = _group_split(samples, fixed, val_fraction, seed)
        both = {s.patient for s in train if s.patient} & {s.patient for s in val if s.patient}
        if both:
            notes.append("dataset.json puts patient(s) %s in both sets" % ", ".join(sorted(both)))
    elif (root / "train").is_dir() and (root / "val").is_dir():
        split, train, val = "folders", [], []
        for s in samples:
            top = s.name.split("/", 1)[0]
            if top in ("train", "val"):
                (train if top == "train" else val).append(s)
            else:
                skipped.append({"annotation": s.name, "reason": "outside train/ and val/"})
    else:
        split = "files"
        train, val = _group_split(samples, {}, val_fraction, seed)

    if not train and not val:
        reasons = {}
        for k in skipped:
            r = k["reason"].split(":", 1)[0]  # the category before the details
            reasons[r] = reasons.get(r, 0) + 1
        why = "; ".join("%s: %d" % kv for kv in sorted(reasons.items())) or "no LabelMe files"
        notes.append("no usable samples in %d JSON file(s) (%s)" % (len(files), why))
    summary = {"split": split, "train_images": len(train), "val_images": len(val),
               "instances": sum(len(s.polygons) for s in train + val), "files": len(files),
               "skipped": skipped, "notes": notes}
    return train, val, summary
