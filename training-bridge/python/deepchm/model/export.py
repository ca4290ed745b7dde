"""Export a DeepCHM model to ONNX (contract `deepchm-onnx-1`, docs/onnx-contract.md).

The `onnx` Python package is not available, so metadata_props are written
by hand: ModelProto field 14 is `repeated StringStringEntryProto` and
protobuf parsers merge repeated fields found anywhere in the message, so
appending encoded entries to the file torch wrote is a valid model.

CLI (run from training-bridge/python):
  /usr/bin/python3 -m deepchm.model.export --random --preset tiny --input 128x192 \
      --seed 0 --out model.onnx [--name NAME] [--reference ref.json]
"""
import argparse
import datetime
import json
import os
import sys
import warnings

import torch
from torch import nn

from .network import (DeepCHM, ModelConfig, NORM_MEAN, NORM_SCALE, PRESETS,
                      count_macs, count_parameters, preset)

CONTRACT = "deepchm-onnx-1"
OUTPUT_NAMES = ["saliency", "scores", "deltas"]
METADATA_FIELD_TAG = 0x72  # field 14, wire type 2 (length-delimited)


# ---- protobuf helpers -------------------------------------------------------

def encode_varint(n: int) -> bytes:
    if n < 0:
        raise ValueError("varint must be non-negative")
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def decode_varint(buf: bytes, pos: int):
    shift = result = 0
    while True:
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, pos
        shift += 7


def _len_field(tag: int, payload: bytes) -> bytes:
    return bytes([tag]) + encode_varint(len(payload)) + payload


def encode_metadata(metadata: dict) -> bytes:
    """Serialized `metadata_props` entries (key=field 1, value=field 2)."""
    out = bytearray()
    for key, value in metadata.items():
        entry = (_len_field(0x0A, str(key).encode("utf-8")) +
                 _len_field(0x12, str(value).encode("utf-8")))
        out += _len_field(METADATA_FIELD_TAG, entry)
    return bytes(out)


def read_top_level_fields(buf: bytes):
    """Walks the top-level fields of a serialized message: [(field, wire, value)].
    Length-delimited values are returned as bytes; others as ints."""
    pos, fields = 0, []
    while pos < len(buf):
        key, pos = decode_varint(buf, pos)
        num, wire = key >> 3, key & 7
        if wire == 0:
            val, pos = decode_varint(buf, pos)
        elif wire == 2:
            n, pos = decode_varint(buf, pos)
            val, pos = buf[pos:pos + n], pos + n
        elif wire == 1:
            val, pos = int.from_bytes(buf[pos:pos + 8], "little"), pos + 8
        elif wire == 5:
            val, pos = int.from_bytes(buf[pos:pos + 4], "little"), pos + 4
        else:
            raise ValueError("unsupported wire type %d at %d" % (wire, pos))
        fields.append((num, wire, val))
    if pos != len(buf):
        raise ValueError("trailing bytes")
    return fields


def read_metadata(path: str) -> dict:
    """metadata_props of an ONNX file, parsed by walking the whole ModelProto."""
    with open(path, "rb") as f:
        buf = f.read()
    meta = {}
    for num, wire, val in read_top_level_fields(buf):
        if num == 14 and wire == 2:
            entry = {n: v for n, _, v in read_top_level_fields(val)}
            meta[entry.get(1, b"").decode("utf-8")] = entry.get(2, b"").decode("utf-8")
    return meta


# ---- metadata ----------------------------------------------------------------

def _numbers(values) -> str:
    return ",".join(str(int(v)) if float(v).is_integer() else repr(float(v))
                    for v in values)


def architecture(model: DeepCHM, config: ModelConfig) -> dict:
    return {"family": "deepchm", "backbone": config.backbone, "width": config.width,
            "decoder_channels": config.decoder_channels,
            "head_channels": config.head_channels,
            "aspp_rates": list(config.aspp_rates), "use_pmInf": config.use_pmInf,
            "normalisation": "(x - %g) / %g" % (NORM_MEAN, NORM_SCALE),
            "norm_layer": "batchnorm", "anchors_per_cell": model.num_anchors,
            "parameters": count_parameters(model)}


