"""Crop bank for the chromosome classifier (deepchm.classify.train).

Reads the IrohXu "single_clase" archive (../shared/data/crops/gband-600cells-28k): 28,136
G-banded crops from finished karyograms (upright, p-arm up, dark on white, one scale per cell),
class folders clase1..clase24 (23 = X, 24 = Y). Each crop is masked from its white background
(deepchm.synth.crops.mask_crop) and kept with its cell's median chromosome length, so the classifier
can be given each chromosome's length relative to its cell, as the Java side computes it from
the cell's boxes.

Split BY CASE (folder "97002341.12.tiff" = case 97002341, metaphase 12): several metaphases of
one patient never straddle train/val/test. The parsed bank is cached (pickle) in
$KARYO_CACHE/classify, never in the repository.

    load_split("train") -> list of Cell(case, cell, crops=[Crop(label 0..23, grey, mask)], median_len)
"""
import os
import pickle
import tarfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..synth import crops as bank

CACHE_VERSION = 1
TEST_PERCENT = 15   # share of cases held out for the final figures
VAL_PERCENT = 10    # share of cases for model selection


@dataclass
class Crop:
    label: int            # 0..23 (class 1..22, X = 22, Y = 23)
    grey: np.ndarray      # uint8 HxW, 255 outside the mask
    mask: np.ndarray      # bool HxW
    # False for crops whose p-arm end is unknown (real cut-outs from archive outlines,
    # deepchm.classify.archive): they teach the class, never the polarity. Older caches
    # unpickle with this class default.
    polarity_known: bool = True


@dataclass
class Cell:
    case: str
    cell: str
    crops: list = field(default_factory=list)
    median_len: float = 1.0


def case_of(cell_id: str) -> str:
    return cell_id.split(".")[0]


def split_of_case(case: str) -> str:
    """'test', 'val' or 'train', fixed by a hash of the case id (stable across machines)."""
    h = zlib.crc32(("classify:" + case).encode("utf-8")) % 100
    if h < TEST_PERCENT:
        return "test"
    if h < TEST_PERCENT + VAL_PERCENT:
        return "val"
    return "train"


def cache_path() -> Path:
    base = os.environ.get("KARYO_CACHE")
    base = Path(base) if base else Path.home() / ".cache" / "karyo"
    return base / "classify" / ("bank-v%d.pkl" % CACHE_VERSION)


def _parse(archive) -> list:
    cells = {}
    with tarfile.open(archive, "r:gz") as tar:
        for m in tar:
            if not m.isfile():
                continue
            info = bank._member_info(m.name)
            if info is None:
                continue
            cell, lab, _ = info
            try:
                label = int(lab) - 1
            except ValueError:
                continue
            if not 0 <= label < 24:
                continue
            crop = masked_crop(label, bank._read_tiff(tar.extractfile(m).read()))
            if crop is not None:
                cells.setdefault(cell, Cell(case_of(cell), cell)).crops.append(crop)
    return finish(cells.values())


def masked_crop(label, grey):
    """A dark-on-white crop cut to its chromosome's box (mask: deepchm.synth.crops.mask_crop), white
    outside the mask; None when the mask is under 20 pixels."""
    mask = bank.mask_crop(grey)
    if mask.sum() < 20:
        return None
    ys, xs = np.nonzero(mask)
    y0, y1, x0, x1 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
    g = grey[y0:y1, x0:x1].copy()
    mk = mask[y0:y1, x0:x1].copy()
    g[~mk] = 255
    return Crop(label, g, mk)


def finish(cells) -> list:
    """Cells with their median chromosome length (crop height), sorted by id."""
    out = []
    for c in cells:
        c.median_len = float(np.median([cr.grey.shape[0] for cr in c.crops]))
        out.append(c)
    out.sort(key=lambda c: c.cell)
    return out


def cached(path, build) -> list:
    """The pickled list at `path`, else build() written there atomically first."""
    if path.is_file():
        with open(path, "rb") as f:
            return _Unpickler(f).load()
    items = build()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as f:
        pickle.dump(items, f, protocol=4)
    os.replace(tmp, path)
    return items


class _Unpickler(pickle.Unpickler):
    """Caches written by `python -m deepchm.classify.data` name their classes under __main__."""

    def find_class(self, module, name):
        if name in ("Cell", "Crop"):
            return {"Cell": Cell, "Crop": Crop}[name]
        return super().find_class(module, name)


def load_all(archive=None) -> list:
    def build():
        path = Path(archive or bank.archive_path())
        if not path.is_file():
            raise FileNotFoundError("crop archive not found: %s" % path)
        return _parse(path)
    return cached(cache_path(), build)


def load_split(split: str, archive=None) -> list:
    return [c for c in load_all(archive) if split_of_case(c.case) == split]


def _main():
    cells = load_all()
    for s in ("train", "val", "test"):
        sel = [c for c in cells if split_of_case(c.case) == s]
        print(s, "cases", len({c.case for c in sel}), "cells", len(sel),
              "crops", sum(len(c.crops) for c in sel))


if __name__ == "__main__":
    from deepchm.classify.data import _main as main  # classes pickled under their module name
    main()
