"""Dataset folders (deepchm/data/labelme.py, docs/training.md "Dataset folder").

Run: cd training-bridge/python && /usr/bin/python3 -m unittest discover -s tests
"""
import base64
import io
import json
import os
import sys
import tempfile
import unittest
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from deepchm.data.labelme import DatasetError, load_dataset  # noqa: E402

AUTOKARY = Path(__file__).resolve().parents[4] / "shared/data/formats/autokary2022-labelme/dataset"
SHAPE = {"label": "1", "points": [[5, 5], [30, 8], [28, 20], [6, 18]], "group_id": None,
         "shape_type": "polygon", "flags": {}}


def png_bytes(img: Image.Image, fmt="PNG") -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt)
    return buf.getvalue()


def grey(w=40, h=30, value=128):
    a = np.full((h, w), value, dtype=np.uint8)
    a[5:10, 5:10] = 0
    return Image.fromarray(a)


def write(path: Path, obj):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj) if not isinstance(obj, str) else obj)


def labelme(image_path=None, data=None, w=40, h=30, shapes=(SHAPE,)):
    return {"version": "5.2.1", "flags": {}, "shapes": list(shapes), "imagePath": image_path,
            "imageData": None if data is None else base64.b64encode(data).decode(),
            "imageHeight": h, "imageWidth": w}


class LoadDatasetTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.root = Path(self.tmp.name)

    def tearDown(self):
        self.tmp.cleanup()

    def test_embedded_image_data(self):
        for i in range(5):
            data = png_bytes(grey(value=100 + i))
            write(self.root / "sub" / ("c%d.json" % i), labelme("c%d.png" % i, data))
        train, val, summary = load_dataset(self.root)
        self.assertEqual(summary["split"], "files")
        self.assertEqual((len(train), len(val)), (4, 1))
        self.assertEqual(summary["instances"], 5)
        s = sorted(train + val, key=lambda s: s.name)[2]
        self.assertEqual(s.name, "sub/c2.json")
        self.assertEqual((s.height, s.width, s.labels), (30, 40, ["1"]))
        self.assertEqual(s.polygons[0].dtype, np.float64)
        img = s.image()
        self.assertEqual((img.shape, img.dtype), ((30, 40), np.uint8))
        self.assertEqual((int(img[0, 0]), int(img[6, 6])), (102, 0))
        self.assertIs(s.image(), img)  # cached
        # same seed, same split; another seed may differ but keeps the counts
        again = load_dataset(self.root)[1]
        self.assertEqual([s.name for s in val], [s.name for s in again])

    def test_image_files_colour_16bit_backslashes(self):
        rgb = Image.merge("RGB", [grey(value=200)] * 3)
        rgb.save(self.root / "a.png")
        write(self.root / "a.json", labelme("a.png"))
        (self.root / "imgs").mkdir()
        a16 = np.full((30, 40), 1000, dtype=np.uint16)
        a16[0, 0], a16[1, 1] = 3000, 5000
        Image.fromarray(a16).save(self.root / "imgs" / "b.tif")
        write(self.root / "b.json", labelme("imgs\\b.tif"))  # written on Windows
        (self.root / "ann").mkdir()
        (self.root / "images").mkdir()
        grey().save(self.root / "images" / "c.jpg")
        write(self.root / "ann" / "c.json", labelme("c.jpg"))  # AutoKary layout: ../images
        d = labelme("a.png")
        del d["imageHeight"], d["imageWidth"]  # measured from the image instead
        write(self.root / "d.json", d)
        train, val, summary = load_dataset(self.root)
        self.assertEqual(summary["skipped"], [])
        by = {s.name: s for s in train + val}
        self.assertEqual(sorted(by), ["a.json", "ann/c.json", "b.json", "d.json"])
        self.assertEqual(int(by["a.json"].image()[20, 20]), 200)
        b = by["b.json"].image()
        self.assertEqual((int(b[1, 1]), int(b[0, 0]), int(b[5, 5])), (255, 128, 0))  # min..max stretch
        self.assertEqual(by["ann/c.json"].image().shape, (30, 40))
        self.assertEqual((by["d.json"].height, by["d.json"].width), (30, 40))

    def test_missing_images_and_odd_files(self):
        grey().save(self.root / "ok.png")
        rect = dict(SHAPE, shape_type="rectangle", points=[[30, 20], [10, 4]], label=" X ")
        shapes = [SHAPE, dict(SHAPE, shape_type="circle"), dict(SHAPE, points=[[1, 1], [2, 2]]), rect]
        write(self.root / "ok.json", labelme("ok.png", shapes=shapes))
        write(self.root / "gone.json", labelme("gone.png"))
        write(self.root / "coco.json", {"images": [], "annotations": []})
        write(self.root / "size.json", labelme("ok.png", w=41))
        train, val, summary = load_dataset(self.root)
        self.assertEqual(len(train) + len(val), 1)
        ok = (train + val)[0]
        self.assertEqual(ok.labels, ["1", "X"])
        self.assertEqual(ok.polygons[1].tolist(), [[30, 20], [10, 20], [10, 4], [30, 4]])
        reasons = {k["annotation"]: k["reason"] for k in summary["skipped"]}
        self.assertIn("image not found", reasons["gone.json"])
        self.assertIn("not a LabelMe file", reasons["coco.json"])
        self.assertIn("size mismatch", reasons["size.json"])
        self.assertTrue(any("'circle'" in n for n in summary["notes"]))
        self.assertTrue(any("degenerate" in n for n in summary["notes"]))

    def test_malformed_json_names_the_file(self):
        write(self.root / "fine.json", labelme("x.png", png_bytes(grey())))
        write(self.root / "deep" / "broken.json", '{"shapes": [')
        with self.assertRaises(DatasetError) as cm:
            load_dataset(self.root)
        self.assertIn("broken.json", str(cm.exception))
        (self.root / "deep" / "broken.json").unlink()
        bad = [dict(SHAPE, points=[[1, "a"]])]
        write(self.root / "pts.json", labelme("x.png", png_bytes(grey()), shapes=bad))
        with self.assertRaises(DatasetError) as cm:
            load_dataset(self.root)
        self.assertIn("pts.json", str(cm.exception))
        with self.assertRaises(DatasetError):
            load_dataset(self.root / "nope")

    def test_dataset_json_patient_split(self):
        data = png_bytes(grey())
        images = []
        for i in range(12):
            name = "cells/img%02d.json" % i
            write(self.root / name, labelme("x.png", data))
            images.append({"annotation": name, "patient": "P%d" % (i % 5), "case": "C%d" % i})
        images[0]["split"] = "val"   # P0 goes to val with all its images
        images[3]["split"] = "train"
        images.append({"annotation": "./cells/missing.json", "patient": "P9"})
        write(self.root / "dataset.json", {"format": "karyo-dataset-1", "images": images})
        write(self.root / "loose" / "u.json", labelme("x.png", data))  # not listed: no patient
        for seed in range(4):
            train, val, summary = load_dataset(self.root, val_fraction=0.3, seed=seed)
            self.assertEqual(summary["split"], "dataset.json")
            self.assertEqual(len(train) + len(val), 13)
            self.assertEqual(summary["skipped"], [{"annotation": "cells/missing.json",
                                                   "reason": "listed in dataset.json but not found"}])
            tp, vp = {s.patient for s in train} - {None}, {s.patient for s in val} - {None}
            self.assertEqual(tp & vp, set())
            self.assertTrue(tp and vp)
            self.assertIn("P0", vp)
            self.assertIn("P3", tp)
            self.assertEqual(next(s for s in val if s.name == "cells/img00.json").case, "C0")

    def test_train_val_folders(self):
        data = png_bytes(grey())
        for side, n in (("train", 3), ("val", 2)):
            for i in range(n):
                write(self.root / side / "x" / ("%d.json" % i), labelme("x.png", data))
        write(self.root / "extra.json", labelme("x.png", data))
        train, val, summary = load_dataset(self.root)
        self.assertEqual((summary["split"], len(train), len(val)), ("folders", 3, 2))
        self.assertTrue(all(s.name.startswith("train/") for s in train))
        self.assertEqual(summary["skipped"],
                         [{"annotation": "extra.json", "reason": "outside train/ and val/"}])

    def test_autokary2022_dialect(self):
        if not AUTOKARY.is_dir():
            self.skipTest("AutoKary2022 sample not present at %s" % AUTOKARY)
        train, val, summary = load_dataset(AUTOKARY)
        self.assertEqual(summary["files"], 15)
        self.assertEqual(summary["split"], "folders")
        self.assertEqual((len(train), len(val)), (0, 0))
        self.assertEqual(len(summary["skipped"]), 15)
        self.assertTrue(all(k["reason"].startswith("image not found") for k in summary["skipped"]))
        self.assertIn("no usable samples in 15 JSON file(s) (image not found: 15)", summary["notes"])

    def test_autokary2022_polygons_with_an_image(self):
        # The dialect itself (snake_case keys) reads once an image is there.
        if not AUTOKARY.is_dir():
            self.skipTest("AutoKary2022 sample not present at %s" % AUTOKARY)
        src = sorted((AUTOKARY / "val" / "annotations").glob("*.json"))[0]
        d = json.loads(src.read_text())
        (self.root / "images").mkdir()
        blank = Image.new("L", (d["image_width"], d["image_height"]), 255)
        blank.save(self.root / "images" / d["image_path"])
        write(self.root / "annotations" / src.name, d)
        train, val, summary = load_dataset(self.root)
        s = (train + val)[0]
        self.assertEqual(len(s.polygons), len(d["shapes"]))
        self.assertEqual((s.height, s.width), (2200, 3200))
        self.assertTrue(set(s.labels) <= {str(i) for i in range(1, 25)})


if __name__ == "__main__":
    unittest.main()
