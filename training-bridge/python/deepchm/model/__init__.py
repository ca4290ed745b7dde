"""The DeepCHM network and what belongs to it: anchors, rotated boxes, targets, losses, the ONNX export."""