def contract_metadata(model: DeepCHM, config: ModelConfig, extra: dict) -> dict:
    """All keys of docs/onnx-contract.md; `extra` overrides/adds (name, training.*)."""
    a = config.anchors
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    meta = {
        "karyo.contract": CONTRACT,
        "model.name": "deepchm",
        "model.version": "0.1.0",
        "model.created": now.isoformat().replace("+00:00", "Z"),
        "model.trained": "false",
        "model.architecture": architecture(model, config),
        "input.height": str(config.input_height),
        "input.width": str(config.input_width),
        "input.background": "255",
        "anchors.stride": str(a.stride),
        "anchors.base_size": _numbers([a.base_size]),
        "anchors.scales": _numbers(a.scales),
        "anchors.ratios": _numbers(a.ratios),
        "anchors.angles": _numbers(a.angles),
        "anchors.center_offset": _numbers([a.center_offset]),
        "thresholds.loc": "0.2",
        "thresholds.score": "0.5",
        "thresholds.nms": "0.2",
        "training.data": {},
        "training.settings": {},
        "training.metrics": {},
    }
    meta.update(extra or {})
    # JSON-valued keys: dicts/lists are serialised, strings are kept as given.
    return {k: (json.dumps(v, sort_keys=True) if isinstance(v, (dict, list)) else str(v))
            for k, v in meta.items()}


# ---- export ------------------------------------------------------------------

def export_onnx(model: DeepCHM, config: ModelConfig, path: str, metadata: dict) -> dict:
    """Writes the ONNX graph and appends the contract metadata, the exporter's name
    (`karyo.exporter`) and the self-test (`selftest.reference`). Returns the metadata
    actually written."""
    model.eval()
    dummy = torch.full((1, 1, config.input_height, config.input_width), 255.0)
    with torch.no_grad(), warnings.catch_warnings():
        # torch 1.13 warns about shape inference of prim::Constant for the
        # resize scales; harmless here, shapes are static.
        warnings.filterwarnings("ignore", message="The shape inference of prim::Constant")
        torch.onnx.export(model, dummy, path, opset_version=17,
                          input_names=["image"], output_names=OUTPUT_NAMES,
                          do_constant_folding=True)
    meta = contract_metadata(model, config, metadata)
    # who exported it and the reference-output self-test the workstation runs at activation
    # (deepchm/model/selftest.py; imported here, it imports this module)
    from .selftest import entries
    meta.update(entries(model, config, path))
    with open(path, "ab") as f:
        f.write(encode_metadata(meta))
    return meta


def calibrate_batchnorm(model: nn.Module, config: ModelConfig, seed: int, batches: int = 2):
    """Random weights with BatchNorm at its defaults (mean 0, var 1) make
    activations grow block after block; running stats from a few smooth
    synthetic images keep the random fixture's outputs in a sane range."""
    gen = torch.Generator().manual_seed(seed + 1)
    bns = [m for m in model.modules() if isinstance(m, nn.BatchNorm2d)]
    for m in bns:
        m.reset_running_stats()
        m.momentum = None  # cumulative average over the calibration batches
    model.train()
    h, w = config.input_height, config.input_width
    with torch.no_grad():
        for _ in range(batches):
            low = torch.rand(2, 1, h // 16, w // 16, generator=gen)
            model(255.0 * nn.functional.interpolate(low, size=(h, w), mode="bilinear",
                                                    align_corners=False))
    for m in bns:
        m.momentum = 0.1
    model.eval()


def build_random(preset_name: str, height: int, width: int, seed: int) -> tuple:
    torch.manual_seed(seed)
    config = preset(preset_name, height, width)
    model = DeepCHM(config)
    calibrate_batchnorm(model, config, seed)
    return model, config


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--random", action="store_true", required=True,
                    help="random (seeded) weights; trained export comes later")
    ap.add_argument("--preset", choices=sorted(PRESETS), default="tiny")
    ap.add_argument("--input", default="512x768", help="HxW, multiples of 32")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", required=True)
    ap.add_argument("--name", default=None)
    ap.add_argument("--version", default="0.1.0")
    ap.add_argument("--reference", default=None,
                    help="also write PyTorch reference outputs (JSON) for parity tests")
    args = ap.parse_args(argv)
    torch.set_num_threads(2)
    h, w = (int(v) for v in args.input.lower().split("x"))
    model, config = build_random(args.preset, h, w, args.seed)
    name = args.name or "deepchm-%s-random" % args.preset
    extra = {"model.name": name, "model.version": args.version, "model.trained": "false",
             "training.data": {"kind": "none", "note": "random weights, untrained"},
             "training.settings": {"random": True, "seed": args.seed, "preset": args.preset,
                                   "batchnorm_calibration": "2 batches of 2 smooth noise images"},
             "training.metrics": {}}
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    export_onnx(model, config, args.out, extra)
    read_back = read_metadata(args.out)
    if read_back.get("karyo.contract") != CONTRACT:
        raise SystemExit("metadata did not read back from " + args.out)
    if args.reference:
        from .reference import write_reference
        write_reference(model, config, args.reference)
    print(json.dumps({"path": args.out, "bytes": os.path.getsize(args.out),
                      "parameters": count_parameters(model),
                      "macs": count_macs(model, h, w),
                      "anchors_per_cell": model.num_anchors,
                      "metadata_keys": len(read_back), "reference": args.reference}))


if __name__ == "__main__":
    sys.exit(main())
