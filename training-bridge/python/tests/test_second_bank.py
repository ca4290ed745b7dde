"""The second laboratory's crop set (deepchm.classify.second): its TIFFs with a bogus second strip,
its file names, the split by group and the figures of a model on it (synthetic files: no archive).

Run: cd training-bridge/python && /usr/bin/python3 -m unittest tests.test_second_bank
"""
import io
import os
import struct
import sys
import tarfile
import tempfile
import unittest
from unittest import mock

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import numpy as np  # noqa: E402
import torch  # noqa: E402
from PIL import Image, ImageFile  # noqa: E402

from deepchm.classify import second  # noqa: E402
from deepchm.classify.model import ChromosomeNet  # noqa: E402

torch.set_num_threads(1)


def tiff_with_bogus_second_strip(img, claim_h=None):
    """Little-endian 8-bit grey TIFF as the set's files are: one strip holds the whole image,
    but StripOffsets / StripByteCounts name a second strip past the end of the file. claim_h:
    the height the header states (a damaged file: more rows than the file holds)."""
    h, w = img.shape
    pixels = img.tobytes()
    data_at = 8
    ifd_at = data_at + len(pixels)
    ifd_at += ifd_at % 2
    tags = [(256, 3, 1, w), (257, 3, 1, claim_h or h), (258, 3, 1, 8), (259, 3, 1, 1), (262, 3, 1, 1),
            (273, 4, 2, None), (277, 3, 1, 1), (278, 3, 1, h), (279, 4, 2, None)]
    extra_at = ifd_at + 2 + 12 * len(tags) + 4
    offsets = struct.pack("<2I", data_at, data_at + len(pixels) + 4096)   # the bogus second one
    counts = struct.pack("<2I", len(pixels), len(pixels))
    out = bytearray(b"II*\x00" + struct.pack("<I", ifd_at) + pixels)
    out += b"\x00" * (ifd_at - len(out))
    out += struct.pack("<H", len(tags))
    for tag, typ, n, val in tags:
        if tag == 273:
            out += struct.pack("<HHII", tag, typ, n, extra_at)
        elif tag == 279:
            out += struct.pack("<HHII", tag, typ, n, extra_at + 8)
        else:
            out += struct.pack("<HHIHH", tag, typ, n, val, 0)
    out += struct.pack("<I", 0) + offsets + counts
    return bytes(out)


def banded(h, w, seed):
    rng = np.random.default_rng(seed)
    img = np.full((h, w), 250, np.uint8)
    img[2:h - 2, 3:w - 3] = rng.integers(40, 160, (h - 4, w - 6), dtype=np.uint8)
    return img


class ReadTest(unittest.TestCase):
    def test_the_whole_image_comes_from_the_first_strip(self):
        img = banded(64, 36, 1)
        data = tiff_with_bogus_second_strip(img)
        np.testing.assert_array_equal(second.read_first_strip(data), img)

    def test_pil_alone_does_not_read_these_files_whole(self):
        img = banded(64, 36, 2)
        data = tiff_with_bogus_second_strip(img)
        old = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = True
        try:
            with Image.open(io.BytesIO(data)) as im:
                got = np.array(im.convert("L"))
        except OSError:
            got = None
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = old
        self.assertFalse(got is not None and np.array_equal(got, img), "why the first strip is read directly")

    def test_a_file_shorter_than_its_image_is_refused(self):
        data = tiff_with_bogus_second_strip(banded(64, 36, 3), claim_h=400)
        with self.assertRaisesRegex(ValueError, "shorter than the image"):
            second.read_first_strip(data)


class NamesAndSplitTest(unittest.TestCase):
    def test_names_give_group_and_class(self):
        self.assertEqual(second.member_info("./DataNew/3/3_2_56820_117657_1365442.tiff"),
                         ("56820_117657", 2))
        self.assertEqual(second.member_info("DataNew/24/24_1_1_2_3.tiff"), ("1_2", 23))
        for bad in ("DataNew/25/25_1_1_2_3.tiff", "DataNew/x/x_1_1_2_3.tiff", "Other/3/3_1_1_2_3.tiff",
                    "DataNew/3/3_1_1.tiff", "DataNew/3/readme.txt"):
            self.assertIsNone(second.member_info(bad), bad)

    def test_split_is_by_group_stable_and_holds_out_about_forty_percent(self):
        groups = ["%d_%d" % (50000 + i, 110000 + 3 * i) for i in range(200)]
        first = [second.split_of_group(g) for g in groups]
        self.assertEqual(first, [second.split_of_group(g) for g in groups])
        share = first.count("test") / len(groups)
        self.assertTrue(0.3 < share < 0.5, share)


class ParseAndFiguresTest(unittest.TestCase):
    def test_groups_are_parsed_with_their_median_length_and_measured(self):
        with tempfile.TemporaryDirectory() as tmp:
            archive = os.path.join(tmp, "set.tar.gz")
            with tarfile.open(archive, "w:gz") as tar:
                for g, group in enumerate(("100_200", "300_400")):
                    for label in range(1, 25):
                        img = banded(70 - 2 * label + g * 10, 24, label + 100 * g)
                        data = tiff_with_bogus_second_strip(img)
                        info = tarfile.TarInfo("DataNew/%d/%d_1_%s_%d.tiff" % (label, label, group, label))
                        info.size = len(data)
                        tar.addfile(info, io.BytesIO(data))
            with mock.patch.object(second, "cache_path", return_value=__import__("pathlib").Path(tmp) / "c.pkl"):
                groups = second.load_all(archive)
                self.assertTrue((__import__("pathlib").Path(tmp) / "c.pkl").is_file(), "cached")
        self.assertEqual([g.cell for g in groups], ["100_200", "300_400"])
        for g in groups:
            self.assertEqual(sorted(c.label for c in g.crops), list(range(24)))
            lengths = [c.grey.shape[0] for c in g.crops]
            self.assertEqual(g.median_len, float(np.median(lengths)))
            self.assertTrue(all(c.mask.any() for c in g.crops))
        self.assertGreater(groups[1].median_len, groups[0].median_len)
        rec = second.figures(ChromosomeNet().eval(), groups, repeats=2)
        self.assertEqual(rec["cut_outs"], 2 * 48)
        self.assertTrue(0 <= rec["top1"] <= 100 and 0 <= rec["polarity"] <= 100)
        self.assertEqual(len(rec["per_class_top1"]), 24)


if __name__ == "__main__":
    unittest.main()
