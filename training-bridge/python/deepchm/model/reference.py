"""PyTorch reference outputs for ONNX parity tests (the Java side compares).

The input is defined by a formula so Java can rebuild it without a data file:
  v(y, x) = 127.5 + 127.5 * sin(0.05*x + 0.07*y) * cos(0.03*x - 0.02*y)
computed in float64, then cast to float32.

For every output: shape, float64 sum, float64 sum of |v| and 400 samples
[flat row-major index (batch 0), value]. Sample i lies in stratum i of 400
equal slices of the tensor (random position inside, fixed-seed RNG), so the
samples cover all channels/anchors.
"""
import json
import random

import torch

from .network import DeepCHM, ModelConfig

INPUT_FORMULA = ("v = 127.5 + 127.5 * sin(0.05*x + 0.07*y) * cos(0.03*x - 0.02*y), "
                 "float64 then float32; x = column, y = row")
SAMPLES = 400
SAMPLE_SEED = 20260101


def reference_input(height: int, width: int) -> torch.Tensor:
    """[1, 1, H, W] float32 deterministic test image."""
    y = torch.arange(height, dtype=torch.float64).view(-1, 1)
    x = torch.arange(width, dtype=torch.float64).view(1, -1)
    v = 127.5 + 127.5 * torch.sin(0.05 * x + 0.07 * y) * torch.cos(0.03 * x - 0.02 * y)
    return v.to(torch.float32).view(1, 1, height, width)


def sample_indices(n: int, count: int = SAMPLES, seed: int = SAMPLE_SEED):
    rng = random.Random(seed)
    count = min(count, n)
    out = []
    for i in range(count):
        lo, hi = (i * n) // count, ((i + 1) * n) // count
        out.append(rng.randrange(lo, hi))
    return out


def describe(t: torch.Tensor) -> dict:
    flat = t[0].reshape(-1).to(torch.float64)  # batch 0, row-major
    idx = sample_indices(flat.numel())
    vals = flat[idx].tolist()
    return {"shape": list(t.shape),
            "sum": float(flat.sum()),
            "abs_sum": float(flat.abs().sum()),
            "min": float(flat.min()), "max": float(flat.max()),
            "samples": [[i, v] for i, v in zip(idx, vals)]}


def compute_reference(model: DeepCHM, config: ModelConfig) -> dict:
    model.eval()
    image = reference_input(config.input_height, config.input_width)
    with torch.no_grad():
        outs = model(image)
    ref = {"input": {"formula": INPUT_FORMULA, "shape": list(image.shape),
                     "sum": float(image.to(torch.float64).sum())},
           "sample_rule": "stratified: sample i in [i*n/400, (i+1)*n/400), Python "
                          "random.Random(%d).randrange" % SAMPLE_SEED}
    for name, t in zip(("saliency", "scores", "deltas"), outs):
        ref[name] = describe(t)
    # Handy for pipeline tests on a random model: how much survives the defaults.
    sal, scores = outs[0], outs[1]
    ref["stats"] = {"skeleton_cells_ge_0.2": int((sal[0, 0] >= 0.2).sum()),
                    "skeleton_cells_ge_0.01": int((sal[0, 0] >= 0.01).sum()),
                    "scores_ge_0.5": int((scores >= 0.5).sum()),
                    "scores_ge_0.02": int((scores >= 0.02).sum()),
                    "max_skeleton": float(sal[0, 0].max()),
                    "max_score": float(scores.max())}
    return ref


def write_reference(model: DeepCHM, config: ModelConfig, path: str) -> dict:
    ref = compute_reference(model, config)
    with open(path, "w") as f:
        # Full float64 repr so Java compares against the exact PyTorch values.
        json.dump(ref, f, separators=(",", ":"))
        f.write("\n")
    return ref
