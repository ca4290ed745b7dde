"""How far TF32 rounding moves a model's self-test outputs (docs/reliability.md, "Models").

GPUs from Ampere on may run float32 convolutions in TF32: inputs and weights rounded to 10
mantissa bits, products accumulated in float32. This emulates that on the CPU (every Conv2d's
input and weights rounded to nearest) and prints the largest deviation from the self-test stored
in MODEL, measured as the workstation's SelfTest measures it:

    /usr/bin/python3 tools/selftest_tf32.py MODEL.onnx WEIGHTS.pt [--fp32]
"""
import argparse
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from deepchm.model.export import read_metadata  # noqa: E402
from deepchm.model.network import DeepCHM  # noqa: E402
from deepchm.reanchor import load_for  # noqa: E402
from deepchm.model.reference import reference_input  # noqa: E402
from deepchm.model.selftest import KEY, config_from_metadata  # noqa: E402


def tf32(t):
    bits = t.contiguous().view(torch.int32)
    return ((bits + 0x1000) & ~0x1FFF).view(torch.float32)


def deviation(ref, outs):
    """(largest deviation, where): sums against the output's sum of |v|, samples against its max |v|."""
    worst = (0.0, "")
    for name, t in zip(("saliency", "scores", "deltas"), outs):
        r, flat = ref[name], t[0].reshape(-1).double()
        scale = max(r["abs_sum"], 1e-6 * flat.numel())
        peak = max(abs(r["min"]), abs(r["max"]), 1e-6)
        worst = max(worst, (abs(float(flat.sum()) - r["sum"]) / scale, name + " sum"),
                    (abs(float(flat.abs().sum()) - r["abs_sum"]) / scale, name + " sum of |v|"))
        for i, v in r["samples"]:
            worst = max(worst, (abs(float(flat[i]) - v) / peak, "%s[%d]" % (name, i)))
    return worst


def main(argv=None):
    ap = argparse.ArgumentParser(description="TF32 rounding against a model's self-test")
    ap.add_argument("model")
    ap.add_argument("weights")
    ap.add_argument("--fp32", action="store_true", help="no rounding (the reference itself)")
    args = ap.parse_args(argv)
    torch.set_num_threads(2)
    meta = read_metadata(args.model)
    config = config_from_metadata(meta)
    model = DeepCHM(config)
    load_for(model, torch.load(args.weights, map_location="cpu"))
    model.eval()
    if not args.fp32:
        for m in model.modules():
            if isinstance(m, torch.nn.Conv2d):
                m.weight.data = tf32(m.weight.data)
                m.register_forward_pre_hook(lambda mod, inp: (tf32(inp[0]),))
    with torch.no_grad():
        outs = model(reference_input(config.input_height, config.input_width))
    dev, where = deviation(json.loads(meta[KEY]), outs)
    print("%s: largest deviation %.2e at %s" % ("fp32" if args.fp32 else "tf32", dev, where))


if __name__ == "__main__":
    sys.exit(main())
