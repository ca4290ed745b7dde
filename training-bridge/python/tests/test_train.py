"""The trainer end to end on a handful of generated images: events, checkpoints, resume,
export with the contract metadata, and every ablation switch/sampler for a step."""
import io
import json
import os
import tempfile
import unittest
from contextlib import redirect_stdout, redirect_stderr

import torch

from deepchm import train
from deepchm.synth import ribbons as synth
from deepchm.model.export import read_metadata


def run_trainer(args):
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = train.main(args)
    events = [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]
    return code, events, err.getvalue()


class TestTrain(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        torch.set_num_threads(2)
        cls.tmp = tempfile.TemporaryDirectory()
        cls.data = os.path.join(cls.tmp.name, "data")
        synth.write_set(cls.data, 4, 192, 256, seed=3, count=(5, 8))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def base(self, out, *extra):
        return ["--data", self.data, "--out", out, "--preset", "tiny", "--input", "128x192",
                "--crop", "128", "--batch", "1", "--steps-per-epoch", "2", "--val-fraction", "0.25",
                "--val-max-images", "1", *extra]

    def test_trains_checkpoints_resumes_and_exports_the_contract(self):
        out = os.path.join(self.tmp.name, "run")
        code, events, err = run_trainer(self.base(out, "--epochs", "1", "--name", "smoke", "--version", "0.0.1"))
        self.assertEqual(0, code, err)
        kinds = [e["event"] for e in events]
        self.assertEqual("start", kinds[0])
        self.assertEqual("done", kinds[-1])
        self.assertEqual("ok", events[-1]["status"])
        steps = [e for e in events if e["event"] == "step"]
        self.assertEqual([1, 2], [e["step"] for e in steps])
        for e in steps:
            for term in ("total", "saliency", "cls", "reg"):
                self.assertTrue(abs(e["loss"][term]) < 1e6, e)
        self.assertIn("validation", kinds)
        self.assertTrue(os.path.exists(os.path.join(out, "checkpoints", "last.pt")))
        export = next(e for e in events if e["event"] == "export")
        meta = read_metadata(export["path"])
        self.assertEqual("deepchm-onnx-1", meta["karyo.contract"])
        self.assertEqual("true", meta["model.trained"])
        self.assertEqual("smoke", meta["model.name"])
        self.assertEqual(2, json.loads(meta["training.settings"])["steps"])
        with open(os.path.join(out, "val_split.json")) as f:
            split = json.load(f)
        self.assertEqual(1, len(split["annotations"]))
        with open(os.path.join(out, "events.jsonl")) as f:
            self.assertEqual(len(events), len(f.read().splitlines()))

        code, events, err = run_trainer(self.base(out, "--epochs", "2", "--resume"))
        self.assertEqual(0, code, err)
        self.assertEqual(2, events[0]["resumed_from_step"])
        self.assertEqual([3, 4], [e["step"] for e in events if e["event"] == "step"])

    def test_init_fine_tunes_from_another_runs_weights(self):
        first = os.path.join(self.tmp.name, "first")
        code, _, err = run_trainer(self.base(first, "--epochs", "1", "--lr", "1e-2"))
        self.assertEqual(0, code, err)
        weights = torch.load(os.path.join(first, "checkpoints", "last.pt"))["model"]
        tuned = os.path.join(self.tmp.name, "tuned")
        code, events, err = run_trainer(self.base(tuned, "--max-steps", "1", "--lr", "0",
                                                  "--init", os.path.join(first, "checkpoints", "last.pt")))
        self.assertEqual(0, code, err)
        self.assertIsNone(events[0]["resumed_from_step"])
        self.assertTrue(events[0]["initialised_from"].endswith("last.pt"))
        self.assertEqual([1], [e["step"] for e in events if e["event"] == "step"])  # a new count
        after = torch.load(os.path.join(tuned, "checkpoints", "last.pt"))["model"]
        for k, v in weights.items():  # lr 0: the fine-tuned run holds exactly the weights it began from
            if v.dtype.is_floating_point and "running" not in k:
                self.assertTrue(torch.equal(v, after[k]), k)

    def test_every_ablation_switch_and_sampler_trains(self):
        for i, extra in enumerate([["--no-pminf"], ["--no-sgach"], ["--no-hdlos"], ["--no-dasmp"],
                                   ["--sampler", "ohem"], ["--sampler", "hnas"]]):
            out = os.path.join(self.tmp.name, "abl%d" % i)
            code, events, err = run_trainer(self.base(out, "--max-steps", "1", "--val-fraction", "0", *extra))
            self.assertEqual(0, code, "%s: %s" % (extra, err))
            self.assertEqual("ok", events[-1]["status"], extra)

    def test_bad_data_folder_is_a_clear_error(self):
        empty = os.path.join(self.tmp.name, "empty")
        os.makedirs(empty, exist_ok=True)
        code, events, _ = run_trainer(["--data", empty, "--out", os.path.join(self.tmp.name, "bad")])
        self.assertEqual(2, code)
        self.assertEqual("error", events[-1]["event"])
        self.assertIn("no usable training images", events[-1]["message"])


if __name__ == "__main__":
    unittest.main()
