"""ADIR class maps -> chromosome instances, on a hand-made map whose answer is known."""
import unittest

import numpy as np

from deepchm.tools import adir


class InstancesTest(unittest.TestCase):
    def test_crossing_chromosomes_both_get_the_overlap_and_stay_whole(self):
        m = np.zeros((60, 60), np.uint8)
        m[10:50, 28:33] = 1          # chromosome 1, vertical
        m[28:33, 10:50] = 2          # chromosome 2, horizontal, crossing it
        m[28:33, 28:33] = adir.OVERLAP
        m[5:15, 50:55] = 1           # its homologue, apart
        m[55:57, 5:7] = 3            # 4 pixels of class 3: annotation noise
        inst = adir.instances(m, min_pixels=30)
        self.assertEqual(sorted(c for c, _ in inst), [1, 1, 2])
        vertical = [mask for c, mask in inst if c == 1 and mask[20, 30]][0]
        horizontal = [mask for c, mask in inst if c == 2][0]
        self.assertTrue(vertical[30, 30] and horizontal[30, 30], "both get the overlap pixels")
        self.assertEqual(int(vertical.sum()), 40 * 5, "the crossed chromosome is one piece, not two")
        self.assertEqual(int(horizontal.sum()), 40 * 5)

    def test_slide_is_the_first_three_characters(self):
        self.assertEqual(adir.slide_of("A0101XYD.tif"), "A01")


if __name__ == "__main__":
    unittest.main()
