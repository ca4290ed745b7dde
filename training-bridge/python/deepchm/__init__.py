"""DeepCHM detector: PyTorch model, ONNX export, parity references."""
