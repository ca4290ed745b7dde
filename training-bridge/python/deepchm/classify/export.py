"""Exports the chromosome classifier to ONNX (contract karyo-classify-1, docs/karyogram.md).

    /usr/bin/python3 -m deepchm.classify.export --checkpoint RUN/best.pt --out model.onnx \
        [--version 1.0.0] [--figures figures.json] [--tta] [--checkpoint RUN2/best.pt ...]

Inputs: image float32 [N,1,96,48] (deepchm.classify.cutout), size float32 [N,1]
(ln(length / cell median length)). Outputs: probs float32 [N,25] (softmax over 1..22, X, Y,
not a chromosome), p_up float32 [N,1] (P(p-arm at the patch's top)). --tta exports the network
wrapped in FlipAveraged (four flipped views averaged inside the graph; same inputs and outputs,
metadata inference.tta = flip4). A repeated --checkpoint exports the networks' average
(Averaged, each member flip-averaged with --tta; metadata inference.members = N and
training.members = the checkpoints' epochs; no single member's validation figures).
"""
import argparse
import datetime
import json
import sys

import torch

from .model import CLASS_NAMES, Averaged, ChromosomeNet, FlipAveraged
from ..model.export import encode_metadata, read_metadata

CONTRACT = "karyo-classify-1"


def export(model, path, metadata):
    model.eval()
    img = torch.zeros(2, 1, 96, 48)
    size = torch.zeros(2, 1)
    with torch.no_grad():
        torch.onnx.export(model, (img, size), path, opset_version=13,
                          input_names=["image", "size"], output_names=["probs", "p_up"],
                          dynamic_axes={"image": {0: "n"}, "size": {0: "n"}, "probs": {0: "n"},
                                        "p_up": {0: "n"}},
                          do_constant_folding=True)
    meta = {"karyo.contract": CONTRACT,
            "model.name": metadata.get("name", "karyo-chromosome-classifier"),
            "model.version": metadata.get("version", "0.0.0"),
            "model.created": datetime.datetime.utcnow().replace(microsecond=0).isoformat() + "Z",
            "model.trained": "true",
            "classes": ",".join(CLASS_NAMES),
            "input.rows": "96", "input.cols": "48",
            "cutout.margin": "1.15", "cutout.bg_percentile": "0.90", "cutout.dark_percentile": "0.01"}
    for k, v in metadata.items():
        if k not in ("name", "version"):
            meta[k] = str(v)
    with open(path, "ab") as f:
        f.write(encode_metadata(meta))
    return meta


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--checkpoint", required=True, action="append",
                    help="a trained checkpoint; repeat to export the networks' average")
    ap.add_argument("--out", required=True)
    ap.add_argument("--version", default="1.0.0")
    ap.add_argument("--figures", help="JSON of validation figures to store as metadata")
    ap.add_argument("--tta", action="store_true", help="average four flipped views in the graph (FlipAveraged)")
    args = ap.parse_args(argv)
    states, nets = [], []
    for path in args.checkpoint:
        net = ChromosomeNet()
        try:
            st = torch.load(path, map_location="cpu")
            net.load_state_dict(st["model"])
        except Exception as e:  # unreadable, truncated, or another network's weights
            raise SystemExit(f"{path}: not a chromosome classifier checkpoint ({type(e).__name__}: {e})")
        states.append(st)
        nets.append(FlipAveraged(net) if args.tta else net)
    extra = {"version": args.version}
    if len(states) == 1:    # an average's figures are not any one member's: see training.members
        st = states[0]
        extra["training.epoch"] = st.get("epoch", "")
        if "val" in st:
            extra["training.val_top1"] = "%.4f" % st["val"]["val_top1"]
            extra["training.val_polarity"] = "%.4f" % st["val"]["val_polarity"]
    if args.figures:
        with open(args.figures) as f:
            extra["figures"] = json.dumps(json.load(f))
    if args.tta:
        extra["inference.tta"] = "flip4"
    model = nets[0]
    if len(nets) > 1:
        model = Averaged(nets)
        extra["inference.members"] = str(len(nets))
        extra["training.members"] = ",".join(str(s.get("epoch", "")) for s in states)
    export(model, args.out, extra)
    back = read_metadata(args.out)
    if back.get("karyo.contract") != CONTRACT:
        raise SystemExit("metadata did not read back from " + args.out)
    print(json.dumps({"out": args.out, "metadata": back}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
