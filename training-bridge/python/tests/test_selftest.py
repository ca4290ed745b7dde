"""The reference-output self-test the exporter stores (deepchm/model/selftest.py); the Java side that
runs it is tested in TestSelfTest and TestActivationCheck."""
import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import torch  # noqa: E402

from deepchm.model import selftest  # noqa: E402
from deepchm.model.export import build_random, export_onnx, read_metadata  # noqa: E402
from deepchm.model.reference import compute_reference  # noqa: E402

torch.set_num_threads(2)


class SelfTestTest(unittest.TestCase):
    def test_every_export_carries_the_exporter_and_a_self_test_of_its_own_outputs(self):
        model, config = build_random("tiny", 64, 96, seed=3)
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "m.onnx")
            export_onnx(model, config, path, {"model.name": "unit-test"})
            meta = read_metadata(path)
            with open(path, "rb") as f:
                data = bytearray(f.read())
        self.assertEqual(meta[selftest.EXPORTER_KEY], "deepchm.export 3")
        # the digest covers graph and weights, not metadata: the file as written still matches it,
        # and one changed weight byte does not
        self.assertEqual(meta[selftest.BODY_KEY], selftest.body_digest(bytes(data)))
        data[len(data) // 3] ^= 1
        self.assertNotEqual(meta[selftest.BODY_KEY], selftest.body_digest(bytes(data)))
        ref = json.loads(meta[selftest.KEY])
        self.assertEqual(ref["format"], selftest.FORMAT)
        self.assertEqual(ref["input"]["shape"], [1, 1, 64, 96])
        want = compute_reference(model, config)
        for out in ("saliency", "scores", "deltas"):
            self.assertEqual(ref[out]["shape"], want[out]["shape"])
            self.assertEqual(len(ref[out]["samples"]), 400)
            self.assertEqual(ref[out]["sum"], want[out]["sum"], out)
            self.assertGreater(ref[out]["abs_sum"], 0, out)

    def test_stamp_rebuilds_the_network_from_metadata_and_replaces_only_the_self_test(self):
        model, config = build_random("tiny", 64, 96, seed=4)
        with tempfile.TemporaryDirectory() as tmp:
            path, weights = os.path.join(tmp, "m.onnx"), os.path.join(tmp, "w.pt")
            export_onnx(model, config, path, {"model.name": "unit-test", "model.version": "1.0.0"})
            torch.save({"model": model.state_dict(), "args": {"anchor_scales": config.anchors.scales}}, weights)
            before = read_metadata(path)
            with open(path, "rb") as f:
                size = len(f.read())
            # a stale self-test (another model's) is replaced, everything else is kept as it was
            other, _ = build_random("tiny", 64, 96, seed=5)
            selftest.rewrite(path, path, {selftest.KEY: json.dumps(selftest.compute(other, config))})
            self.assertNotEqual(read_metadata(path)[selftest.KEY], before[selftest.KEY])
            selftest.stamp(path, weights)
            after = read_metadata(path)
            with open(path, "rb") as f:
                self.assertEqual(len(f.read()), size, "one self-test entry, not two")
        both = (selftest.KEY, selftest.BODY_KEY)
        self.assertEqual(list(after), [k for k in before if k not in both] + list(both))
        self.assertEqual({k: v for k, v in after.items() if k != selftest.KEY},
                         {k: v for k, v in before.items() if k != selftest.KEY})
        self.assertEqual(json.loads(after[selftest.KEY]), json.loads(before[selftest.KEY]))

    def test_noise_in_a_few_weights_moves_the_outputs_far_beyond_the_tolerance(self):
        model, config = build_random("tiny", 64, 96, seed=6)
        ref = selftest.compute(model, config)
        with torch.no_grad():
            w = model.cls_head.out.weight.view(-1)
            gen = torch.Generator().manual_seed(0)
            w[:64] = torch.randn(64, generator=gen) * 0.5
        noisy = selftest.compute(model, config)
        dev = max(abs(noisy[o]["sum"] - ref[o]["sum"]) / ref[o]["abs_sum"] for o in ("scores", "deltas"))
        self.assertGreater(dev, 1e-2, "the Java tolerance (SelfTest.TOLERANCE) would not see it")


if __name__ == "__main__":
    unittest.main()
