"""Reference-output self-test stored in a model's own metadata (docs/reliability.md, "Models").

The exporter runs the network once on the formula input of `reference.py` and stores, under
`selftest.reference`, the input's definition and for every output its shape, float64 sum and
sum of |v|, and 400 stratified samples. The workstation rebuilds the input, runs the ONNX file
and refuses the model when its outputs differ beyond a tolerance relative to their magnitude:
weights overwritten by noise change them far more than BLAS or CPU/GPU float differences,
even where the counts barely move.

`karyo.exporter` says which exporter wrote the file; from EXPORTER_VERSION on every export
carries a self-test, so the workstation refuses a file that claims it and lacks one.

Stamp an existing model (the weights it was exported from are needed: ONNX Runtime is not
available to Python here), e.g. the shipped default:

  cd training-bridge/python && /usr/bin/python3 -m deepchm.model.selftest \
      ../../assets/models/deepchm-default.onnx \
      --weights ../../assets/models/checkpoints/deepchm-lite-1.4.0/weights.pt

The file is rewritten in place (or to --out) with every top-level field as it was and the
self-test entry replaced; the Java side then checks that the stamp matches the file.
"""
import argparse
import copy
import hashlib
import json
import os
import sys

import torch

from .export import decode_varint, encode_metadata, read_metadata, read_top_level_fields
from .network import AnchorConfig, DeepCHM, ModelConfig
from .reference import compute_reference

KEY = "selftest.reference"
EXPORTER_KEY = "karyo.exporter"
EXPORTER_VERSION = 3  # 2: self-test; 3: and the body digest
BODY_KEY = "karyo.body.sha256"
EXPORTER = "deepchm.export %d" % EXPORTER_VERSION
FORMAT = "karyo-selftest-1"


def compute(model: DeepCHM, config: ModelConfig) -> dict:
    """The self-test entry for `model`, computed in float32 on the CPU (a CUDA reference would
    carry TF32 rounding into every later check)."""
    cpu = model if next(model.parameters()).device.type == "cpu" else copy.deepcopy(model).cpu()
    ref = compute_reference(cpu, config)
    ref.pop("stats", None)  # counts at thresholds: the check compares raw outputs
    return {"format": FORMAT, **ref}


def body_digest(buf: bytes) -> str:
    """SHA-256 (hex) of every top-level ModelProto field but metadata_props (14), in file order:
    the graph with its weights, opsets and producer. Java recomputes it (OnnxMetadataFile): any
    change to the weights after export shows, even one the reference outputs cannot see."""
    h, pos = hashlib.sha256(), 0
    while pos < len(buf):
        start = pos
        key, pos = decode_varint(buf, pos)
        num, wire = key >> 3, key & 7
        if wire == 0:
            _, pos = decode_varint(buf, pos)
        elif wire == 2:
            n, pos = decode_varint(buf, pos)
            pos += n
        elif wire in (1, 5):
            pos += 8 if wire == 1 else 4
        else:
            raise ValueError("unsupported protobuf wire type %d at byte %d" % (wire, start))
        if pos > len(buf):
            raise ValueError("truncated protobuf field %d" % num)
        if num != 14:
            h.update(buf[start:pos])
    return h.hexdigest()


def entries(model: DeepCHM, config: ModelConfig, path: str) -> dict:
    """Metadata entries every export writes: who exported it, the self-test and the digest of the
    graph and weights torch.onnx.export wrote to `path`."""
    with open(path, "rb") as f:
        body = body_digest(f.read())
    return {EXPORTER_KEY: EXPORTER,
            KEY: json.dumps(compute(model, config), separators=(",", ":")),
            BODY_KEY: body}


def config_from_metadata(meta: dict) -> ModelConfig:
    """The network a contract file describes (architecture, anchors, input size)."""
    arch = json.loads(meta["model.architecture"])

    def nums(key):
        return tuple(float(v) for v in meta[key].split(","))

    anchors = AnchorConfig(base_size=float(meta["anchors.base_size"]), scales=nums("anchors.scales"),
                           ratios=nums("anchors.ratios"), angles=nums("anchors.angles"),
                           stride=int(meta["anchors.stride"]),
                           center_offset=float(meta["anchors.center_offset"]))
    return ModelConfig(backbone=arch["backbone"], width=float(arch["width"]),
                       decoder_channels=int(arch["decoder_channels"]),
                       head_channels=int(arch["head_channels"]),
                       aspp_rates=tuple(int(r) for r in arch["aspp_rates"]),
                       use_pmInf=bool(arch["use_pmInf"]), anchors=anchors,
                       input_height=int(meta["input.height"]), input_width=int(meta["input.width"]))


def rewrite(path: str, out: str, new: dict) -> None:
    """Writes `out` as `path`, every top-level field byte for byte, with the metadata entries
    named in `new` replaced by theirs (appended at the end)."""
    with open(path, "rb") as f:
        buf = f.read()
    keep, pos = bytearray(), 0
    while pos < len(buf):
        start = pos
        key, pos = decode_varint(buf, pos)
        num, wire = key >> 3, key & 7
        if wire == 0:
            _, pos = decode_varint(buf, pos)
        elif wire == 2:
            n, pos = decode_varint(buf, pos)
            value, pos = buf[pos:pos + n], pos + n
            if num == 14 and {k: v for k, _, v in read_top_level_fields(value)}.get(1, b"").decode("utf-8") in new:
                continue
        elif wire in (1, 5):
            pos += 8 if wire == 1 else 4
        else:
            raise ValueError("%s: unsupported protobuf wire type %d at byte %d" % (path, wire, start))
        keep += buf[start:pos]
    tmp = out + ".tmp"
    with open(tmp, "wb") as f:
        f.write(bytes(keep) + encode_metadata(new))
    os.replace(tmp, out)


def stamp(onnx_path: str, weights: str, out: str = None) -> dict:
    """Adds the self-test to an existing export, computed from the weights it was exported from."""
    from .reanchor import load_for
    meta = read_metadata(onnx_path)
    config = config_from_metadata(meta)
    model = DeepCHM(config)
    load_for(model, torch.load(weights, map_location="cpu"))
    model.eval()
    with open(onnx_path, "rb") as f:
        body = body_digest(f.read())
    entry = {KEY: json.dumps(compute(model, config), separators=(",", ":")), BODY_KEY: body}
    rewrite(onnx_path, out or onnx_path, entry)
    return entry


def main(argv=None):
    ap = argparse.ArgumentParser(description="Stores a reference-output self-test in an ONNX model")
    ap.add_argument("model")
    ap.add_argument("--weights", required=True, help="checkpoint the model was exported from")
    ap.add_argument("--out", default=None, help="write here instead of rewriting MODEL")
    args = ap.parse_args(argv)
    torch.set_num_threads(2)
    entry = stamp(args.model, args.weights, args.out)
    path = args.out or args.model
    print(json.dumps({"path": path, "bytes": os.path.getsize(path), "selftest_chars": len(entry[KEY])}))


if __name__ == "__main__":
    sys.exit(main())
