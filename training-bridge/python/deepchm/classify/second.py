"""A second laboratory's G-banded crops for the chromosome classifier: the Pampaj7 "DataNew" set
(../shared/data/crops/gband-2806, 2,806 crops of about 50x60 px from finished karyograms:
upright, p-arm up, dark on white, folder = class 1..24, 24 = Y with only 27 crops).

These crops are lower-resolution and shorter relative to their width than the main bank's (median
crop height 46 against 61 px, length / width 2.17 against 2.72 on the bank's test cases), as the
real cells of CabinH are, which is where the classifier is weakest on other laboratories' cells.
File names are CLASS_HOMOLOGUE_A_B_OBJECT.tiff; A_B names one of 16 groups of 170-350 crops (a
slide or case, several cells: the set gives no finer grouping), so a crop's length relative to
its "cell" is taken relative to its group's median. Split BY GROUP, fixed by a hash of the group
id: a group is either for training or held out for the figures, never both.

The TIFFs carry a bogus second strip offset (PIL reads them as truncated, the lower rows black):
the whole image is in the first strip, which is read directly. Parsed groups are cached like the
main bank's, never in the repository.

    load_groups("train" | "test") -> list of data.Cell (case = cell = group id)
"""
import io
import tarfile
import zlib
from pathlib import Path

import numpy as np
from PIL import Image

from . import data as cd
from ..synth import crops as bank

ARCHIVE_REL = "crops/gband-2806/crops-Pampaj7-DataNew.tar.gz"
CACHE_VERSION = 1
TEST_PERCENT = 40   # share of groups held out


def archive_path() -> Path:
    return bank.shared_data_dir() / ARCHIVE_REL


def cache_path() -> Path:
    return cd.cache_path().parent / ("second-v%d.pkl" % CACHE_VERSION)


def read_first_strip(data: bytes) -> np.ndarray:
    """8-bit grey TIFF whose whole image is in strip 1 -> uint8 HxW (dark on white)."""
    with Image.open(io.BytesIO(data)) as im:
        tags = im.tag_v2
        w, h = int(tags[256]), int(tags[257])
        bits = tags.get(258, (8,))
        if tuple(bits if isinstance(bits, tuple) else (bits,)) != (8,) or tags.get(259, 1) != 1:
            raise ValueError("not an uncompressed 8-bit grey TIFF")
        offset = int(tags[273][0])
        photometric = int(tags.get(262, 1))
    raw = data[offset:offset + w * h]
    if len(raw) != w * h:
        raise ValueError("first strip shorter than the image (%d of %d bytes)" % (len(raw), w * h))
    img = np.frombuffer(raw, np.uint8).reshape(h, w).copy()
    return img if photometric == 1 else 255 - img


def member_info(name):
    """'DataNew/3/3_2_56820_117657_1365442.tiff' -> (group '56820_117657', label 0..23), else None."""
    parts = name.split("/")
    if len(parts) < 3 or parts[-3] != "DataNew" or not parts[-1].lower().endswith(".tiff"):
        return None
    stem = parts[-1][:-5].split("_")
    try:
        label = int(parts[-2]) - 1
    except ValueError:
        return None
    if len(stem) < 5 or not 0 <= label < 24:
        return None
    return stem[2] + "_" + stem[3], label


def split_of_group(group: str) -> str:
    h = zlib.crc32(("second:" + group).encode("utf-8")) % 100
    return "test" if h < TEST_PERCENT else "train"


def _parse(archive) -> list:
    groups = {}
    with tarfile.open(archive, "r:gz") as tar:
        for m in tar:
            info = member_info(m.name) if m.isfile() else None
            if info is None:
                continue
            group, label = info
            try:
                grey = read_first_strip(tar.extractfile(m).read())
            except (ValueError, OSError, KeyError) as e:
                raise ValueError("%s: %s: %s" % (archive, m.name, e)) from e
            crop = cd.masked_crop(label, grey)
            if crop is not None:
                groups.setdefault(group, cd.Cell(group, group)).crops.append(crop)
    return cd.finish(groups.values())


def load_all(archive=None) -> list:
    def build():
        path = Path(archive or archive_path())
        if not path.is_file():
            raise FileNotFoundError("second crop archive not found: %s" % path)
        return _parse(path)
    return cd.cached(cache_path(), build)


def load_groups(split: str, archive=None) -> list:
    return [g for g in load_all(archive) if split_of_group(g.cell) == split]


def figures(model, groups, repeats=3, seed=2806):
    """Top-1 and polarity of `model` (ChromosomeNet or FlipAveraged) on every crop of the groups,
    each cut out `repeats` times as the detector's cut-outs look (random turn and polarity, axis
    residue, neighbours; deepchm.classify.augment, train=False), with a fixed seed."""
    import torch
    from .train import all_crops, predict
    rng = np.random.default_rng(seed)
    probs, ups, labels, pols = [], [], [], []
    for _ in range(repeats):
        imgs, sizes, lab, pol, _cells = all_crops(rng, groups)
        p, u = predict(model, imgs, sizes)
        probs.append(p)
        ups.append(u)
        labels.append(lab)
        pols.append(pol)
    probs, ups, labels, pols = (torch.cat(x) for x in (probs, ups, labels, pols))
    hit = probs.argmax(1) == labels
    has = pols >= 0
    per_class = [round(hit[labels == k].float().mean().item() * 100, 1) for k in range(24)]
    return {"cut_outs": int(len(labels)), "top1": round(hit.float().mean().item() * 100, 2),
            "polarity": round(((ups[has] > 0.5).float() == pols[has]).float().mean().item() * 100, 2),
            "polarity_of": int(has.sum()), "per_class_top1": per_class}


def _main(argv=None):
    import argparse
    import json
    ap = argparse.ArgumentParser(description="second laboratory's crops: split, or a checkpoint's figures")
    ap.add_argument("--checkpoint", help="weights (train.py checkpoint or weights.pt) to measure")
    ap.add_argument("--tta", action="store_true", help="measure with flip averaging (as exported --tta)")
    ap.add_argument("--split", default="test", choices=("train", "test", "all"),
                    help="all: every group (for a model that was not trained on any of them)")
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args(argv)
    if not args.checkpoint:     # the split, and the crops' size and shape beside the main bank's
        for s in ("train", "test"):
            sel = load_groups(s)
            counts = np.bincount([cr.label for g in sel for cr in g.crops], minlength=24)
            print(s, "groups", len(sel), "crops", int(counts.sum()), "per class", counts.tolist())
        for name, cells in (("second, all", load_all()), ("bank, test cases", cd.load_split("test"))):
            crops = [cr.grey.shape for c in cells for cr in c.crops]
            print("%s: median crop height %.0f px, length / width %.2f" % (
                name, np.median([h for h, _ in crops]), np.median([h / w for h, w in crops])))
        return 0
    import torch
    from .model import ChromosomeNet, FlipAveraged
    torch.set_num_threads(1)
    net = ChromosomeNet()
    net.load_state_dict(torch.load(args.checkpoint, map_location="cpu")["model"])
    model = FlipAveraged(net) if args.tta else net
    groups = load_all() if args.split == "all" else load_groups(args.split)
    rec = figures(model, groups, args.repeats)
    rec.update({"checkpoint": args.checkpoint, "tta": args.tta, "split": args.split})
    print(json.dumps(rec))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(_main())
