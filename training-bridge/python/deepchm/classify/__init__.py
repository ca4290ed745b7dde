"""The chromosome classifier: cut-outs, data, augmentation, model, training, export."""
