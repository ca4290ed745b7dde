"""Real chromosomes of other laboratories for the chromosome classifier, from the archive importer.

`karyo archive import DIR --out DATASET` (issue 21) turns a laboratory's metaphase + karyogram
pairs into LabelMe cells: one outline per chromosome in metaphase pixels, labelled with the class
the laboratory's karyogram gave it; outlines the importer did not trust carry the flag
`ambiguous` or `doubtful`. These are the cut-outs the classifier meets in real cells (short,
wide, blurred chromosomes that the crop bank does not show), with the laboratory's classes.

Each trusted outline becomes a data.Crop the way the Java side cuts a chromosome out of its
outline (KaryotypeAgreeCommand: the outline's minimum-area box): the metaphase is turned so the
box's long side is upright, the outline's pixels kept and everything else white. Which end is the
p-arm is not known here (the karyogram's turn is not in the dataset), so these crops carry no
polarity label (Crop.polarity_known False; augment.make_sample gives them p_up -1, which the loss
skips). Grey levels are scaled so the cell's background (its 90th percentile) is white, as in the
crop bank. A cell is one data.Cell whose case is the laboratory's dataset folder, so a run can
train on one laboratory and be measured on another (train --real DATASET).

    load_dataset(DATASET) -> list of data.Cell
"""
import json
from pathlib import Path

import cv2
import numpy as np

from . import data as cd

FLAGS = ("ambiguous", "doubtful")
CLASS_NAMES = {str(i): i - 1 for i in range(1, 23)}
CLASS_NAMES.update({"X": 22, "Y": 23, "23": 22, "24": 23})   # the importer's older labels: 23 / 24
MIN_PIXELS = 20
BG_PERCENTILE = 90


class ArchiveError(ValueError):
    """A dataset or one of its files that cannot be used, named in the message."""


def class_of(label: str):
    """Laboratory class label ('1'..'22', 'X' or '23', 'Y' or '24', any case) -> 0..23, else None."""
    return CLASS_NAMES.get(str(label).strip().upper())


def read_grey(path: Path) -> np.ndarray:
    """Any 8/16-bit grey or colour image -> float32 grey, dark chromosomes on a white (255)
    background (the 90th percentile of the cell mapped to 255)."""
    img = cv2.imread(str(path), cv2.IMREAD_UNCHANGED)
    if img is None:
        raise ArchiveError("%s: not a readable image" % path)
    if img.ndim == 3:
        img = cv2.cvtColor(img[:, :, :3], cv2.COLOR_BGR2GRAY)
    g = img.astype(np.float32)
    bg = float(np.percentile(g, BG_PERCENTILE))
    if bg <= 0:
        raise ArchiveError("%s: an empty (black) image" % path)
    return np.clip(g * (255.0 / bg), 0, 255)


def crop_of(grey: np.ndarray, points, label: int):
    """One outline (metaphase pixels) -> data.Crop, upright along its minimum-area box; None when
    the outline covers fewer than MIN_PIXELS pixels."""
    pts = np.asarray(points, np.float32).reshape(-1, 2)
    if len(pts) < 3:
        return None
    h, w = grey.shape
    mask = np.zeros((h, w), np.uint8)
    cv2.fillPoly(mask, [np.round(pts).astype(np.int32)], 1)
    if int(mask.sum()) < MIN_PIXELS:
        return None
    (cx, cy), (bw, bh), angle = cv2.minAreaRect(pts)
    if bw > bh:                     # turn the long side upright
        angle += 90.0
    side = int(np.ceil(np.hypot(bw, bh))) + 4
    rot = cv2.getRotationMatrix2D((float(cx), float(cy)), float(angle), 1.0)
    rot[0, 2] += side / 2.0 - cx
    rot[1, 2] += side / 2.0 - cy
    g = cv2.warpAffine(grey, rot, (side, side), flags=cv2.INTER_LINEAR, borderValue=255.0)
    m = cv2.warpAffine(mask, rot, (side, side), flags=cv2.INTER_NEAREST, borderValue=0) > 0
    ys, xs = np.nonzero(m)
    if len(ys) < MIN_PIXELS:
        return None
    y0, y1, x0, x1 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
    g = g[y0:y1, x0:x1].copy()
    m = m[y0:y1, x0:x1].copy()
    if m.shape[1] > m.shape[0]:     # a bent chromosome whose box is near-square: keep it upright
        g, m = g.T.copy(), m.T.copy()
    g[~m] = 255.0
    return cd.Crop(label, np.round(g).astype(np.uint8), m, polarity_known=False)


def load_cell(json_path: Path, case: str):
    """One LabelMe cell of an archive import -> data.Cell of its trusted, classified outlines."""
    try:
        doc = json.loads(Path(json_path).read_text(encoding="utf-8"))
        shapes = doc["shapes"]
        image = Path(json_path).parent / doc["imagePath"]
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise ArchiveError("%s: not a LabelMe file of an archive import (%s)" % (json_path, e))
    grey = read_grey(image)
    cell = cd.Cell(case, Path(json_path).stem)
    for s in shapes:
        label = class_of(s.get("label", ""))
        flags = s.get("flags") or {}
        if label is None or any(flags.get(f) for f in FLAGS) or s.get("shape_type", "polygon") != "polygon":
            continue
        crop = crop_of(grey, s.get("points") or [], label)
        if crop is not None:
            cell.crops.append(crop)
    return cell


def load_dataset(folder) -> list:
    """Every cell of an archive import's folder (its *.json LabelMe files other than the
    summaries), with median chromosome length; the case is the folder's name."""
    folder = Path(folder)
    files = sorted(p for p in folder.glob("*.json")
                   if p.name not in ("dataset.json", "archive-summary.json"))
    if not files:
        raise ArchiveError("%s: no LabelMe cells of an archive import" % folder)
    cells = [c for c in (load_cell(p, folder.name) for p in files) if c.crops]
    return cd.finish(cells)
