"""Bank of real G-banded single-chromosome crops for the metaphase composer (deepchm.synth.compose).

The crops come from the IrohXu "single_clase" archive in the shared data folder
(../shared/data/crops/gband-600cells-28k, dark chromosomes on white, 45-47 crops per source
metaphase). They are read straight from the archive, each masked from its white background
(threshold, largest connected component, holes filled), grouped by source metaphase (cell) and
split train/val BY CELL from a hash of the cell id, so no chromosome is in both sets. The
parsed bank is cached as .npz in $KARYO_CACHE/crops (default ~/.cache/karyo/crops), never in
the repository.

    load_bank("train") -> [cell, ...], cell = [(grey uint8 HxW, mask bool HxW, label str), ...]
"""
import io
import os
import tarfile
import zlib
from pathlib import Path

import numpy as np
from PIL import Image, ImageFile

ARCHIVE_REL = "crops/gband-600cells-28k/crops-IrohXu-single_clase.tar.gz"
PREFIX = "chromosome-straighteningv1.1/single_clase/"
VAL_PERCENT = 20          # share of cells in the validation bank
THRESHOLD = 232           # grey below this is chromosome (background is 255)
BANK_VERSION = 1


def shared_data_dir() -> Path:
    """$KARYO_SHARED_DATA, else ../shared/data beside the repository (the documented place)."""
    env = os.environ.get("KARYO_SHARED_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[4].parent / "shared" / "data"  # deepchm/synth/crops.py


def archive_path() -> Path:
    return shared_data_dir() / ARCHIVE_REL


def cache_dir() -> Path:
    """$KARYO_CACHE/crops, else ~/.cache/karyo/crops (outside the repository)."""
    base = os.environ.get("KARYO_CACHE")
    base = Path(base) if base else Path.home() / ".cache" / "karyo"
    return base / "crops"


def split_of(cell_id: str) -> str:
    """'train' or 'val', fixed by a hash of the cell id (stable across runs and machines)."""
    return "val" if zlib.crc32(cell_id.encode("utf-8")) % 100 < VAL_PERCENT else "train"


# ---------------------------------------------------------------- connected components

def _runs(row):
    """Start (inclusive) and end (exclusive) columns of the True runs of a 1-D bool array."""
    d = np.diff(np.concatenate(([0], row.view(np.int8), [0])))
    return np.flatnonzero(d == 1), np.flatnonzero(d == -1)


def label(mask, eight=True):
    """Connected components of a 2-D bool array by run-length union-find.
    -> (labels int32 array, 0 = background, 1..n; n)."""
    mask = np.ascontiguousarray(mask, dtype=bool)
    h = mask.shape[0]
    runs = []          # (row, start, end)
    row_first = []     # index of the first run of each row
    for r in range(h):
        s, e = _runs(mask[r])
        row_first.append(len(runs))
        runs.extend((r, int(a), int(b)) for a, b in zip(s, e))
    row_first.append(len(runs))
    parent = list(range(len(runs)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    slack = 1 if eight else 0
    for r in range(1, h):
        i, i_end = row_first[r], row_first[r + 1]
        j, j_end = row_first[r - 1], row_first[r]
        while i < i_end and j < j_end:
            _, s1, e1 = runs[i]
            _, s0, e0 = runs[j]
            if s1 < e0 + slack and s0 < e1 + slack:  # the runs touch
                a, b = find(i), find(j)
                if a != b:
                    parent[max(a, b)] = min(a, b)
            if e1 < e0:
                i += 1
            else:
                j += 1
    labels = np.zeros(mask.shape, np.int32)
    ids = {}
    for k, (r, s, e) in enumerate(runs):
        root = find(k)
        if root not in ids:
            ids[root] = len(ids) + 1
        labels[r, s:e] = ids[root]
    return labels, len(ids)


def largest_component(mask, eight=True):
    labels, n = label(mask, eight)
    if n <= 1:
        return labels > 0
    sizes = np.bincount(labels.ravel())
    sizes[0] = 0
    return labels == int(np.argmax(sizes))


def fill_holes(mask):
    """Background regions not connected (4-connectivity) to the border become foreground."""
    pad = np.pad(mask, 1, constant_values=False)
    labels, _ = label(~pad, eight=False)
    outside = labels == labels[0, 0]
    return ~outside[1:-1, 1:-1]


def mask_crop(grey, threshold=THRESHOLD):
    """Chromosome mask of a dark-on-white crop: threshold, largest 8-connected component,
    holes filled."""
    fg = grey < threshold
    if not fg.any():
        return fg
    return fill_holes(largest_component(fg))


# ---------------------------------------------------------------- reading the archive

def _read_tiff(data: bytes) -> np.ndarray:
    old = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = True  # bogus second strip offset in these TIFFs
    try:
        with Image.open(io.BytesIO(data)) as im:
            return np.array(im.convert("L"), dtype=np.uint8)
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = old


def _member_info(name):
    """-> (cell id, class label, index) for a crop path in the archive, else None."""
    if not name.startswith(PREFIX) and not name.startswith("./" + PREFIX):
        return None
    parts = name.split("/")
    if len(parts) < 4 or not parts[-1].lower().endswith(".tiff") or not parts[-2].startswith("clase"):
        return None
    cell = parts[-3]
    if cell.endswith(".tiff"):
        cell = cell[:-5]
    stem = parts[-1].split("_")
    try:
        idx = int(stem[1])
    except (IndexError, ValueError):
        idx = 0
    return cell, parts[-2][len("clase"):], idx


def _parse(split, wanted=None, archive=None):
    """Reads the archive once; -> {cell: [(label, idx, grey, mask)]} for cells of the split."""
    archive = Path(archive or archive_path())
    if not archive.is_file():
        raise FileNotFoundError("crop archive not found: %s" % archive)
    cells = {}
    with tarfile.open(archive, "r:gz") as tar:
        for m in tar:
            if not m.isfile():
                continue
            info = _member_info(m.name)
            if info is None:
                continue
            cell, lab, idx = info
            if split_of(cell) != split or (wanted is not None and cell not in wanted):
                continue
            grey = _read_tiff(tar.extractfile(m).read())
            mask = mask_crop(grey)
            if mask.sum() < 20:
                continue
            ys, xs = np.nonzero(mask)
            y0, y1, x0, x1 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
            g = grey[y0:y1, x0:x1].copy()
            mk = mask[y0:y1, x0:x1]
            g[~mk] = 255
            cells.setdefault(cell, []).append((lab, idx, g, mk))
    return cells


def list_cells(split=None, archive=None):
    """Sorted cell ids in the archive (of one split when given); reads names only."""
    archive = Path(archive or archive_path())
    seen = set()
    with tarfile.open(archive, "r:gz") as tar:
        for m in tar:
            info = _member_info(m.name) if m.isfile() else None
            if info and (split is None or split_of(info[0]) == split):
                seen.add(info[0])
    return sorted(seen)


def _save(path, cells):
    names = sorted(cells)
    flat_g, flat_m, shapes, labels, cell_of = [], [], [], [], []
    for ci, c in enumerate(names):
        for lab, idx, g, mk in sorted(cells[c], key=lambda t: (int(t[0]) if t[0].isdigit() else 99, t[1])):
            flat_g.append(g.ravel())
            flat_m.append(mk.ravel())
            shapes.append(g.shape)
            labels.append(lab)
            cell_of.append(ci)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp.npz")
    np.savez_compressed(tmp, version=BANK_VERSION, cells=np.array(names), grey=np.concatenate(flat_g),
                        mask=np.concatenate(flat_m), shapes=np.array(shapes, np.int32),
                        labels=np.array(labels), cell_of=np.array(cell_of, np.int32))
    os.replace(tmp, path)


def _load(path):
    z = np.load(path)
    if int(z["version"]) != BANK_VERSION:
        raise ValueError("old bank")
    grey, mask, shapes = z["grey"], z["mask"], z["shapes"]
    cells = [[] for _ in range(len(z["cells"]))]
    off = 0
    for (h, w), lab, ci in zip(shapes, z["labels"], z["cell_of"]):
        n = int(h) * int(w)
        cells[ci].append((grey[off:off + n].reshape(h, w), mask[off:off + n].reshape(h, w), str(lab)))
        off += n
    return [str(c) for c in z["cells"]], cells


def load_bank(split="train", limit_cells=None, with_ids=False, archive=None):
    """Real crops of one split: a list of cells (sorted by cell id), each a list of
    (grey uint8 patch, bool mask, class label "1".."24"). limit_cells: only the first N cells.
    with_ids: -> (cell ids, cells). Cached as npz under cache_dir()."""
    if split not in ("train", "val"):
        raise ValueError("split must be 'train' or 'val'")
    full = cache_dir() / ("gband600-%s.npz" % split)
    path = full
    if not full.is_file() and limit_cells is not None:
        path = cache_dir() / ("gband600-%s-first%d.npz" % (split, limit_cells))
    ids = cells = None
    if path.is_file():
        try:
            ids, cells = _load(path)
        except (ValueError, KeyError, OSError):
            ids = None
    if ids is None:
        wanted = None
        if path is not full:
            wanted = set(list_cells(split, archive)[:limit_cells])
        parsed = _parse(split, wanted, archive)
        _save(path, parsed)
        ids, cells = _load(path)
    if limit_cells is not None:
        ids, cells = ids[:limit_cells], cells[:limit_cells]
    return (ids, cells) if with_ids else cells


if __name__ == "__main__":
    import sys
    import time
    for sp in ("train", "val"):
        t = time.time()
        ids, cells = load_bank(sp, with_ids=True)
        print(sp, len(ids), "cells", sum(len(c) for c in cells), "crops", "%.1fs" % (time.time() - t),
              file=sys.stderr)
