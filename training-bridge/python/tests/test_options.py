"""deepchm.options describes every option of deepchm.train, with the defaults the trainer uses."""
import contextlib
import io
import json
import os
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from deepchm import options, train  # noqa: E402

PY_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


class TestOptions(unittest.TestCase):

    def setUp(self):
        self.described = {o["name"]: o for o in options.describe(train.build_parser())}

    def test_every_option_is_described_with_the_trainers_default(self):
        args = vars(train.parse_args(["--data", "D", "--out", "O"]))
        self.assertEqual(len(self.described), len(args))
        for name, o in self.described.items():
            dest = name[2:].replace("-", "_")
            self.assertIn(dest, args)
            default = args[dest] if dest not in ("data", "out") else None
            if isinstance(default, tuple):
                default = list(default)
            self.assertEqual(o["default"], default, name)

    def test_types_choices_and_required(self):
        self.assertEqual(self.described["--epochs"]["type"], "int")
        self.assertEqual(self.described["--lr"]["type"], "float")
        self.assertEqual(self.described["--resume"]["type"], "flag")
        self.assertEqual(self.described["--preset"]["type"], "choice")
        self.assertEqual(self.described["--preset"]["choices"], sorted(train.PRESETS))
        self.assertTrue(self.described["--data"]["required"])
        self.assertFalse(self.described["--seed"]["required"])
        self.assertTrue(self.described["--max-steps"]["help"])

    def test_checked_types_keep_their_kind_and_refuse_out_of_range_values(self):
        self.assertEqual(self.described["--val-fraction"]["type"], "float")
        self.assertEqual(self.described["--crop"]["type"], "int")
        self.assertEqual(self.described["--input"]["type"], "string")
        self.assertEqual(self.described["--anchor-scales"]["type"], "list")
        for bad in (["--epochs", "0"], ["--val-fraction", "1"], ["--input", "512"], ["--lr", "-1"], ["--lr-decay", "0"],
                    ["--threads", "-2"], ["--anchor-scales", "2,0"]):
            with self.subTest(bad=bad), self.assertRaises(SystemExit), \
                    contextlib.redirect_stderr(io.StringIO()):
                train.parse_args(["--data", "D", "--out", "O", *bad])
        args = train.parse_args(["--data", "D", "--out", "O", "--max-steps", "0", "--val-fraction", "0.5"])
        self.assertEqual((0, 0.5), (args.max_steps, args.val_fraction))

    def test_command_line_prints_json(self):
        out = subprocess.run([sys.executable, "-m", "deepchm.options"], cwd=PY_DIR, capture_output=True,
                             text=True, check=True).stdout
        doc = json.loads(out)
        self.assertEqual(doc["trainer"], "deepchm.train")
        self.assertEqual({o["name"] for o in doc["options"]}, set(self.described))


if __name__ == "__main__":
    unittest.main()
